/**
 * Idle authenticated WebSockets one server instance holds, and the resident
 * memory each one costs it.
 *
 *   npm run bench:connections    (BENCH_SOCKETS, default 5,000; the target is 20,000)
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type WebSocket from 'ws';
import { migrateToLatest } from '../../server/src/db/migrator.js';
import type { DB } from '../../server/src/db/schema.js';
import { openSocket, registerUsers } from './lib/api.js';
import { recreateDatabase } from './lib/database.js';
import { mib, openFileLimit, rssBytes } from './lib/process-stats.js';
import { startServer } from './lib/server-process.js';
import { table } from './lib/stats.js';

const WANTED = Number(process.env.BENCH_SOCKETS ?? 5_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 250);
const USERS = 20;
const SETTLE_MS = 5_000;
/** Descriptors kept free for everything else either process opens (database pool, listeners, files). */
const FD_MARGIN = 200;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  // The server inherits this process's limit, so one number bounds both ends.
  const fdLimit = openFileLimit();
  const sockets = Math.min(WANTED, fdLimit - FD_MARGIN);
  console.log(
    `Connections benchmark: ${sockets.toLocaleString('en')} idle sockets (asked for ${WANTED.toLocaleString('en')}; ` +
      `open-file limit ${fdLimit}), ${BATCH} connects per batch, ${USERS} users`,
  );
  if (sockets < WANTED) {
    console.log(`capped by the open-file limit: raise it (ulimit -n) to open ${WANTED.toLocaleString('en')}`);
  }

  const url = await recreateDatabase('icebreaker_bench_connections');
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  await migrateToLatest(db);
  await db.destroy();

  const server = await startServer({
    DATABASE_URL: url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
    // A handful of users hold every socket.
    WS_MAX_SOCKETS_PER_USER: String(sockets),
  });
  const open: WebSocket[] = [];
  let closedByServer = 0;
  try {
    const users = await registerUsers(server.url, 'idle-', USERS);
    // A few sockets first, so code paths are loaded and the baseline excludes them.
    for (const user of users) open.push(await openSocket(server.url, user.token));
    await sleep(SETTLE_MS);
    const before = rssBytes(server.pid);

    const startedAt = performance.now();
    let failed = 0;
    let firstError = '';
    while (open.length < sockets) {
      const batch = Math.min(BATCH, sockets - open.length);
      const opened = await Promise.allSettled(
        Array.from({ length: batch }, (_, i) => openSocket(server.url, users[(open.length + i) % USERS]!.token)),
      );
      for (const result of opened) {
        if (result.status === 'fulfilled') {
          result.value.once('close', () => (closedByServer += 1));
          open.push(result.value);
        } else {
          failed += 1;
          firstError ||= String(result.reason);
        }
      }
      if (failed > sockets / 10) throw new Error(`too many failed connects (${failed}): ${firstError}`);
    }
    const connectSeconds = (performance.now() - startedAt) / 1000;
    await sleep(SETTLE_MS);
    const after = rssBytes(server.pid);
    const held = open.length - closedByServer;
    const measured = held - USERS;

    console.log('');
    console.log(
      table(
        ['sockets held', 'connect s', 'failed', 'RSS before MiB', 'RSS after MiB', 'delta MiB', 'KiB per socket'],
        [
          [
            String(held),
            connectSeconds,
            String(failed),
            mib(before),
            mib(after),
            mib(after - before),
            (after - before) / 1024 / measured,
          ],
        ],
      ),
    );
    if (failed > 0) console.log(`first failure: ${firstError}`);
    await mkdir('.bench-results', { recursive: true });
    await writeFile(
      '.bench-results/connections.json',
      `${JSON.stringify(
        {
          asked: WANTED,
          held,
          failed,
          connectSeconds,
          rssBeforeBytes: before,
          rssAfterBytes: after,
          kibPerSocket: (after - before) / 1024 / measured,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const socket of open) socket.terminate();
    await sleep(1000);
    await server.stop();
  }
}

await main();
