import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../../server/src/db/migrator.js';
import type { DB } from '../../../server/src/db/schema.js';

/** The PostgreSQL server benchmarks run against, and the throwaway databases on it. */
export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Every benchmark database is named `<prefix>_<scenario>`, so several runs can share one PostgreSQL server. */
const prefix = process.env.BENCH_DB_PREFIX ?? 'icebreaker_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error('BENCH_DB_PREFIX must be a lower-case SQL identifier');

export const benchDatabaseName = (scenario: string): string => `${prefix}_${scenario}`;

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function openDatabase(url: string, connections = 2): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: connections }) }),
  });
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Drops and recreates a database, so every run starts from the same state. */
export async function recreateDatabase(name: string): Promise<string> {
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
  return databaseUrl(name);
}

/** A fresh, migrated database for one scenario. */
export async function freshDatabase(scenario: string): Promise<{ url: string; db: Kysely<DB> }> {
  const url = await recreateDatabase(benchDatabaseName(scenario));
  const db = openDatabase(url);
  await migrateToLatest(db);
  return { url, db };
}

/**
 * A migrated database seeded by `seed`, reused as it is when a previous run
 * already seeded it with the same `marker` (a row in `bench_seed`, written
 * last): seeding a million rows takes longer than the measurement.
 */
export async function seededDatabase(
  scenario: string,
  marker: string,
  /** What the seed holds, for the progress line (`1,000,000 messages`). */
  description: string,
  seed: (db: Kysely<DB>) => Promise<void>,
): Promise<{ url: string; db: Kysely<DB>; seedNote: string }> {
  const started = Date.now();
  const reusable = await reusableDatabase(scenario, marker);
  if (reusable) {
    console.log(`  ${scenario}: ${description} reused`);
    return { ...reusable, seedNote: 'Seed reused from an earlier run.' };
  }
  const { url, db } = await freshDatabase(scenario);
  await seed(db);
  await sql`CREATE TABLE bench_seed (marker text NOT NULL)`.execute(db);
  await sql`INSERT INTO bench_seed VALUES (${marker})`.execute(db);
  await sql`ANALYZE`.execute(db);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  ${scenario}: ${description} seeded in ${seconds} s`);
  return { url, db, seedNote: `Seeded in ${seconds} s.` };
}

/** The scenario's database when it exists and holds the seed `marker` names. */
async function reusableDatabase(scenario: string, marker: string): Promise<{ url: string; db: Kysely<DB> } | null> {
  const name = benchDatabaseName(scenario);
  const exists = await withAdmin(
    async (admin) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
  );
  if (!exists) return null;
  const db = openDatabase(databaseUrl(name));
  const found = await sql<{ marker: string }>`SELECT marker FROM bench_seed`.execute(db).catch(() => ({ rows: [] }));
  if (found.rows[0]?.marker === marker) return { url: databaseUrl(name), db };
  await db.destroy();
  return null;
}

/**
 * Runs a bulk load with the table's secondary indexes dropped, then builds
 * them again: one index build is far cheaper than a million index inserts.
 * Indexes that back constraints (primary keys, unique constraints) stay.
 */
export async function withoutSecondaryIndexes(db: Kysely<DB>, table: string, load: () => Promise<void>): Promise<void> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    WHERE i.indrelid = ${table}::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`.execute(db);
  for (const index of rows) await sql`DROP INDEX ${sql.raw(index.name)}`.execute(db);
  await load();
  for (const index of rows) await sql.raw(index.definition).execute(db);
}
