/**
 * Paging backwards through a room of a million messages from random depths:
 * GET /chat/rooms/{id}/messages?before=…&limit=… under autocannon, and the
 * route's own statements (captured from the server's repository code) under
 * pgbench, in the same run. The route is measured on one instance, and on two
 * (one per core, as Node.js is deployed) with the connections spread over them.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../server/src/db/schema.js';
import { findRoomPage } from '../../../server/src/modules/chat/message-repository.js';
import { captureStatements } from '../lib/capture.js';
import { seededDatabase, withoutSecondaryIndexes } from '../lib/database.js';
import { httpLoad, type HttpResult } from '../lib/http-load.js';
import { keepScript, pgbench } from '../lib/pgbench.js';
import { httpFigures, pgbenchFigures, type ResultRow, type ScenarioResult } from '../lib/report.js';
import { REDIS_URL, setting } from '../lib/scale.js';
import { sessionsFor } from '../lib/seed-users.js';
import { startServer, type RunningServer } from '../lib/server-process.js';
import { inlineParameters } from '../lib/sql-literal.js';

const MESSAGES = setting('BENCH_MESSAGES', 1_000_000, 20_000);
const SECONDS = setting('BENCH_HISTORY_SECONDS', 15, 3);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 10, 4);
const PAGE = 50;
/** Each instance has to warm up (compile its hot code, fill its pool, prepare its statements) on its own. */
const WARM_UP_SECONDS = setting('BENCH_HISTORY_WARM_UP_SECONDS', 5, 1);
/** Distinct request paths autocannon rotates through. */
const DEPTHS = 2_000;
/** A seq no other parameter of the captured statements takes, replaced by the pgbench variable. */
const SENTINEL_SEQ = 987_654_321;

/** Two users and their room with `count` messages, both read nearly to the end, in set-based statements. */
async function seedRoom(db: Kysely<DB>, count: number): Promise<void> {
  await sql`INSERT INTO users (email, password_hash, display_name)
    VALUES ('history-a@example.com', 'not a hash', 'History A'), ('history-b@example.com', 'not a hash', 'History B')`.execute(
    db,
  );
  await sql`INSERT INTO chat_rooms (participant1_id, participant2_id, created_at, last_message_at, last_seq)
    SELECT min(id), max(id), now() - interval '1 year', now(), ${count}::bigint FROM users`.execute(db);
  await withoutSecondaryIndexes(db, 'chat_messages', async () => {
    await sql`INSERT INTO chat_messages (room_id, seq, sender_id, message_type, content, client_message_id, created_at)
    SELECT r.id, i, CASE WHEN i % 2 = 0 THEN r.participant1_id ELSE r.participant2_id END, 'TEXT',
      'Message number ' || i || ' of a long conversation about where to meet tonight', 'seed-' || i,
      now() - interval '1 year' + i * interval '1 second'
    FROM chat_rooms r, generate_series(1, ${count}::int) AS i`.execute(db);
  });
  await sql`INSERT INTO chat_read_pointers (room_id, user_id, last_read_seq, updated_at)
    SELECT id, participant1_id, last_seq - 10, now() FROM chat_rooms
    UNION ALL SELECT id, participant2_id, last_seq - 3, now() FROM chat_rooms`.execute(db);
}

/** Closed-loop paging against these instances, connections spread evenly over them, after a warm-up. */
async function pageThrough(servers: RunningServer[], requests: { path: string; headers: Record<string, string> }[]) {
  const url = servers.map((s) => s.url);
  await httpLoad({ url, connections: CONNECTIONS, seconds: WARM_UP_SECONDS, requests }); // warm-up: JIT, pools, plans
  return httpLoad({ url, connections: CONNECTIONS, seconds: SECONDS, requests, serverPid: servers.map((s) => s.pid) });
}

export async function historyScenario(): Promise<ScenarioResult> {
  const { url, db, seedNote } = await seededDatabase(
    'history',
    `room messages and read pointers: ${MESSAGES}`,
    `${MESSAGES.toLocaleString('en')} messages`,
    (d) => seedRoom(d, MESSAGES),
  );
  const secret = randomBytes(32).toString('hex');
  const servers: RunningServer[] = [];
  try {
    const room = await db.selectFrom('chat_rooms').select(['id', 'participant1_id']).executeTakeFirstOrThrow();
    const [reader] = await sessionsFor(db, secret, [room.participant1_id]);
    const depth = (): number => PAGE + 1 + Math.floor(Math.random() * (MESSAGES - PAGE));
    const requests = Array.from({ length: DEPTHS }, () => ({
      path: `/chat/rooms/${room.id}/messages?before=${depth()}&limit=${PAGE}`,
      headers: { authorization: `Bearer ${reader!.token}` },
    }));
    servers.push(await startServer({ DATABASE_URL: url, JWT_SECRET: secret }));
    const single = await pageThrough(servers, requests);
    await servers.pop()!.stop();
    // Node.js runs a process on one core: deployed, it runs one instance per core, which share state through Redis.
    const shared = { DATABASE_URL: url, JWT_SECRET: secret, REDIS_URL };
    servers.push(await startServer(shared), await startServer(shared));
    const pair = await pageThrough(servers, requests);

    // What the route runs: the participant check, the read pointers and one page of the (room_id, seq) index.
    const statements = await captureStatements(url, async (capture) => {
      await findRoomPage(capture, {
        roomId: room.id,
        userId: reader!.id,
        direction: 'before',
        seq: SENTINEL_SEQ,
        limit: PAGE,
      });
    });
    const script = [
      `\\set before random(${PAGE + 1}, ${MESSAGES})`,
      ...statements.map((s) => `${inlineParameters(s, new Map([[SENTINEL_SEQ, 'before']]))};`),
    ].join('\n');
    await keepScript('history', script);
    const run = { clients: CONNECTIONS, threads: 2, seconds: SECONDS };
    const reference = await pgbench(url, [script], run);
    const prepared = await pgbench(url, [script], { ...run, protocol: 'prepared' });
    const row = (label: string, http: HttpResult): ResultRow => ({
      label: `${MESSAGES.toLocaleString('en')} messages, ${label}`,
      figures: httpFigures(http),
      reference: { label: 'pgbench', figures: pgbenchFigures(reference, prepared) },
      target: 'req/s ≥ ½ pgbench',
      met: http.rps >= reference.tps / 2 && http.non2xx + http.errors === 0,
    });
    return {
      scenario: 'history paging',
      setup:
        `one room of ${MESSAGES.toLocaleString('en')} messages, GET /chat/rooms/{id}/messages?before=<random seq>&limit=${PAGE}, ` +
        `${CONNECTIONS} connections closed loop for ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up, on one instance and then spread ` +
        `evenly over two (one per core) sharing Redis; server CPU/req counts every instance; pgbench: the route's ` +
        `${statements.length === 1 ? 'statement' : `${statements.length} statements`} with a random seq, as many clients for as long, ` +
        `in its default (simple) protocol, judged, and with statements prepared (\`-M prepared\`, as the server runs them), shown`,
      rows: [row('one instance', single), row('two instances + Redis', pair)],
      notes: [seedNote],
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.destroy();
  }
}
