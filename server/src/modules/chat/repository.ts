import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { ChatMessagesTable, ChatRoomsTable, DB } from '../../db/schema.js';
import { notBlockedEitherWay } from '../blocks/sql.js';

export type RoomRow = Selectable<ChatRoomsTable>;
export type MessageRow = Selectable<ChatMessagesTable>;
/** A message as a history page reads it: its time already the API's ISO text, and whether it was read. */
export type PageMessageRow = Omit<MessageRow, 'created_at'> & { created_at: string; is_read: boolean };

/** A room as one participant sees it: both read pointers, their unread count and the last message. */
export interface RoomView extends RoomRow {
  my_read_seq: number;
  their_read_seq: number;
  unread_count: number;
  last_message: MessageRow | null;
}

export interface ParticipantRoom extends RoomRow {
  other_id: number;
  my_read_seq: number;
  their_read_seq: number;
}

/** The participant of a room who is not `userId`, as SQL over the row aliased `r`. */
const otherOf = (userId: number) =>
  sql<number>`CASE WHEN r.participant1_id = ${userId} THEN r.participant2_id ELSE r.participant1_id END`;

/** Rooms `userId` takes part in: the check is part of every query, never done after fetching. */
function participantRooms(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('chat_rooms as r')
    .where((eb) => eb.or([eb('r.participant1_id', '=', userId), eb('r.participant2_id', '=', userId)]));
}

/**
 * Rooms `userId` takes part in, each joined to its two read pointers once
 * (`mine`, `theirs`; absent before the first receipt): select them with
 * `readPointers`.
 */
export function participantRoomsWithPointers(db: Kysely<DB>, userId: number) {
  return participantRooms(db, userId)
    .leftJoin('chat_read_pointers as mine', (j) => j.onRef('mine.room_id', '=', 'r.id').on('mine.user_id', '=', userId))
    .leftJoin('chat_read_pointers as theirs', (j) =>
      j.onRef('theirs.room_id', '=', 'r.id').on(sql<boolean>`theirs.user_id = ${otherOf(userId)}`),
    );
}

/** Both read pointers from `participantRoomsWithPointers`, 0 before the first receipt. */
export const readPointers = [
  sql<number>`coalesce(mine.last_read_seq, 0)`.as('my_read_seq'),
  sql<number>`coalesce(theirs.last_read_seq, 0)`.as('their_read_seq'),
];

/**
 * Whether the receiver of the message aliased `m` has read it, as `userId`
 * sees it (presentMessage's rule, for a query that joins
 * `participantRoomsWithPointers`): the reader's own message once the other's
 * pointer reaches it, the other's once the reader's does.
 */
export const isReadFor = (userId: number) =>
  sql<boolean>`m.seq <= CASE WHEN m.sender_id = ${userId} THEN coalesce(theirs.last_read_seq, 0)
    ELSE coalesce(mine.last_read_seq, 0) END`;

/** A room of `userId`'s with the other participant and both read pointers. */
export async function findParticipantRoom(
  db: Kysely<DB>,
  roomId: number,
  userId: number,
): Promise<ParticipantRoom | undefined> {
  const row = await participantRoomsWithPointers(db, userId)
    .selectAll('r')
    .select([otherOf(userId).as('other_id'), ...readPointers])
    .where('r.id', '=', roomId)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      last_seq: Number(row.last_seq),
      my_read_seq: Number(row.my_read_seq),
      their_read_seq: Number(row.their_read_seq),
    }
  );
}

/** The room of a pair, whichever way round it was opened (the unique pair index). */
export function findRoomByPair(db: Kysely<DB>, a: number, b: number): Promise<RoomRow | undefined> {
  return db
    .selectFrom('chat_rooms')
    .selectAll()
    .where(sql<boolean>`least(participant1_id, participant2_id) = ${Math.min(a, b)}`)
    .where(sql<boolean>`greatest(participant1_id, participant2_id) = ${Math.max(a, b)}`)
    .executeTakeFirst();
}

/**
 * Opens the pair's room unless it exists. A concurrent insert of the same pair
 * waits on the unique index and then does nothing, so the caller reads the
 * winner's room instead.
 */
export function insertRoomIfAbsent(
  trx: Transaction<DB>,
  room: { participant1Id: number; participant2Id: number; invitationId: number | null; now: Date },
): Promise<RoomRow | undefined> {
  return trx
    .insertInto('chat_rooms')
    .values({
      participant1_id: room.participant1Id,
      participant2_id: room.participant2Id,
      invitation_id: room.invitationId,
      created_at: room.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

function roomViews(db: Kysely<DB>, userId: number) {
  return (
    participantRoomsWithPointers(db, userId)
      // The last message is the one at the room's seq: one probe of the (room_id, seq) index.
      .leftJoin('chat_messages as m', (j) => j.onRef('m.room_id', '=', 'r.id').onRef('m.seq', '=', 'r.last_seq'))
      .selectAll('r')
      .select([
        ...readPointers,
        // A range of the (room_id, seq) index past the caller's pointer.
        sql<number>`(SELECT count(*) FROM chat_messages u
          WHERE u.room_id = r.id AND u.seq > coalesce(mine.last_read_seq, 0) AND u.sender_id <> ${userId})`.as(
          'unread_count',
        ),
        'm.id as m_id',
        'm.seq as m_seq',
        'm.sender_id as m_sender_id',
        'm.message_type as m_message_type',
        'm.content as m_content',
        'm.client_message_id as m_client_message_id',
        'm.created_at as m_created_at',
      ])
  );
}

type RoomViewRow = Awaited<ReturnType<ReturnType<typeof roomViews>['execute']>>[number];

function toRoomView(row: RoomViewRow): RoomView {
  const { m_id, m_seq, m_sender_id, m_message_type, m_content, m_client_message_id, m_created_at, ...room } = row;
  const last_message =
    m_id === null
      ? null
      : {
          id: m_id,
          room_id: room.id,
          seq: Number(m_seq),
          sender_id: m_sender_id!,
          message_type: m_message_type!,
          content: m_content!,
          client_message_id: m_client_message_id,
          created_at: m_created_at!,
        };
  return {
    ...room,
    last_seq: Number(room.last_seq),
    my_read_seq: Number(room.my_read_seq),
    their_read_seq: Number(room.their_read_seq),
    unread_count: Number(room.unread_count),
    last_message,
  };
}

export async function findRoomView(db: Kysely<DB>, roomId: number, userId: number): Promise<RoomView | undefined> {
  const row = await roomViews(db, userId).where('r.id', '=', roomId).executeTakeFirst();
  return row && toRoomView(row);
}

/**
 * A user's rooms, latest activity first. The rooms are found through the two
 * participant indexes and are few per user, so they are sorted after the lookup.
 */
export async function listRoomViews(
  db: Kysely<DB>,
  f: { userId: number; before?: { at: Date; id: number }; limit: number },
): Promise<RoomView[]> {
  const activity = sql<Date>`coalesce(r.last_message_at, r.created_at)`;
  let query = roomViews(db, f.userId).orderBy(activity, 'desc').orderBy('r.id', 'desc').limit(fetchSize(f.limit));
  if (f.before) {
    query = query.where(sql<boolean>`(${activity}, r.id) < (${f.before.at}::timestamptz, ${f.before.id}::integer)`);
  }
  return (await query.execute()).map(toRoomView);
}

/** Users who share a room with `userId` and have not blocked each other: who hears their presence. */
export async function listRoomPartnerIds(db: Kysely<DB>, userId: number): Promise<number[]> {
  const rows = await participantRooms(db, userId)
    .select(otherOf(userId).as('other_id'))
    .where(notBlockedEitherWay(userId, otherOf(userId)))
    .execute();
  return rows.map((r) => r.other_id);
}

/**
 * Moves a read pointer forward, never back: the conditional upsert leaves a
 * higher pointer alone, also against a concurrent update (it re-checks the
 * row it waited for). Returns the new seq when it moved.
 */
export async function advanceReadPointer(
  trx: Transaction<DB>,
  p: { roomId: number; userId: number; seq: number; now: Date },
): Promise<number | undefined> {
  const row = await trx
    .insertInto('chat_read_pointers')
    .values({ room_id: p.roomId, user_id: p.userId, last_read_seq: p.seq, updated_at: p.now })
    .onConflict((oc) =>
      oc
        .columns(['room_id', 'user_id'])
        .doUpdateSet({ last_read_seq: p.seq, updated_at: p.now })
        .where('chat_read_pointers.last_read_seq', '<', p.seq),
    )
    .returning('last_read_seq')
    .executeTakeFirst();
  return row && Number(row.last_read_seq);
}

export async function findReadSeq(db: Kysely<DB>, roomId: number, userId: number): Promise<number> {
  const row = await db
    .selectFrom('chat_read_pointers')
    .select('last_read_seq')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.last_read_seq ?? 0);
}
