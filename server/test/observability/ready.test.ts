import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { InProcessBus } from '../../src/realtime/bus.js';
import { openTestDatabase } from '../helpers/test-app.js';

class SwitchableBus extends InProcessBus {
  up = true;
  override healthy(): boolean {
    return this.up;
  }
}

const config = { ...loadConfig({}), jwtSecret: randomBytes(32).toString('hex') };

describe('/ready', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  let opened: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    opened = await openTestDatabase();
  });
  afterAll(() => opened.drop());

  it('answers 200 with both checks while the database and the bus answer, and 503 while the bus is down', async () => {
    const bus = new SwitchableBus();
    app = await buildApp({ config, database: opened.database, bus });
    const ok = await app.inject({ method: 'GET', url: '/ready' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok', checks: { database: 'ok', bus: 'ok' } });

    bus.up = false;
    const down = await app.inject({ method: 'GET', url: '/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toContain('application/problem+json');
    expect(down.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: expect.stringContaining('bus') });
    // Liveness does not depend on either.
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);

    bus.up = true;
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });

  it('answers 503 while the database does not answer', async () => {
    // Nothing listens on port 1: every query fails at once.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 });
    const unreachable: Database = {
      db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
      kind: 'postgres',
      close: () => pool.end(),
    };
    app = await buildApp({ config, database: unreachable, bus: new SwitchableBus() });
    const res = await app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: expect.stringContaining('database') });
    expect(JSON.stringify(res.json())).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
