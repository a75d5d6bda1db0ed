import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { findRoomPage } from '../../src/modules/chat/message-repository.js';
import { openTestDatabase } from '../helpers/test-app.js';

describe.runIf(process.env.TEST_DATABASE === 'postgres')('history pages on PostgreSQL', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let room: { id: number; participant1_id: number };
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    await sql`INSERT INTO users (email, password_hash, display_name)
      VALUES ('plan-a@example.com', 'x', 'A'), ('plan-b@example.com', 'x', 'B')`.execute(database.db);
    room = await sql<{ id: number; participant1_id: number }>`
      INSERT INTO chat_rooms (participant1_id, participant2_id, last_seq, created_at)
      SELECT min(id), max(id), 20000, now() FROM users RETURNING id, participant1_id`
      .execute(database.db)
      .then((r) => r.rows[0]!);
    await sql`INSERT INTO chat_messages (room_id, seq, sender_id, message_type, content, created_at)
      SELECT ${room.id}, i, ${room.participant1_id}, 'TEXT', 'Message ' || i, now() FROM generate_series(1, 20000) AS i`.execute(
      database.db,
    );
    await sql`ANALYZE chat_messages`.execute(database.db);
  });
  afterAll(() => drop());

  it('plans the page statement once per connection and reuses the plan', async () => {
    // One transaction: one connection, whose prepared statements are the ones listed.
    const plans = await database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 20; n++) {
        const page = await findRoomPage(trx, {
          roomId: room.id,
          userId: room.participant1_id,
          direction: 'before',
          seq: 19_000 - n * 500,
          limit: 50,
        });
        expect(page?.map((r) => r.seq)).toEqual(Array.from({ length: 51 }, (_, i) => 18_999 - n * 500 - i));
      }
      const { rows } = await sql<{ generic_plans: string; custom_plans: string }>`
        SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%chat_read_pointers%chat_messages%'`.execute(
        trx,
      );
      return rows;
    });
    // PostgreSQL plans the first five executions for their values, then keeps the generic plan if it costs no more.
    expect(plans.map((p) => [Number(p.custom_plans), Number(p.generic_plans)])).toEqual([[5, 15]]);
  });
});
