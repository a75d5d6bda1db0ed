import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { DB } from '../../src/db/schema.js';
import { ManualClock } from '../../src/lib/clock.js';

export interface TestApp {
  app: FastifyInstance;
  db: Kysely<DB>;
  database: Database;
  clock: ManualClock;
  config: Config & { jwtSecret: string };
  close(): Promise<void>;
}

/**
 * A database for one test file: a fresh PGlite loaded from the migrated
 * template, or a fresh schema in the PostgreSQL of DATABASE_URL.
 */
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (process.env.TEST_DATABASE === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is required for the postgres test project');
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 10, searchPath: `${schema},public` });
    const drop = async (): Promise<void> => {
      await database.close();
      const cleanup = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(cleanup.db);
      await cleanup.close();
    };
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await drop();
      throw error;
    }
    return { database, drop };
  }
  const template = await readFile(inject('pgliteTemplate'));
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://', loadDataDir: new Blob([template]) });
  await migrateToLatest(database.db);
  return { database, drop: () => database.close() };
}

const noWebApp = join(tmpdir(), 'icebreaker-tests-without-web-app');

export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const clock = new ManualClock('2026-06-01T12:00:00.000Z');
  // The API alone, whether or not the web app has been built; its own test points webDir at a build.
  // No load shedding: an in-process database on a busy machine delays the event loop past any bound,
  // and a 503 would fail tests about something else. The guard's own tests turn it on.
  const defaults = loadConfig({});
  const config = {
    ...defaults,
    webDir: noWebApp,
    overload: { ...defaults.overload, maxEventLoopDelayMs: 0 },
    ...overrides,
    jwtSecret: randomBytes(32).toString('hex'),
  };
  const app = await buildApp({ config, database, clock });
  return {
    app,
    db: database.db,
    database,
    clock,
    config,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** For files that register more users than the default registration rate limit allows in a minute. */
export const manyRegistrations: Partial<Config> = {
  rateLimits: { ...loadConfig({}).rateLimits, registerPerMinute: 1000 },
};
