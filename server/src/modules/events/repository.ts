import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DeliveredEvent } from '../../realtime/bus.js';
import { shareJson } from '../../realtime/shared-json.js';

export interface NewEvent {
  userId: number;
  type: string;
  data: unknown;
}

/**
 * Appends durable events to their recipients' streams in one statement,
 * whatever their number. The stream upsert takes each recipient's row lock
 * until commit, in user id order (so concurrent writers cannot deadlock), and
 * a user's events therefore commit in seq order; within one call a user's
 * events keep the order they were given in. (Chat messages append their
 * events by the same rules inside their own statement: storeMessageBatch.)
 */
export async function appendEvents(trx: Transaction<DB>, events: NewEvent[], at: Date): Promise<DeliveredEvent[]> {
  if (events.length === 0) return [];
  const counts = new Map<number, number>();
  // Position of each event among its recipient's events, from 1.
  const positions = events.map(({ userId }) => {
    const n = (counts.get(userId) ?? 0) + 1;
    counts.set(userId, n);
    return n;
  });
  const users = [...counts.keys()].sort((a, b) => a - b);
  // Stored as the JSON the client will receive, dates already in ISO form; one
  // serialization per payload, however many recipients share it. The frames
  // that carry it live (to each recipient's sockets, in an ack) reuse that
  // text, so a live event reads exactly as its replay.
  const serialized = new Map<unknown, string>();
  const payloads = events.map(({ data }) => {
    let text = serialized.get(data);
    if (text === undefined) {
      text = JSON.stringify(data);
      if (typeof data === 'object' && data !== null) shareJson(data, text);
      serialized.set(data, text);
    }
    return text;
  });
  const { rows } = await sql<{ user_id: number; last_seq: number }>`
    WITH streams AS (
      INSERT INTO event_streams (user_id, last_seq)
      SELECT * FROM unnest(${users}::integer[], ${users.map((u) => counts.get(u)!)}::bigint[]) ORDER BY 1
      ON CONFLICT (user_id) DO UPDATE SET last_seq = event_streams.last_seq + excluded.last_seq
      RETURNING user_id, last_seq
    ), inserted AS (
      INSERT INTO events (user_id, seq, type, data, created_at)
      SELECT e.user_id, s.last_seq - e.n + e.position, e.type, e.data::jsonb, ${at}::timestamptz
      FROM unnest(
        ${events.map((e) => e.userId)}::integer[], ${events.map((e) => counts.get(e.userId)!)}::bigint[],
        ${positions}::bigint[], ${events.map((e) => e.type)}::text[], ${payloads}::text[]
      ) AS e(user_id, n, position, type, data)
      JOIN streams s ON s.user_id = e.user_id
    )
    SELECT user_id, last_seq FROM streams`.execute(trx);
  const lastSeq = new Map(rows.map((r) => [r.user_id, Number(r.last_seq)]));
  const createdAt = at.toISOString();
  return events.map(({ userId, type }, i) => ({
    userId,
    seq: lastSeq.get(userId)! - counts.get(userId)! + positions[i]!,
    type,
    data: events[i]!.data,
    createdAt,
  }));
}

/** A user's events after a cursor, oldest first (primary key range scan). */
export async function readEventsSince(
  db: Kysely<DB>,
  userId: number,
  afterSeq: number,
  limit: number,
): Promise<DeliveredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'type', 'data', 'created_at'])
    .where('user_id', '=', userId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ userId, seq: r.seq, type: r.type, data: r.data, createdAt: r.created_at.toISOString() }));
}

/** The newest seq of a user's stream and the oldest one still retained. */
export async function streamBounds(db: Kysely<DB>, userId: number): Promise<{ head: number; oldest: number | null }> {
  const row = await db
    .selectFrom('event_streams as s')
    .select([
      's.last_seq',
      (eb) =>
        eb
          .selectFrom('events as e')
          .select((e) => e.fn.min('e.seq').as('oldest'))
          .whereRef('e.user_id', '=', 's.user_id')
          .as('oldest'),
    ])
    .where('s.user_id', '=', userId)
    .executeTakeFirst();
  return { head: row?.last_seq ?? 0, oldest: row?.oldest == null ? null : Number(row.oldest) };
}

/**
 * Drops events created before `before`, `batchSize` rows per statement, so a
 * large backlog never holds one long transaction. Each batch finds its rows
 * through `events_created_at_idx` and deletes them by primary key; rows
 * another instance's sweep is deleting at the same moment are skipped, not
 * waited for. A cursor older than what is left gets `resync.required`.
 */
export async function pruneEvents(db: Kysely<DB>, before: Date, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`
      DELETE FROM events
      WHERE (user_id, seq) IN (
        SELECT user_id, seq FROM events WHERE created_at < ${before} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
      )`.execute(db);
    const deleted = Number(result.numAffectedRows ?? 0);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
