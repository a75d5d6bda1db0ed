import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, type ServerProcess, startServer, tempDataDir } from '../process/server-process.js';
import {
  call,
  isProperUnavailable,
  isSuccess,
  openRoom,
  type Outcome,
  postMessage,
  register,
  sleep,
  QUIET,
} from './load.js';
import { findPostgresBinaries, PrivatePostgres } from './private-postgres.js';

const binaries = findPostgresBinaries();
const missing = 'missing' in binaries ? binaries.missing : undefined;
// CI has PostgreSQL installed: there, a missing binary is a broken setup, not a reason to skip.
if (missing && process.env.CI) throw new Error(missing);

/** Writers, each sending its messages one after the other and retrying each with its key until acknowledged. */
const WRITERS = 4;
const READERS = 2;
/** How long a request may take while the database is down before it counts as hanging. */
const FAIL_FAST_MS = 3_000;

interface Acked {
  key: string;
  id: number;
}

// Once, with the "postgres" test project; the server runs against a PostgreSQL of the test's own.
describe.skipIf(process.env.TEST_DATABASE !== 'postgres' || missing !== undefined)(
  `a server whose PostgreSQL restarts under load${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let postgres: PrivatePostgres;
    let server: ServerProcess;

    beforeAll(async () => {
      postgres = await PrivatePostgres.create((binaries as { dir: string }).dir);
      server = await startServer({
        DATABASE_URL: postgres.url,
        JWT_SECRET: randomBytes(32).toString('hex'),
        DATA_DIR: await tempDataDir(),
        ...QUIET,
      });
    }, 60_000);

    afterAll(async () => {
      await cleanUp();
      await postgres?.destroy();
    });

    const output = async (): Promise<string> =>
      `--- server ---\n${server.output}\n--- postgres ---\n${await postgres.log()}`;

    it.each(['immediate', 'fast'] as const)(
      'answers 503 fast while it is down (%s shutdown), recovers by itself and loses no acknowledged message',
      async (mode) => {
        const sender = await register(server);
        const partner = await register(server);
        const roomId = await openRoom(server, sender, partner);
        const run = randomBytes(3).toString('hex');

        const outcomes: Outcome[] = [];
        const acked: Acked[] = [];
        let retries = 0;
        let loading = true;
        const giveUp = Date.now() + 40_000;

        /** Sends messages until told to stop; the message in hand is retried with its key until acknowledged. */
        const writer = async (w: number): Promise<void> => {
          for (let n = 0; loading; n += 1) {
            const key = `${run}-${w}-${n}`;
            for (let attempt = 0; ; attempt += 1) {
              if (!server.running || Date.now() > giveUp) throw new Error(`gave up on ${key}\n${await output()}`);
              const res = await postMessage(server, sender, roomId, key);
              outcomes.push(res);
              if (isSuccess(res)) {
                acked.push({ key, id: (res.body as { id: number }).id });
                break;
              }
              retries += 1;
              await sleep(50 + 50 * Math.min(attempt, 4));
            }
          }
        };
        const reader = async (): Promise<void> => {
          while (loading) {
            outcomes.push(
              await call(server, 'GET', `/chat/rooms/${roomId}/messages?limit=50`, { token: partner.accessToken }),
            );
            await sleep(20);
          }
        };
        const readiness: { at: number; status: number }[] = [];
        const watchReady = async (): Promise<void> => {
          while (loading) {
            readiness.push({ at: Date.now(), status: (await call(server, 'GET', '/ready')).status });
            await sleep(100);
          }
        };
        const load = Promise.all([
          ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
          ...Array.from({ length: READERS }, () => reader()),
          watchReady(),
        ]);

        await sleep(1_500);
        const ackedBefore = acked.length;
        const down = Date.now();
        await postgres.stop(mode);
        await sleep(3_000);
        await postgres.start();
        const up = Date.now();
        // Load goes on until the server has served again for a while, on its own.
        const deadline = Date.now() + 20_000;
        while (!readiness.some((r) => r.at > up && r.status === 200) && Date.now() < deadline) await sleep(100);
        await sleep(1_500);
        const ackedAfterRestart = acked.length;
        loading = false;
        await load;

        const failures = outcomes.filter((o) => !isSuccess(o));
        const details = async (): Promise<string> =>
          `${JSON.stringify(failures.filter((o) => !isProperUnavailable(o)).slice(0, 5))}\n${await output()}`;
        expect(ackedBefore, await details()).toBeGreaterThan(0);
        // The outage was seen, and every failure during it was a proper, fast 503.
        expect(failures.length, await details()).toBeGreaterThan(0);
        expect(
          failures.filter((o) => !isProperUnavailable(o)),
          await details(),
        ).toEqual([]);
        expect(Math.max(...failures.map((o) => o.ms)), await details()).toBeLessThan(FAIL_FAST_MS);
        expect(retries).toBeGreaterThan(0);

        // /ready: ready, then unready while the database was away, then ready again.
        expect(readiness.filter((r) => r.at < down).every((r) => r.status === 200)).toBe(true);
        expect(
          readiness.some((r) => r.at > down && r.at < up && r.status === 503),
          await details(),
        ).toBe(true);
        expect(readiness.filter((r) => r.at > up).at(-1)?.status, await details()).toBe(200);
        // The same process serves again.
        expect(server.running).toBe(true);
        expect(acked.length, await details()).toBeGreaterThan(ackedAfterRestart - 1);
        const tail = outcomes.slice(-20);
        expect(tail.every(isSuccess), JSON.stringify(tail)).toBe(true);

        // Every acknowledged message is stored exactly once, under its key.
        const client = new pg.Client({ connectionString: postgres.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ id: number; client_message_id: string }>(
            'SELECT id, client_message_id FROM chat_messages WHERE room_id = $1',
            [roomId],
          );
          const stored = new Map(rows.map((r) => [r.client_message_id, Number(r.id)]));
          expect(rows.length).toBe(stored.size);
          expect(acked.filter((a) => stored.get(a.key) !== a.id)).toEqual([]);
          // Each writer retried its message until acknowledged: a commit whose answer was lost in the
          // outage was answered by the retry with the same row, never stored twice.
          expect([...stored.keys()].sort()).toEqual(acked.map((a) => a.key).sort());
        } finally {
          await client.end();
        }
      },
      60_000,
    );
  },
);
