import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';

describe.runIf(process.env.TEST_DATABASE === 'postgres')('PostgreSQL connection pools', () => {
  it('keep a connection open until it has been unused for the idle time, then close it', async () => {
    const database = await openDatabase({
      kind: 'postgres',
      url: process.env.DATABASE_URL!,
      poolSize: 2,
      poolIdleSeconds: 1,
    });
    try {
      await sql`SELECT 1`.execute(database.db);
      await sql`SELECT 1`.execute(database.orderedScans!);
      expect(database.poolStats!()).toEqual({ total: 2, idle: 2, waiting: 0 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(database.poolStats!().total).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(database.poolStats!()).toEqual({ total: 0, idle: 0, waiting: 0 });
    } finally {
      await database.close();
    }
  });
});
