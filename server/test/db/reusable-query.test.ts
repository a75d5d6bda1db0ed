import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { ReusableQuery, type Param } from '../../src/db/reusable-query.js';
import { openTestDatabase } from '../helpers/test-app.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  await sql`INSERT INTO users (email, password_hash, display_name)
    VALUES ('ann@example.com', 'x', 'Ann'), ('bob@example.com', 'x', 'Bob'), ('cy@example.com', 'x', 'Cy')`.execute(
    database.db,
  );
});
afterAll(() => drop());

interface Filter extends Record<string, unknown> {
  after: number;
  name: string;
}

describe('a reusable query', () => {
  it('runs each call with its own values, and keeps what the builder fixed', async () => {
    let builds = 0;
    const query = new ReusableQuery((db, param: Param<Filter>) => {
      builds++;
      return db
        .selectFrom('users')
        .select('display_name')
        .where('id', '>', param('after'))
        .where('display_name', '<>', param('name'))
        .where('email', 'like', '%@example.com')
        .orderBy('id');
    });
    const { id: first } = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.min('id').as('id'))
      .executeTakeFirstOrThrow();
    expect(await query.execute(database.db, { after: first - 1, name: 'Bob' })).toEqual([
      { display_name: 'Ann' },
      { display_name: 'Cy' },
    ]);
    expect(await query.execute(database.db, { after: first, name: 'Cy' })).toEqual([{ display_name: 'Bob' }]);
    await database.db.transaction().execute(async (trx) => {
      expect(await query.execute(trx, { after: first + 1, name: '' })).toEqual([{ display_name: 'Cy' }]);
    });
    expect(builds).toBe(1);
  });

  it('refuses a stand-in turned into a fixed value, which every later call would repeat', async () => {
    const query = new ReusableQuery((db, param: Param<Filter>) =>
      db
        .selectFrom('users')
        .select('id')
        .where('display_name', '=', String(param('name'))),
    );
    await expect(query.execute(database.db, { after: 0, name: 'Ann' })).rejects.toThrow(/name/);
  });
});
