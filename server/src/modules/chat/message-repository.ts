import { sql, type Kysely, type Transaction } from 'kysely';
import { fetchRows, fetchSize } from '../../db/fetch-size.js';
import { ReusableQuery, type Param } from '../../db/reusable-query.js';
import type { DB } from '../../db/schema.js';
import { isoTimestamp } from '../../db/timestamps.js';
import { notBlockedEitherWay } from '../blocks/sql.js';
import { isReadFor, participantRoomsWithPointers, type MessageRow, type PageMessageRow } from './repository.js';

const toMessageRow = (row: MessageRow): MessageRow => ({ ...row, seq: Number(row.seq) });

/** A room about to take messages: its two participants, and whether neither has blocked the other. */
export interface SendingRoom {
  id: number;
  participant1_id: number;
  participant2_id: number;
  allowed: boolean;
}

/**
 * Locks the rooms a batch of messages goes to, in id order (so concurrent
 * batches cannot deadlock), and holds the locks until commit: messages of
 * one room commit in seq order with no gaps.
 */
export async function lockRoomsForSending(trx: Transaction<DB>, roomIds: number[]): Promise<Map<number, SendingRoom>> {
  const rows = await trx
    .selectFrom('chat_rooms as r')
    .select([
      'r.id',
      'r.participant1_id',
      'r.participant2_id',
      notBlockedEitherWay(sql.ref('r.participant1_id'), sql.ref('r.participant2_id')).as('allowed'),
    ])
    .where('r.id', '=', (eb) => eb.fn.any(eb.val(roomIds)))
    .orderBy('r.id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, allowed: Boolean(r.allowed) }]));
}

/** A message to insert; its seq is the room's next. */
export type MessageDraft = Omit<MessageRow, 'id' | 'seq'>;

/**
 * Inserts messages into rooms this transaction has locked, in one statement:
 * each room's seq advances by the number of its messages, which take the new
 * seqs in the order given. Returns the rows in that order.
 */
export async function appendMessages(trx: Transaction<DB>, drafts: MessageDraft[], now: Date): Promise<MessageRow[]> {
  const counts = new Map<number, number>();
  // Position of each draft among its room's drafts, from 1.
  const positions = drafts.map((d) => {
    const n = (counts.get(d.room_id) ?? 0) + 1;
    counts.set(d.room_id, n);
    return n;
  });
  const rooms = [...counts.keys()];
  const column = <K extends keyof MessageDraft>(key: K) => drafts.map((d) => d[key]);
  const { rows } = await sql<MessageRow>`
    WITH bumped AS (
      UPDATE chat_rooms r SET last_seq = r.last_seq + v.n, last_message_at = ${now}::timestamptz
      FROM unnest(${rooms}::integer[], ${rooms.map((id) => counts.get(id)!)}::bigint[]) AS v(id, n)
      WHERE r.id = v.id
      RETURNING r.id, r.last_seq - v.n AS before_seq
    )
    INSERT INTO chat_messages (room_id, seq, sender_id, message_type, content, client_message_id, created_at)
    SELECT m.room_id, b.before_seq + m.position, m.sender_id, m.message_type, m.content, m.client_message_id,
      m.created_at
    FROM unnest(
      ${column('room_id')}::integer[], ${positions}::bigint[], ${column('sender_id')}::integer[],
      ${column('message_type')}::text[], ${column('content')}::text[], ${column('client_message_id')}::text[],
      ${column('created_at')}::timestamptz[]
    ) AS m(room_id, position, sender_id, message_type, content, client_message_id, created_at)
    JOIN bumped b ON b.id = m.room_id
    RETURNING *`.execute(trx);
  const bySeq = new Map(rows.map((r) => [`${r.room_id}:${Number(r.seq)}`, toMessageRow(r)]));
  const firstSeq = new Map<number, number>();
  for (const row of bySeq.values()) {
    firstSeq.set(row.room_id, Math.min(firstSeq.get(row.room_id) ?? Infinity, row.seq));
  }
  return drafts.map((d, i) => {
    const row = bySeq.get(`${d.room_id}:${firstSeq.get(d.room_id)! + positions[i]! - 1}`);
    if (!row) throw new Error(`Room ${d.room_id} was not locked for its messages`);
    return row;
  });
}

/** Messages senders already stored under idempotency keys (the partial unique index), keyed `sender:key`. */
export async function findMessagesByClientIds(
  db: Kysely<DB>,
  keys: { senderId: number; clientMessageId: string }[],
): Promise<Map<string, MessageRow>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<MessageRow>`
    SELECT m.* FROM chat_messages m
    JOIN unnest(${keys.map((k) => k.senderId)}::integer[], ${keys.map((k) => k.clientMessageId)}::text[]) AS k(s, c)
      ON m.sender_id = k.s AND m.client_message_id = k.c`.execute(db);
  return new Map(rows.map((r) => [clientKey(r.sender_id, r.client_message_id!), toMessageRow(r)]));
}

export const clientKey = (senderId: number, clientMessageId: string): string => `${senderId}:${clientMessageId}`;

interface PageParams extends Record<string, unknown> {
  roomId: number;
  userId: number;
  seq: number | null;
}
type PageDirection = 'before' | 'after';

/**
 * A page of the (room_id, seq) index from `seq` in the given direction, in
 * the same statement as the participant check and the read pointers: one
 * round trip. The pointers are joined to the room, not looked up per message
 * row, and each row says whether it was read rather than carry both
 * pointers. Built once per direction, start and fetch size (see ReusableQuery).
 */
function pageQuery(direction: PageDirection, fromStart: boolean, limit: number) {
  return new ReusableQuery((db, param: Param<PageParams>) =>
    participantRoomsWithPointers(db, param('userId'))
      .where('r.id', '=', param('roomId'))
      .leftJoinLateral(
        (eb) => {
          let page = eb
            .selectFrom('chat_messages as cm')
            .selectAll('cm')
            .whereRef('cm.room_id', '=', 'r.id')
            .orderBy('cm.seq', direction === 'before' ? 'desc' : 'asc')
            .limit(fetchSize(limit));
          if (!fromStart) page = page.where('cm.seq', direction === 'before' ? '<' : '>', param('seq')!);
          return page.as('m');
        },
        (join) => join.onTrue(),
      )
      .select([
        isReadFor(param('userId')).as('is_read'),
        'm.id',
        'm.seq',
        'm.sender_id',
        'm.message_type',
        'm.content',
        'm.client_message_id',
        // As text, passed on as the API writes it (isoTimestamp), not read into a Date and written again.
        sql<string | null>`m.created_at::text`.as('created_at'),
      ]),
  );
}
const pageQueries = new Map<string, ReturnType<typeof pageQuery>>();

/**
 * A page of at least `limit + 1` messages (while the room has them) from
 * `seq`, or from the end the direction starts at when `seq` is null, as
 * `userId` sees them. Undefined unless `userId` takes part.
 */
export async function findRoomPage(
  db: Kysely<DB>,
  f: { roomId: number; userId: number; direction: PageDirection; seq: number | null; limit: number },
): Promise<PageMessageRow[] | undefined> {
  const shape = `${f.direction}:${f.seq === null}:${fetchRows(f.limit)}`;
  let query = pageQueries.get(shape);
  if (!query) pageQueries.set(shape, (query = pageQuery(f.direction, f.seq === null, f.limit)));
  const rows = await query.execute(db, { roomId: f.roomId, userId: f.userId, seq: f.seq });
  if (rows.length === 0) return undefined;
  const messages: PageMessageRow[] = [];
  for (const m of rows) {
    // A room without messages in range still gives its one row, with the page's columns null.
    if (m.id === null) continue;
    messages.push({
      id: m.id,
      room_id: f.roomId,
      seq: Number(m.seq),
      sender_id: m.sender_id!,
      message_type: m.message_type!,
      content: m.content!,
      client_message_id: m.client_message_id,
      created_at: isoTimestamp(m.created_at!),
      is_read: m.is_read!,
    });
  }
  return messages;
}

/** Messages from others past a pointer: a range of the (room_id, seq) index. */
export async function countUnread(db: Kysely<DB>, roomId: number, userId: number, afterSeq: number): Promise<number> {
  const row = await db
    .selectFrom('chat_messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('room_id', '=', roomId)
    .where('seq', '>', afterSeq)
    .where('sender_id', '<>', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
