import { sql, type Kysely } from 'kysely';
import { fetchRows, fetchSize } from '../../db/fetch-size.js';
import { ReusableQuery, type Param } from '../../db/reusable-query.js';
import type { DB } from '../../db/schema.js';
import { isoTimestamp } from '../../db/timestamps.js';
import { notBlockedEitherWay } from '../blocks/sql.js';
import { isReadFor, participantRoomsWithPointers, type MessageRow, type PageMessageRow } from './repository.js';

const toMessageRow = (row: MessageRow): MessageRow => ({ ...row, seq: Number(row.seq) });

/** A message to store, in the order of its batch. */
export interface MessageDraft {
  room_id: number;
  sender_id: number;
  message_type: MessageRow['message_type'];
  content: string;
  client_message_id: string | null;
}

/** What became of one draft of a batch. */
export type DraftResult =
  /** Stored now; the seqs of its event in the sender's and the other participant's streams. */
  | { status: 'created'; row: MessageRow; otherId: number; senderEventSeq: number; otherEventSeq: number }
  /** Its sender stored a message under its idempotency key before. */
  | { status: 'stored'; row: MessageRow }
  /** No such room, or the sender does not take part in it. */
  | { status: 'not_found' }
  /** One of the two participants has blocked the other. */
  | { status: 'blocked' };

interface BatchRow extends Omit<MessageRow, 'id' | 'seq' | 'sender_id' | 'room_id'> {
  ord: number;
  status: DraftResult['status'];
  id: number | null;
  room_id: number | null;
  seq: number | null;
  sender_id: number | null;
  other_id: number | null;
  sender_event_seq: number | null;
  other_event_seq: number | null;
}

/**
 * Stores a batch of messages and their `message.created` events in one
 * statement, so in one round trip and one implicit transaction: reads the
 * idempotency keys already used, locks the rooms in id order (participants
 * and blocks checked under the lock), advances each room's seq by its number
 * of messages, inserts the messages (a room's take seqs in the order given),
 * then appends an event per message to the sender's and the other
 * participant's streams, as appendEvents does: stream rows locked last, in
 * user id order, each user's events numbered in the order of the batch.
 * The event's data is built here as presentMessage shows the message right
 * after sending (unread for both, `createdAt` as `now.toISOString()`); a test
 * holds the two to the same JSON.
 *
 * The drafts go as one JSON parameter rather than one array per column: the
 * planner then estimates the batch at the same size whatever its length, so
 * the prepared statement settles on its generic plan instead of planning
 * this large statement again for every batch (arrays, whose length a custom
 * plan sees, made PostgreSQL plan anew each time: twice its CPU at 1,000
 * messages/s).
 */
export async function storeMessageBatch(db: Kysely<DB>, drafts: MessageDraft[], now: Date): Promise<DraftResult[]> {
  const { rows } = await sql<BatchRow>`
    WITH d AS (
      SELECT * FROM ROWS FROM (
        jsonb_to_recordset(${JSON.stringify(drafts)}::jsonb)
          AS (room_id integer, sender_id integer, message_type text, content text, client_message_id text)
      ) WITH ORDINALITY AS d(room_id, sender_id, message_type, content, client_message_id, ord)
    ), stored AS (
      -- A probe of the key's index per draft, whatever the planner guesses of the batch's size.
      SELECT d.ord, m.* FROM d
      CROSS JOIN LATERAL (
        SELECT * FROM chat_messages m
        WHERE m.sender_id = d.sender_id AND m.client_message_id = d.client_message_id
        LIMIT 1
      ) m
    ), fresh AS (
      -- The drafts to store now: every one but those whose key was used before.
      SELECT * FROM d WHERE ord NOT IN (SELECT ord FROM stored)
    ), locked AS (
      SELECT r.id, r.participant1_id, r.participant2_id,
        ${notBlockedEitherWay(sql.ref('r.participant1_id'), sql.ref('r.participant2_id'))} AS allowed
      FROM chat_rooms r
      WHERE r.id = ANY (ARRAY(SELECT room_id FROM fresh))
      ORDER BY r.id
      FOR UPDATE
    ), accepted AS (
      SELECT d.*,
        CASE WHEN l.participant1_id = d.sender_id THEN l.participant2_id ELSE l.participant1_id END AS other_id,
        row_number() OVER (PARTITION BY d.room_id ORDER BY d.ord) AS position
      FROM fresh d JOIN locked l ON l.id = d.room_id
      WHERE l.allowed AND d.sender_id IN (l.participant1_id, l.participant2_id)
    ), bumped AS (
      UPDATE chat_rooms r SET last_seq = r.last_seq + a.n, last_message_at = ${now}::timestamptz
      FROM (SELECT room_id, count(*) AS n FROM accepted GROUP BY room_id) a
      WHERE r.id = a.room_id
      RETURNING r.id, r.last_seq - a.n AS before_seq
    ), inserted AS (
      INSERT INTO chat_messages (room_id, seq, sender_id, message_type, content, client_message_id, created_at)
      SELECT a.room_id, b.before_seq + a.position, a.sender_id, a.message_type, a.content, a.client_message_id,
        ${now}::timestamptz
      FROM accepted a JOIN bumped b ON b.id = a.room_id
      ORDER BY a.ord
      RETURNING *
    ), created AS (
      SELECT a.ord, a.other_id, i.*
      FROM inserted i
      JOIN bumped b ON b.id = i.room_id
      JOIN accepted a ON a.room_id = i.room_id AND a.position = i.seq - b.before_seq
    ), recipients AS (
      SELECT c.*, u.user_id, u.is_sender,
        row_number() OVER (PARTITION BY u.user_id ORDER BY c.ord) AS position,
        count(*) OVER (PARTITION BY u.user_id) AS n
      FROM created c
      CROSS JOIN LATERAL (VALUES (c.sender_id, true), (c.other_id, false)) AS u(user_id, is_sender)
    ), streams AS (
      INSERT INTO event_streams (user_id, last_seq)
      SELECT DISTINCT user_id, n FROM recipients ORDER BY 1
      ON CONFLICT (user_id) DO UPDATE SET last_seq = event_streams.last_seq + excluded.last_seq
      RETURNING user_id, last_seq
    ), numbered AS (
      SELECT r.*, s.last_seq - r.n + r.position AS event_seq
      FROM recipients r JOIN streams s ON s.user_id = r.user_id
    ), appended AS (
      INSERT INTO events (user_id, seq, type, data, created_at)
      SELECT user_id, event_seq, 'message.created',
        jsonb_build_object(
          'id', id, 'chatRoomId', room_id, 'senderId', sender_id, 'content', content, 'messageType', message_type,
          'createdAt', ${now.toISOString()}::text, 'isRead', false, 'seq', seq, 'clientMessageId', client_message_id
        ),
        ${now}::timestamptz
      FROM numbered
    )
    SELECT d.ord,
      CASE
        WHEN s.ord IS NOT NULL THEN 'stored'
        WHEN c.ord IS NOT NULL THEN 'created'
        WHEN l.id IS NULL OR d.sender_id NOT IN (l.participant1_id, l.participant2_id) THEN 'not_found'
        ELSE 'blocked'
      END AS status,
      coalesce(s.id, c.id) AS id, coalesce(s.room_id, c.room_id) AS room_id, coalesce(s.seq, c.seq) AS seq,
      coalesce(s.sender_id, c.sender_id) AS sender_id, coalesce(s.message_type, c.message_type) AS message_type,
      coalesce(s.content, c.content) AS content,
      coalesce(s.client_message_id, c.client_message_id) AS client_message_id,
      coalesce(s.created_at, c.created_at) AS created_at,
      c.other_id, sender_event.event_seq AS sender_event_seq, other_event.event_seq AS other_event_seq
    FROM d
    LEFT JOIN stored s ON s.ord = d.ord
    LEFT JOIN created c ON c.ord = d.ord
    LEFT JOIN locked l ON l.id = d.room_id
    LEFT JOIN numbered sender_event ON sender_event.ord = d.ord AND sender_event.is_sender
    LEFT JOIN numbered other_event ON other_event.ord = d.ord AND NOT other_event.is_sender
    ORDER BY d.ord`.execute(db);
  return rows.map((r): DraftResult => {
    if (r.status === 'not_found' || r.status === 'blocked') return { status: r.status };
    const row: MessageRow = {
      id: r.id!,
      room_id: r.room_id!,
      seq: Number(r.seq),
      sender_id: r.sender_id!,
      message_type: r.message_type,
      content: r.content,
      client_message_id: r.client_message_id,
      created_at: r.created_at,
    };
    if (r.status === 'stored') return { status: 'stored', row };
    return {
      status: 'created',
      row,
      otherId: r.other_id!,
      senderEventSeq: Number(r.sender_event_seq),
      otherEventSeq: Number(r.other_event_seq),
    };
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
