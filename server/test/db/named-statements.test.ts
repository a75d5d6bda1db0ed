import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { StatementNames } from '../../src/db/named-statements.js';

describe('statement names', () => {
  it('gives each distinct text one name, and none past the limit', () => {
    const names = new StatementNames(2);
    const first = names.nameOf('SELECT $1');
    expect(first).toBeDefined();
    expect(names.nameOf('SELECT $1')).toBe(first);
    const second = names.nameOf('SELECT $1, $2');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(names.nameOf('SELECT $1, $2, $3')).toBeUndefined();
    expect(names.nameOf('SELECT $1')).toBe(first);
  });
});

describe.runIf(process.env.TEST_DATABASE === 'postgres')('named statements on PostgreSQL', () => {
  const table = `named_statements_${randomBytes(4).toString('hex')}`;
  let database: Database;
  beforeAll(async () => {
    // One connection, so every query below runs on the connection that prepared it.
    database = await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL!, poolSize: 1 });
    await sql`CREATE TABLE ${sql.table(table)} (id integer PRIMARY KEY)`.execute(database.db);
    await sql`INSERT INTO ${sql.table(table)} VALUES (1), (2)`.execute(database.db);
  });
  afterAll(async () => {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(database.db);
    await database.close();
  });

  const prepared = async (text: string) => {
    const { rows } = await sql<{
      name: string;
    }>`SELECT name FROM pg_prepared_statements WHERE statement = ${text}`.execute(database.db);
    return rows.map((r) => r.name);
  };

  it('prepares a statement with parameters once per connection and reuses it', async () => {
    const query = sql<{ id: number }>`SELECT id FROM ${sql.table(table)} WHERE id = ${1}`;
    const { sql: text } = query.compile(database.db);
    expect((await query.execute(database.db)).rows).toEqual([{ id: 1 }]);
    expect(await prepared(text)).toHaveLength(1);
    const again = sql<{ id: number }>`SELECT id FROM ${sql.table(table)} WHERE id = ${2}`;
    expect((await again.execute(database.db)).rows).toEqual([{ id: 2 }]);
    expect(await prepared(text)).toHaveLength(1);
  });

  it('leaves statements unnamed when prepared statements are off', async () => {
    const unprepared = await openDatabase({
      kind: 'postgres',
      url: process.env.DATABASE_URL!,
      poolSize: 1,
      preparedStatements: false,
    });
    try {
      const query = sql<{ id: number }>`SELECT id FROM ${sql.table(table)} WHERE id = ${2}`;
      expect((await query.execute(unprepared.db)).rows).toEqual([{ id: 2 }]);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements`.execute(
        unprepared.db,
      );
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await unprepared.close();
    }
  });

  it('replaces a connection whose prepared statement a schema change made stale', async () => {
    const everything = () => sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE id = ${1}`;
    expect((await everything().execute(database.db)).rows).toEqual([{ id: 1 }]);
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN note text`.execute(database.db);
    // PostgreSQL refuses the prepared statement once: its result columns changed.
    await expect(everything().execute(database.db)).rejects.toMatchObject({ code: '0A000' });
    // That connection was closed; the next one prepares the statement afresh.
    expect((await everything().execute(database.db)).rows).toEqual([{ id: 1, note: null }]);
  });
});
