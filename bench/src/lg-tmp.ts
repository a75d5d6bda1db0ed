import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { httpLoad } from './lib/http-load.js';
import { sessionsFor } from './lib/seed-users.js';
import { startServer } from './lib/server-process.js';
import { cpuMeter, cpuMeterNamed } from './lib/process-stats.js';
const url = 'postgres://postgres@127.0.0.1:5432/icebreaker_bench_history';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }) });
const secret = randomBytes(32).toString('hex');
const server = await startServer({ DATABASE_URL: url, JWT_SECRET: secret });
const room = await db.selectFrom('chat_rooms').select(['id', 'participant1_id']).executeTakeFirstOrThrow();
const [reader] = await sessionsFor(db, secret, [room.participant1_id]);
const auth = { authorization: `Bearer ${reader!.token}` };
const cases: Record<string, { path: string; headers: Record<string, string> }[]> = {
  health: [{ path: '/health', headers: {} }],
  me: [{ path: '/users/me', headers: auth }],
  history: Array.from({ length: 2000 }, () => ({ path: `/chat/rooms/${room.id}/messages?before=${51 + Math.floor(Math.random() * 999_000)}&limit=50`, headers: auth })),
  history5: Array.from({ length: 2000 }, () => ({ path: `/chat/rooms/${room.id}/messages?before=${51 + Math.floor(Math.random() * 999_000)}&limit=5`, headers: auth })),
};
for (const [name, requests] of Object.entries(cases)) {
  await httpLoad({ url: server.url, connections: 10, seconds: 2, requests });
  const me = cpuMeter(process.pid); const srv = cpuMeter(server.pid); const pgm = cpuMeterNamed('postgres');
  const r = await httpLoad({ url: server.url, connections: 10, seconds: 8, requests, serverPid: server.pid });
  console.log(name.padEnd(10), 'rps', r.rps.toFixed(0), 'p50', r.p50Ms, 'p99', r.p99Ms, 'srv ms/req', r.serverCpuMsPerRequest.toFixed(3), 'loadgen%', me().toFixed(0), 'srv%', srv().toFixed(0), 'pg%', pgm().toFixed(0), 'non2xx', r.non2xx);
}
await server.stop(); await db.destroy();
