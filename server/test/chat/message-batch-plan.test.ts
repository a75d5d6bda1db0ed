import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { storeMessageBatch, type MessageDraft } from '../../src/modules/chat/message-repository.js';
import { openTestDatabase } from '../helpers/test-app.js';

const ROOMS = 2_000;

describe.runIf(process.env.TEST_DATABASE === 'postgres')('the message batch statement on PostgreSQL', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    await sql`INSERT INTO users (email, password_hash, display_name)
      SELECT 'batch-' || i || '@example.com', 'x', 'U' || i FROM generate_series(1, ${2 * ROOMS}) AS i`.execute(
      database.db,
    );
    // Room i holds users 2i - 1 and 2i (by rank of id), with 10 messages sent under idempotency keys.
    await sql`WITH u AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users)
      INSERT INTO chat_rooms (participant1_id, participant2_id, last_seq, created_at)
      SELECT a.id, b.id, 10, now() FROM u a JOIN u b ON b.n = a.n + 1 WHERE a.n % 2 = 1 ORDER BY a.n`.execute(
      database.db,
    );
    await sql`INSERT INTO chat_messages (room_id, seq, sender_id, message_type, content, client_message_id, created_at)
      SELECT r.id, s, r.participant1_id, 'TEXT', 'Message ' || s, 'old-' || s, now()
      FROM chat_rooms r, generate_series(1, 10) AS s`.execute(database.db);
    await sql`ANALYZE users, chat_rooms, chat_messages, event_streams`.execute(database.db);
  });
  afterAll(() => drop());

  it('settles on one generic plan that finds keys and rooms through their indexes, whatever the batch size', async () => {
    const rooms = await database.db
      .selectFrom('chat_rooms')
      .select(['id', 'participant1_id'])
      .orderBy('id')
      .limit(50)
      .execute();
    // One transaction: one connection, whose prepared statements and table statistics are the ones read.
    const { plans, scans } = await database.db.transaction().execute(async (trx) => {
      // Sequential scans of this schema's tables so far in this transaction.
      const seqScans = async () =>
        (
          await sql<{ relname: string; seq_scan: string }>`
            SELECT relname, seq_scan FROM pg_stat_xact_user_tables
            WHERE schemaname = current_schema() AND relname IN ('chat_messages', 'chat_rooms', 'event_streams')
            ORDER BY relname`.execute(trx)
        ).rows.map((r) => [r.relname, Number(r.seq_scan)] as const);
      let before: (readonly [string, number])[] = [];
      for (let n = 0; n < 20; n++) {
        // The first five run custom plans; what follows runs the generic one.
        if (n === 5) before = await seqScans();
        const drafts = Array.from({ length: 1 + ((n * 7) % 40) }, (_, i): MessageDraft => ({
          room_id: rooms[i]!.id,
          sender_id: rooms[i]!.participant1_id,
          message_type: 'TEXT',
          content: `batch ${n} message ${i}`,
          client_message_id: i % 2 === 0 ? `new-${n}-${i}` : null,
        }));
        const results = await storeMessageBatch(trx, drafts, new Date());
        expect(results.map((r) => r.status)).toEqual(drafts.map(() => 'created'));
      }
      // A key used before is found again, through the index.
      const [again] = await storeMessageBatch(
        trx,
        [
          {
            room_id: rooms[0]!.id,
            sender_id: rooms[0]!.participant1_id,
            message_type: 'TEXT',
            content: 'Message 3',
            client_message_id: 'old-3',
          },
        ],
        new Date(),
      );
      expect(again).toMatchObject({ status: 'stored', row: { seq: 3, content: 'Message 3' } });
      const plans = await sql<{ generic_plans: string; custom_plans: string }>`
        SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%jsonb_to_recordset%'`.execute(
        trx,
      );
      const after = await seqScans();
      const scans = after.map(([relname, count], i) => [relname, count - before[i]![1]]);
      return { plans: plans.rows, scans };
    });
    // PostgreSQL plans the first five executions for their values, then keeps the generic plan if it costs no more.
    expect(plans.map((p) => [Number(p.custom_plans), Number(p.generic_plans)])).toEqual([[5, 16]]);
    // No execution of the generic plan scanned a table from end to end.
    expect(scans).toEqual([
      ['chat_messages', 0],
      ['chat_rooms', 0],
      ['event_streams', 0],
    ]);
  });
});
