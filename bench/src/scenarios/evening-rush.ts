/**
 * The evening rush of a meetup app: N users, each with a WebSocket, moving
 * about (location updates), looking around (nearby searches), hosts inviting
 * people to their activities and the invited answering as the invitation
 * reaches their socket, and pairs chatting — all at once, open loop, for a
 * measured window, with the server's CPU and memory over it.
 */
import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { openSocket, postJson, type BenchUser, type ServerFrame } from '../lib/api.js';
import { freshDatabase } from '../lib/database.js';
import { HttpClient } from '../lib/http-client.js';
import { OpStats, openLoop } from '../lib/op-stats.js';
import { cpuMeter, cpuMeterNamed, eventLoopLag, mib, rssBytes } from '../lib/process-stats.js';
import type { ResultRow, ScenarioResult } from '../lib/report.js';
import { setting, sleep } from '../lib/scale.js';
import { seedUsers } from '../lib/seed-users.js';
import { startServer } from '../lib/server-process.js';
import { seedPositions } from './nearby.js';

const USERS = setting('BENCH_RUSH_USERS', 5_000, 300);
const SECONDS = setting('BENCH_RUSH_SECONDS', 60, 10);
const HOSTS = Math.round(USERS / 20);
const PAIRS = Math.round(USERS / 5);
/** Each user sends a fix this often, and searches nearby this often. */
const LOCATION_EVERY_S = 60;
const NEARBY_EVERY_S = 120;
/** Each chatting pair exchanges a message this often. */
const CHAT_EVERY_S = 5;
/** Each host sends an invitation this often. */
const INVITE_EVERY_S = 25;
/** An invited user answers this long after the invitation reaches their socket; 60 % accept. */
const ANSWER_AFTER_MS = 500;
const ACCEPT_SHARE = 0.6;
const DRAIN_SECONDS = 5;
/** Keep-alive connections the simulated users' HTTP calls share. */
const HTTP_CONNECTIONS = 128;
const HOUR = 3_600_000;
const METRES_PER_DEGREE = 111_320;

interface Rusher extends BenchUser {
  lat: number;
  lon: number;
  socket?: WebSocket;
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pooled<T>(items: T[], concurrency: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

export async function eveningRushScenario(): Promise<ScenarioResult> {
  const { url, db } = await freshDatabase('rush');
  const secret = randomBytes(32).toString('hex');
  const server = await startServer({
    DATABASE_URL: url,
    JWT_SECRET: secret,
    // Every simulated user comes from this one address; the per-user budgets stay as configured.
    RATE_LIMIT_ADDRESS_FACTOR: '1000000',
  });
  const base = server.url;
  const http = new HttpClient(base, HTTP_CONNECTIONS);
  const users: Rusher[] = [];
  try {
    const seeded = await seedUsers(db, secret, 'rush', USERS);
    const points = await seedPositions(
      db,
      seeded.map((u) => u.id),
    );
    users.push(...seeded.map((u, i) => ({ ...u, ...points[i]! })));
    const hosts = users.slice(0, HOSTS);
    const guests = users.slice(HOSTS);
    const activityOf = new Map<number, number>();
    const now = Date.now();
    await pooled(hosts, 8, async (host) => {
      const activity = await postJson<{ id: number }>(
        `${base}/activities/`,
        {
          title: 'Drinks after work',
          latitude: host.lat,
          longitude: host.lon,
          startTime: new Date(now + 2 * HOUR).toISOString(),
          endTime: new Date(now + 5 * HOUR).toISOString(),
          maxParticipants: 20,
        },
        host.token,
      );
      activityOf.set(host.id, activity.id);
    });
    const pairs: { a: Rusher; b: Rusher; roomId: number }[] = [];
    const pairUsers = Array.from({ length: PAIRS }, (_, i) => [guests[2 * i]!, guests[2 * i + 1]!] as const);
    await pooled(pairUsers, 8, async ([a, b]) => {
      const room = await postJson<{ id: number }>(`${base}/chat/rooms/`, { participant2Id: b.id }, a.token);
      pairs.push({ a, b, roomId: room.id });
    });

    const stats = {
      location: new OpStats('location update'),
      nearby: new OpStats('nearby search'),
      invite: new OpStats('invitation sent', ['ALREADY_INVITED', 'ALREADY_PARTICIPANT', 'ACTIVITY_FULL']),
      answer: new OpStats('invitation answered', ['ACTIVITY_FULL', 'INVITATION_NOT_PENDING']),
      chatAck: new OpStats('chat message acked'),
      chatDelivered: new OpStats('chat message delivered'),
    };
    let counting = false;
    const chatDue = new Map<string, number>();
    const answer = (me: Rusher, invitationId: number): void => {
      const dueAt = performance.now() + ANSWER_AFTER_MS;
      stats.answer.issued += 1;
      setTimeout(() => {
        const verb = Math.random() < ACCEPT_SHARE ? 'accept' : 'decline';
        void http.call('PUT', `/invitations/${invitationId}/${verb}`, me.token).then((r) => {
          if (!counting) return;
          if (r.ok) stats.answer.succeeded(performance.now() - dueAt);
          else stats.answer.failed(r.code);
        });
      }, ANSWER_AFTER_MS);
    };
    const onFrame = (me: Rusher, frame: ServerFrame): void => {
      if (!counting) return;
      if (frame.type === 'ack') {
        const id = String(frame.data.requestId);
        const dueAt = chatDue.get(id);
        if (dueAt !== undefined) stats.chatAck.succeeded(performance.now() - dueAt);
      } else if (frame.type === 'error' && typeof frame.data.requestId === 'string') {
        if (chatDue.has(frame.data.requestId)) stats.chatAck.failed(String(frame.data.code));
      } else if (frame.type === 'message.created' && frame.data.senderId !== me.id) {
        const dueAt = chatDue.get(String(frame.data.clientMessageId));
        if (dueAt !== undefined) stats.chatDelivered.succeeded(performance.now() - dueAt);
      } else if (frame.type === 'invitation.created' && frame.data.receiverId === me.id) {
        answer(me, Number(frame.data.id));
      }
    };
    for (let start = 0; start < users.length; start += 250) {
      await Promise.all(
        users.slice(start, start + 250).map(async (u) => {
          u.socket = await openSocket(base, u.token, (frame) => onFrame(u, frame));
        }),
      );
    }

    const timed = (op: OpStats, dueAt: number, result: Promise<{ ok: boolean; code: string }>): void => {
      op.issued += 1;
      void result.then((r) => {
        if (!counting) return;
        if (r.ok) op.succeeded(performance.now() - dueAt);
        else op.failed(r.code);
      });
    };
    let chatted = 0;
    const schedules = [
      {
        rate: USERS / LOCATION_EVERY_S,
        fire: (dueAt: number) => {
          const u = pick(users);
          // A walk of up to 50 m in any direction.
          const step = Math.random() * 50;
          const heading = Math.random() * 2 * Math.PI;
          u.lat += (step * Math.sin(heading)) / METRES_PER_DEGREE;
          u.lon += (step * Math.cos(heading)) / (METRES_PER_DEGREE * Math.cos((u.lat * Math.PI) / 180));
          timed(
            stats.location,
            dueAt,
            http.call('POST', '/locations/', u.token, { latitude: u.lat, longitude: u.lon, accuracy: 15 }),
          );
        },
      },
      {
        rate: USERS / NEARBY_EVERY_S,
        fire: (dueAt: number) =>
          timed(stats.nearby, dueAt, http.call('GET', '/users/nearby?radius=5000&limit=20', pick(users).token)),
      },
      {
        rate: HOSTS / INVITE_EVERY_S,
        fire: (dueAt: number) => {
          const host = pick(hosts);
          const body = {
            receiverId: pick(guests).id,
            activityId: activityOf.get(host.id)!,
            iceBreakerQuestion: 'What would you order first?',
          };
          timed(stats.invite, dueAt, http.call('POST', '/invitations/', host.token, body));
        },
      },
      {
        rate: PAIRS / CHAT_EVERY_S,
        fire: (dueAt: number) => {
          const n = chatted++;
          const pair = pairs[n % pairs.length]!;
          const from = Math.floor(n / pairs.length) % 2 === 0 ? pair.a : pair.b;
          const id = `rush-${n}`;
          chatDue.set(id, dueAt);
          stats.chatAck.issued += 1;
          stats.chatDelivered.issued += 1;
          from.socket!.send(
            JSON.stringify({
              type: 'message.send',
              data: { chatRoomId: pair.roomId, content: `See you at eight? ${n}`, clientMessageId: id, requestId: id },
            }),
          );
        },
      },
    ];

    counting = true;
    const serverCpu = cpuMeter(server.pid);
    const postgresCpu = cpuMeterNamed('postgres');
    const loadCpu = cpuMeter(process.pid);
    const loadLag = eventLoopLag();
    await openLoop(schedules, SECONDS);
    const cpu = { server: serverCpu(), postgres: postgresCpu(), load: loadCpu(), loadLagMs: loadLag() };
    const rss = rssBytes(server.pid);
    const all = Object.values(stats);
    const drainUntil = performance.now() + DRAIN_SECONDS * 1000;
    while (performance.now() < drainUntil && all.some((s) => s.answered < s.issued)) await sleep(50);
    counting = false;

    const rows: ResultRow[] = all.map((s) => ({
      label: s.name,
      figures: s.summary(SECONDS),
      target: 'no errors, nothing unanswered',
      met: s.errors === 0 && s.answered === s.issued,
    }));
    rows.push({
      label: 'server',
      figures: {
        sockets: users.length,
        CPU: `${cpu.server.toFixed(0)} %`,
        RSS: `${mib(rss).toFixed(0)} MiB`,
        'PG CPU': `${cpu.postgres.toFixed(0)} %`,
        'load CPU': `${cpu.load.toFixed(0)} %`,
        'load lag p99': `${cpu.loadLagMs.toFixed(0)} ms`,
      },
    });
    return {
      scenario: 'evening rush',
      setup:
        `${USERS.toLocaleString('en')} users each with a socket, for ${SECONDS} s open loop: a fix every ${LOCATION_EVERY_S} s and a ` +
        `nearby search every ${NEARBY_EVERY_S} s per user (${(USERS / LOCATION_EVERY_S).toFixed(0)}/s and ${(USERS / NEARBY_EVERY_S).toFixed(0)}/s), ` +
        `${HOSTS} hosts inviting a random user every ${INVITE_EVERY_S} s (${(HOSTS / INVITE_EVERY_S).toFixed(0)}/s), answered ` +
        `${ANSWER_AFTER_MS} ms after the invitation reaches the socket (${ACCEPT_SHARE * 100} % accept), ${PAIRS} pairs ` +
        `chatting, one message per pair every ${CHAT_EVERY_S} s (${(PAIRS / CHAT_EVERY_S).toFixed(0)}/s)`,
      rows,
      notes: [
        'Latency from each operation’s due time (an answer is due when its invitation reached the socket plus the delay).',
        'Refused = answers the rules call for under this mix (already invited, activity full, already answered); errors = anything else.',
      ],
    };
  } finally {
    for (const u of users) u.socket?.terminate();
    http.close();
    await sleep(1000);
    await server.stop();
    await db.destroy();
  }
}
