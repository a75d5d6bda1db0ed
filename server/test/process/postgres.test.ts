import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, withSearchPath } from '../helpers/postgres-admin.js';
import { cleanUp, migrateEntry, runToExit, type ServerProcess, startServer, tempDataDir } from './server-process.js';

interface Session {
  user: { id: number };
  accessToken: string;
}

// Production mode, against the PostgreSQL of the "postgres" test project, in a schema of its own.
describe.runIf(process.env.TEST_DATABASE === 'postgres')('production mode (DATABASE_URL)', () => {
  const schema = `process_${randomBytes(6).toString('hex')}`;
  let env: Record<string, string>;
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    dataDir = await tempDataDir();
    env = {
      DATABASE_URL: withSearchPath(process.env.DATABASE_URL!, schema),
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      // Production mode: with Redis when the environment has one, as CI does.
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    };
    server = await startServer(env);
  }, 90_000);

  afterAll(async () => {
    await cleanUp();
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });

  it('migrates its own schema, answers /ready and leaves the data folder alone', async () => {
    expect(await server.request('GET', '/ready'), server.output).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', bus: 'ok' } },
    });
    const tables = await admin((c) =>
      c.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [
        schema,
      ]),
    );
    expect(tables.rows.map((r) => r.table_name)).toContain('users');
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('registers a user who can then log in and read their profile', async () => {
    const body = { email: 'grace@example.com', password: 'correct horse battery', displayName: 'Grace' };
    const registered = await server.request('POST', '/users/', { body });
    expect(registered.status, server.output).toBe(201);
    const session = registered.body as Session;

    const login = await server.request('POST', '/auth/login', { body: { email: body.email, password: body.password } });
    expect(login.status, server.output).toBe(200);
    expect((login.body as Session).user.id).toBe(session.user.id);
    const me = await server.request('GET', '/users/me', { token: session.accessToken });
    expect(me.status, server.output).toBe(200);
    expect(me.body).toMatchObject({ id: session.user.id, email: body.email });
  });

  it('exits 0 on SIGTERM, and the migrate command then finds the schema up to date', async () => {
    const exit = await server.stop('SIGTERM');
    expect(exit, server.output).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);

    const migrate = await runToExit(migrateEntry, env);
    expect(migrate.code, migrate.output).toBe(0);
    expect(migrate.output).toContain('The database is up to date.');
  });
});
