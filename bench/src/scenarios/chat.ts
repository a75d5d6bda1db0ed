/**
 * Chat messages through the real-time gateway: P pairs of WebSocket clients,
 * open-loop target rates swept upwards until the knee, send→deliver latency
 * at the receiving socket, on one instance and on two sharing PostgreSQL and Redis.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type WebSocket from 'ws';
import { openSocket, postJson, type BenchUser, type ServerFrame } from '../lib/api.js';
import { freshDatabase } from '../lib/database.js';
import { cpuMeter, cpuMeterNamed, eventLoopLag, mib, rssBytes } from '../lib/process-stats.js';
import type { ResultRow, ScenarioResult } from '../lib/report.js';
import { listSetting, REDIS_URL, setting, sleep } from '../lib/scale.js';
import { seedUsers } from '../lib/seed-users.js';
import { startServer, type RunningServer } from '../lib/server-process.js';
import { percentile } from '../lib/stats.js';

const PAIRS = setting('BENCH_PAIRS', 50, 5);
const RATES = listSetting('BENCH_CHAT_RATES', [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000], [100, 200]);
const SECONDS = setting('BENCH_CHAT_SECONDS', 10, 3);
const WARMUP_SECONDS = 2;
const DRAIN_SECONDS = setting('BENCH_DRAIN_SECONDS', 5, 3);
/** Past this p99 a rate is beyond the knee and the sweep stops. */
const P99_BOUND_MS = setting('BENCH_CHAT_P99_BOUND_MS', 1000, 1000);
const SEND = (process.env.BENCH_SEND ?? 'ws') as 'ws' | 'rest';
if (SEND !== 'ws' && SEND !== 'rest') throw new Error('BENCH_SEND must be ws or rest');

const TARGET = { rate: 4000, p99Ms: 100 };

interface Pair {
  sender: BenchUser;
  roomId: number;
  senderSocket: WebSocket;
}

interface Outgoing {
  /** Intended send time (performance.now()), so a stalled sender cannot hide latency. */
  dueAt: number;
  measured: boolean;
  acked: boolean;
  delivered: boolean;
  /** Refused by the server (an error frame or a non-2xx answer). */
  failed: boolean;
}

/** One target rate: what was sent, answered, delivered and stored. */
interface Step {
  rate: number;
  sent: number;
  acked: number;
  delivered: number;
  failed: number;
  duplicates: number;
  latenciesMs: number[];
  outgoing: Map<string, Outgoing>;
  counting: boolean;
}

type Mode = 'single' | 'redis';

async function runMode(mode: Mode): Promise<ResultRow[]> {
  const { url, db } = await freshDatabase('chat');
  const secret = randomBytes(32).toString('hex');
  const env: Record<string, string> = {
    DATABASE_URL: url,
    // Both instances must accept each other's tokens.
    JWT_SECRET: secret,
    RATE_LIMIT_MESSAGES_PER_MINUTE: '100000000',
    WS_FRAMES_PER_SECOND: '100000',
    ...(mode === 'redis' ? { REDIS_URL } : {}),
  };
  const servers: RunningServer[] = [await startServer(env)];
  if (mode === 'redis') servers.push(await startServer(env));
  const a = servers[0]!;
  const b = servers[servers.length - 1]!;
  const sockets: WebSocket[] = [];
  const rows: ResultRow[] = [];
  let step: Step | undefined;
  let errorFrames = 0;
  try {
    const users = await seedUsers(db, secret, `chat-${mode}`, PAIRS * 2);
    const onAck = (id: string): void => {
      const message = step?.counting ? step.outgoing.get(id) : undefined;
      if (!message || message.acked) return;
      message.acked = true;
      if (message.measured) step!.acked += 1;
    };
    const onFailed = (id: string): void => {
      const message = step?.counting ? step.outgoing.get(id) : undefined;
      if (!message || message.failed) return;
      message.failed = true;
      if (message.measured) step!.failed += 1;
    };
    const onReceived = (frame: ServerFrame, me: number): void => {
      if (!step?.counting || frame.type !== 'message.created' || frame.data.senderId === me) return;
      const message = step.outgoing.get(frame.data.clientMessageId as string);
      if (!message) return;
      if (message.delivered) {
        step.duplicates += 1;
        return;
      }
      message.delivered = true;
      if (!message.measured) return;
      step.delivered += 1;
      step.latenciesMs.push(performance.now() - message.dueAt);
    };

    const pairs: Pair[] = [];
    for (let i = 0; i < PAIRS; i += 1) {
      const sender = users[2 * i]!;
      const receiver = users[2 * i + 1]!;
      const { id: roomId } = await postJson<{ id: number }>(
        `${a.url}/chat/rooms/`,
        { participant2Id: receiver.id },
        sender.token,
      );
      // Senders on A, receivers on B: with two instances every message crosses Redis.
      const senderSocket = await openSocket(a.url, sender.token, (frame) => {
        if (frame.type === 'ack') onAck(String(frame.data.requestId));
        else if (frame.type === 'error') {
          const id = frame.data.requestId;
          if (typeof id === 'string') onFailed(id);
          if ((errorFrames += 1) <= 5) console.error(`error frame: ${JSON.stringify(frame.data)}`);
        }
      });
      const receiverSocket = await openSocket(b.url, receiver.token, (frame) => onReceived(frame, receiver.id));
      sockets.push(senderSocket, receiverSocket);
      pairs.push({ sender, roomId, senderSocket });
    }

    const send = (pair: Pair, id: string, dueAt: number): void => {
      const content = `bench ${id} ${dueAt.toFixed(3)}`;
      if (SEND === 'ws') {
        pair.senderSocket.send(
          JSON.stringify({
            type: 'message.send',
            data: { chatRoomId: pair.roomId, content, clientMessageId: id, requestId: id },
          }),
        );
        return;
      }
      postJson(`${a.url}/chat/messages/`, { chatRoomId: pair.roomId, content, clientMessageId: id }, pair.sender.token)
        .then(() => onAck(id))
        .catch((error: unknown) => {
          if ((errorFrames += 1) <= 5) console.error(String(error));
          onFailed(id);
        });
    };

    /** Open loop: message n of a phase is due at start + n / rate, whatever happened to the ones before. */
    const phase = async (current: Step, seconds: number, measured: boolean, tag: string): Promise<void> => {
      const total = Math.round(seconds * current.rate);
      const start = performance.now();
      let n = 0;
      while (n < total) {
        const due = Math.min(total, Math.floor(((performance.now() - start) * current.rate) / 1000) + 1);
        for (; n < due; n += 1) {
          const id = `${tag}-${n}`;
          const dueAt = start + (n * 1000) / current.rate;
          current.outgoing.set(id, { dueAt, measured, acked: false, delivered: false, failed: false });
          if (measured) current.sent += 1;
          send(pairs[n % pairs.length]!, id, dueAt);
        }
        await new Promise((resolve) => setImmediate(resolve));
        if (n < total) await sleep(1);
      }
    };

    for (const rate of RATES) {
      const current: Step = {
        rate,
        sent: 0,
        acked: 0,
        delivered: 0,
        failed: 0,
        duplicates: 0,
        latenciesMs: [],
        outgoing: new Map(),
        counting: true,
      };
      step = current;
      const tag = `${mode}-${rate}`;
      await phase(current, WARMUP_SECONDS, false, `${tag}-warm`);
      const meters = servers.map((s) => cpuMeter(s.pid));
      const postgresMeter = cpuMeterNamed('postgres');
      const loadMeter = cpuMeter(process.pid);
      const loadLag = eventLoopLag();
      await phase(current, SECONDS, true, `${tag}-run`);
      const loadLagMs = loadLag();
      const cpuPercent = meters.map((m) => m());
      const postgresCpu = postgresMeter();
      const loadCpu = loadMeter();
      const rssMiB = servers.map((s) => mib(rssBytes(s.pid)));

      const settled = (m: Outgoing): boolean => m.failed || (m.acked && m.delivered);
      const drainUntil = performance.now() + DRAIN_SECONDS * 1000;
      while (performance.now() < drainUntil && ![...current.outgoing.values()].every(settled)) await sleep(50);
      // Figures freeze when the drain ends; late answers are not counted.
      current.counting = false;
      let lost = 0;
      let inFlight = 0;
      let ackedAll = 0;
      let refused = 0;
      for (const message of current.outgoing.values()) {
        if (message.measured && message.acked && !message.delivered) lost += 1;
        if (!message.acked && !message.failed) inFlight += 1;
        if (message.acked) ackedAll += 1;
        if (message.failed) refused += 1;
      }
      const counted = await sql<{ n: string }>`
        SELECT count(*) AS n FROM chat_messages WHERE client_message_id LIKE ${`${tag}-%`}`.execute(db);
      const committed = Number(counted.rows[0]!.n);
      // Settled steps must match exactly; with messages still in flight, acked ≤ rows ≤ sent − refused.
      const consistent =
        inFlight === 0 ? committed === ackedAll : ackedAll <= committed && committed <= current.outgoing.size - refused;
      current.latenciesMs.sort((x, y) => x - y);
      const deliveredPerSecond = current.delivered / SECONDS;
      const p99 = percentile(current.latenciesMs, 99);
      const join = (values: number[]): string => values.map((v) => v.toFixed(0)).join('+');
      rows.push({
        label: `${mode === 'single' ? 'one instance' : 'two instances + Redis'}, ${rate.toLocaleString('en')}/s`,
        figures: {
          'delivered/s': deliveredPerSecond,
          p50: `${percentile(current.latenciesMs, 50).toFixed(1)} ms`,
          p95: `${percentile(current.latenciesMs, 95).toFixed(1)} ms`,
          p99: `${p99.toFixed(1)} ms`,
          // With messages still in flight when the drain ended, undelivered ones may only be late.
          [inFlight === 0 ? 'lost' : 'undelivered at drain end']: lost,
          failed: current.failed,
          dup: current.duplicates,
          'in flight': inFlight,
          committed: `${committed} rows of ${ackedAll} acked (${consistent ? 'consistent' : 'MISMATCH'})`,
          RSS: `${join(rssMiB)} MiB`,
          CPU: `${join(cpuPercent)} %`,
          'PG CPU': `${postgresCpu.toFixed(0)} %`,
          'load CPU': `${loadCpu.toFixed(0)} %`,
          'load lag p99': `${loadLagMs.toFixed(0)} ms`,
        },
        ...(mode === 'single'
          ? {
              target: `≥ ${TARGET.rate.toLocaleString('en')}/s at p99 ≤ ${TARGET.p99Ms} ms, 0 lost`,
              met:
                rate >= TARGET.rate &&
                deliveredPerSecond >= TARGET.rate * 0.99 &&
                p99 <= TARGET.p99Ms &&
                lost === 0 &&
                current.failed === 0 &&
                consistent,
            }
          : {}),
      });
      console.log(`  chat ${mode} ${rate}/s: delivered ${deliveredPerSecond.toFixed(0)}/s, p99 ${p99.toFixed(1)} ms`);
      // The knee: the server no longer keeps up with the target, or latency ran away.
      if (deliveredPerSecond < rate * 0.95 || !(p99 <= P99_BOUND_MS)) break;
    }
    return rows;
  } finally {
    for (const socket of sockets) socket.terminate();
    // Let the server see the sockets go before it shuts down.
    await sleep(1000);
    await Promise.all(servers.map((s) => s.stop()));
    await db.destroy();
  }
}

export async function chatScenario(): Promise<ScenarioResult> {
  const rows: ResultRow[] = [];
  for (const mode of ['single', 'redis'] as const) rows.push(...(await runMode(mode)));
  return {
    scenario: 'chat delivery',
    setup:
      `${PAIRS} pairs, open loop at ${RATES.join(', ')} messages/s (stopping at the knee: delivered < 95 % of target ` +
      `or p99 > ${P99_BOUND_MS} ms), ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured + ≤ ${DRAIN_SECONDS} s drain ` +
      `per rate, sent over ${SEND === 'ws' ? 'the socket (message.send)' : 'REST'}`,
    rows,
    notes: [
      'Latency from each message’s due time to its message.created frame at the receiver’s socket.',
      'Target judged on the single-instance rows at ≥ 4,000/s; no pgbench reference (the writes are group-committed by the server).',
    ],
  };
}
