/**
 * Chat messages through the real-time gateway: P pairs of WebSocket clients,
 * an open-loop target rate, send→deliver latency at the receiving socket,
 * on one instance and on two instances sharing PostgreSQL and Redis.
 *
 *   npm run bench:chat    (BENCH_PAIRS, BENCH_RATE, BENCH_SECONDS, BENCH_SEND, REDIS_URL to change the run)
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type WebSocket from 'ws';
import { migrateToLatest } from '../../server/src/db/migrator.js';
import type { DB } from '../../server/src/db/schema.js';
import { openSocket, postJson, registerUsers, type BenchUser, type ServerFrame } from './lib/api.js';
import { recreateDatabase } from './lib/database.js';
import { cpuMeter, cpuMeterNamed, mib, rssBytes } from './lib/process-stats.js';
import { startServer, type RunningServer } from './lib/server-process.js';
import { percentile, table } from './lib/stats.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 5);
const SEND = (process.env.BENCH_SEND ?? 'ws') as 'ws' | 'rest';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODES = (process.env.BENCH_MODES ?? 'single,redis').split(',');

if (SEND !== 'ws' && SEND !== 'rest') throw new Error('BENCH_SEND must be ws or rest');

interface Pair {
  sender: BenchUser;
  receiver: BenchUser;
  roomId: number;
  senderSocket: WebSocket;
  receiverSocket: WebSocket;
  /** The instance the sender talks to (REST mode). */
  senderUrl: string;
}

interface Outgoing {
  /** Intended send time (performance.now()), so a stalled sender cannot hide latency. */
  sentAt: number;
  measured: boolean;
  acked: boolean;
  delivered: boolean;
  /** Refused by the server (an error frame or a non-2xx answer). */
  failed: boolean;
}

interface ModeResult {
  mode: string;
  sent: number;
  acked: number;
  delivered: number;
  lost: number;
  failed: number;
  duplicates: number;
  committed: number;
  committedAll: number;
  ackedAll: number;
  /** Taken just before the count query: every acknowledged message must be among the rows. */
  ackedBeforeCount: number;
  /** Sent, minus refused, just before the count query: no more rows than that can exist. */
  possibleBeforeCount: number;
  /** Sent but neither acknowledged nor refused when the drain ended. */
  inFlight: number;
  latenciesMs: number[];
  rssMiB: number[];
  cpuPercent: number[];
  /** Every PostgreSQL process together, and this load generator. */
  postgresCpuPercent: number;
  loadCpuPercent: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function runMode(mode: 'single' | 'redis'): Promise<ModeResult> {
  const url = await recreateDatabase('icebreaker_bench_chat');
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  await migrateToLatest(db);
  const env: Record<string, string> = {
    DATABASE_URL: url,
    // Both instances must accept each other's tokens.
    JWT_SECRET: randomBytes(32).toString('hex'),
    RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_MESSAGES_PER_MINUTE: '100000000',
    WS_FRAMES_PER_SECOND: '100000',
    ...(mode === 'redis' ? { REDIS_URL } : {}),
  };
  const servers: RunningServer[] = [await startServer(env)];
  if (mode === 'redis') servers.push(await startServer(env));
  const a = servers[0]!;
  const b = servers[servers.length - 1]!;
  const outgoing = new Map<string, Outgoing>();
  const result: ModeResult = {
    mode: mode === 'single' ? 'one instance' : 'two instances + Redis',
    sent: 0,
    acked: 0,
    delivered: 0,
    lost: 0,
    failed: 0,
    duplicates: 0,
    committed: 0,
    committedAll: 0,
    ackedAll: 0,
    ackedBeforeCount: 0,
    possibleBeforeCount: 0,
    inFlight: 0,
    latenciesMs: [],
    rssMiB: [],
    cpuPercent: [],
    postgresCpuPercent: 0,
    loadCpuPercent: 0,
  };
  const sockets: WebSocket[] = [];
  try {
    const users = await registerUsers(a.url, `chat-${mode}-`, PAIRS * 2);

    // Figures freeze when the drain ends; late answers are not counted.
    let counting = true;
    const onAck = (id: string): void => {
      if (!counting) return;
      const message = outgoing.get(id);
      if (!message || message.acked) return;
      message.acked = true;
      result.ackedAll += 1;
      if (message.measured) result.acked += 1;
    };
    const onFailed = (id: string): void => {
      if (!counting) return;
      const message = outgoing.get(id);
      if (!message || message.failed) return;
      message.failed = true;
      if (message.measured) result.failed += 1;
    };
    const onReceived = (frame: ServerFrame, me: number): void => {
      if (!counting || frame.type !== 'message.created' || frame.data.senderId === me) return;
      const id = frame.data.clientMessageId as string;
      const message = outgoing.get(id);
      if (!message) return;
      if (message.delivered) {
        result.duplicates += 1;
        return;
      }
      message.delivered = true;
      if (!message.measured) return;
      result.delivered += 1;
      result.latenciesMs.push(performance.now() - message.sentAt);
    };

    let errorFrames = 0;
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
          if (typeof id === 'string' && outgoing.has(id)) onFailed(id);
          if ((errorFrames += 1) <= 5) console.error(`error frame: ${JSON.stringify(frame.data)}`);
        }
      });
      const receiverSocket = await openSocket(b.url, receiver.token, (frame) => onReceived(frame, receiver.id));
      sockets.push(senderSocket, receiverSocket);
      pairs.push({ sender, receiver, roomId, senderSocket, receiverSocket, senderUrl: a.url });
    }

    const send = (pair: Pair, id: string): void => {
      const message = outgoing.get(id)!;
      const content = `bench ${id} ${message.sentAt.toFixed(3)}`;
      if (SEND === 'ws') {
        pair.senderSocket.send(
          JSON.stringify({
            type: 'message.send',
            data: { chatRoomId: pair.roomId, content, clientMessageId: id, requestId: id },
          }),
        );
        return;
      }
      postJson(
        `${pair.senderUrl}/chat/messages/`,
        { chatRoomId: pair.roomId, content, clientMessageId: id },
        pair.sender.token,
      )
        .then(() => onAck(id))
        .catch((error: unknown) => {
          if ((errorFrames += 1) <= 5) console.error(String(error));
          onFailed(id);
        });
    };

    /** Open loop: message n of a phase is due at start + n / rate, whatever happened to the ones before. */
    const phase = async (seconds: number, measured: boolean, tag: string): Promise<void> => {
      const total = Math.round(seconds * RATE);
      const start = performance.now();
      let n = 0;
      while (n < total) {
        const due = Math.min(total, Math.floor(((performance.now() - start) * RATE) / 1000) + 1);
        for (; n < due; n += 1) {
          const id = `${tag}-${n}`;
          outgoing.set(id, {
            sentAt: start + (n * 1000) / RATE,
            measured,
            acked: false,
            delivered: false,
            failed: false,
          });
          if (measured) result.sent += 1;
          send(pairs[n % pairs.length]!, id);
        }
        await new Promise((resolve) => setImmediate(resolve));
        if (n < total) await sleep(1);
      }
    };

    await phase(WARMUP_SECONDS, false, `${mode}-warm`);
    const meters = servers.map((s) => cpuMeter(s.pid));
    const postgresMeter = cpuMeterNamed('postgres');
    const loadMeter = cpuMeter(process.pid);
    await phase(SECONDS, true, `${mode}-run`);
    result.cpuPercent = meters.map((m) => m());
    result.postgresCpuPercent = postgresMeter();
    result.loadCpuPercent = loadMeter();
    result.rssMiB = servers.map((s) => mib(rssBytes(s.pid)));

    // Drain: wait for what is still in flight, up to DRAIN_SECONDS.
    const drainUntil = performance.now() + DRAIN_SECONDS * 1000;
    const settled = (m: Outgoing): boolean => m.failed || (m.acked && m.delivered);
    while (performance.now() < drainUntil && ![...outgoing.values()].every(settled)) await sleep(50);

    counting = false;
    let refused = 0;
    for (const message of outgoing.values()) {
      if (message.measured && message.acked && !message.delivered) result.lost += 1;
      if (!message.acked && !message.failed) result.inFlight += 1;
      if (message.failed) refused += 1;
    }
    result.ackedBeforeCount = result.ackedAll;
    result.possibleBeforeCount = outgoing.size - refused;
    const run = `${mode}-run-`;
    const counted = await sql<{ all: string; run: string }>`
      SELECT count(*) AS all, count(*) FILTER (WHERE client_message_id LIKE ${`${run}%`}) AS run
      FROM chat_messages`.execute(db);
    result.committedAll = Number(counted.rows[0]!.all);
    result.committed = Number(counted.rows[0]!.run);
    result.latenciesMs.sort((x, y) => x - y);
    return result;
  } finally {
    for (const socket of sockets) socket.terminate();
    // Let the server see the sockets go before it shuts down.
    await sleep(1000);
    await Promise.all(servers.map((s) => s.stop()));
    await db.destroy();
  }
}

async function main(): Promise<void> {
  console.log(
    `Chat benchmark: ${PAIRS} pairs, target ${RATE} messages/s for ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, ` +
      `sent over ${SEND === 'ws' ? 'the socket (message.send)' : 'REST (POST /chat/messages/)'}`,
  );
  const results: ModeResult[] = [];
  for (const mode of MODES) {
    if (mode !== 'single' && mode !== 'redis') throw new Error(`unknown mode ${mode}`);
    results.push(await runMode(mode));
  }
  const joined = (values: number[], digits: number): string => values.map((v) => v.toFixed(digits)).join(' + ');
  console.log('');
  console.log(
    table(
      [
        'mode',
        'target/s',
        'sent',
        'acked',
        'delivered',
        'lost',
        'failed',
        'dup',
        'delivered/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'RSS MiB',
        'CPU %',
        'PG CPU %',
        'load CPU %',
      ],
      results.map((r) => [
        r.mode,
        String(RATE),
        String(r.sent),
        String(r.acked),
        String(r.delivered),
        String(r.lost),
        String(r.failed),
        String(r.duplicates),
        r.delivered / SECONDS,
        percentile(r.latenciesMs, 50),
        percentile(r.latenciesMs, 95),
        percentile(r.latenciesMs, 99),
        r.latenciesMs.at(-1) ?? Number.NaN,
        joined(r.rssMiB, 0),
        joined(r.cpuPercent, 0),
        r.postgresCpuPercent.toFixed(0),
        r.loadCpuPercent.toFixed(0),
      ]),
    ),
  );
  console.log('');
  for (const r of results) {
    // Settled runs must match exactly; with messages still in flight, acked ≤ rows ≤ sent − refused.
    const ok =
      r.inFlight === 0
        ? r.committedAll === r.ackedBeforeCount
        : r.ackedBeforeCount <= r.committedAll && r.committedAll <= r.possibleBeforeCount;
    console.log(
      `${r.mode}: chat_messages holds ${r.committedAll} rows (${r.committed} from the measured run); ` +
        `acknowledged ${r.ackedBeforeCount} (warm-up included), ${r.inFlight} still in flight: ` +
        `${ok ? 'consistent' : 'MISMATCH'}`,
    );
  }
  await mkdir('.bench-results', { recursive: true });
  await writeFile(
    '.bench-results/chat.json',
    `${JSON.stringify(
      {
        pairs: PAIRS,
        rate: RATE,
        seconds: SECONDS,
        send: SEND,
        results: results.map(({ latenciesMs, ...r }) => ({
          ...r,
          p50Ms: percentile(latenciesMs, 50),
          p95Ms: percentile(latenciesMs, 95),
          p99Ms: percentile(latenciesMs, 99),
          maxMs: latenciesMs.at(-1) ?? null,
        })),
      },
      null,
      2,
    )}\n`,
  );
}

await main();
