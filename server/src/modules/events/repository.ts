import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DeliveredEvent } from '../../realtime/bus.js';

/**
 * Appends one durable event to a user's stream. The upsert takes the stream
 * row's lock until commit, so the user's events commit in seq order.
 */
export async function appendEvent(
  trx: Transaction<DB>,
  event: { userId: number; type: string; data: unknown; at: Date },
): Promise<DeliveredEvent> {
  const { last_seq: seq } = await trx
    .insertInto('event_streams')
    .values({ user_id: event.userId, last_seq: 1 })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_seq: sql`event_streams.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  // Stored as the JSON the client will receive, dates already in ISO form.
  const data: unknown = JSON.parse(JSON.stringify(event.data));
  await trx
    .insertInto('events')
    .values({ user_id: event.userId, seq, type: event.type, data: JSON.stringify(data), created_at: event.at })
    .execute();
  return { userId: event.userId, seq, type: event.type, data, createdAt: event.at.toISOString() };
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
