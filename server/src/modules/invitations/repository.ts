import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { DB, InvitationsTable, ParticipantStatus } from '../../db/schema.js';
import type { ActivityRow } from '../activities/repository.js';
import { notBlockedEitherWay } from '../blocks/sql.js';
import type { InvitationStatus } from './schemas.js';

export type InvitationRow = Selectable<InvitationsTable>;

export function insertInvitation(
  trx: Transaction<DB>,
  values: Omit<InvitationRow, 'id' | 'chat_room_id' | 'responded_at' | 'status'>,
): Promise<InvitationRow> {
  return trx
    .insertInto('invitations')
    .values({ ...values, status: 'PENDING' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findByIdempotencyKey(
  db: Kysely<DB>,
  senderId: number,
  key: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('sender_id', '=', senderId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** An invitation of `userId`'s, sent or received: the check is part of the query. */
export function findOwnInvitation(
  db: Kysely<DB>,
  invitationId: number,
  userId: number,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where((eb) => eb.or([eb('sender_id', '=', userId), eb('receiver_id', '=', userId)]))
    .executeTakeFirst();
}

/** The same, locked until the transaction ends. */
export function lockOwnInvitation(
  trx: Transaction<DB>,
  invitationId: number,
  userId: number,
): Promise<InvitationRow | undefined> {
  return trx
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where((eb) => eb.or([eb('sender_id', '=', userId), eb('receiver_id', '=', userId)]))
    .forUpdate()
    .executeTakeFirst();
}

/**
 * An invitation with what deciding its accept needs besides the activity's
 * seats: whether the pair may meet, and the receiver's place in the activity.
 */
export interface AcceptCheck extends InvitationRow {
  allowed: boolean;
  participant_status: ParticipantStatus | null;
}

/** The activity's side of an accept. */
export type SeatCounts = Pick<ActivityRow, 'is_active' | 'end_time' | 'current_participants' | 'max_participants'>;

function acceptCheck(db: Kysely<DB>, invitationId: number, userId: number) {
  return db
    .selectFrom('invitations as i')
    .selectAll('i')
    .select((eb) => [
      notBlockedEitherWay(sql.ref('i.sender_id'), sql.ref('i.receiver_id')).as('allowed'),
      eb
        .selectFrom('activity_participants as p')
        .select('p.status')
        .whereRef('p.activity_id', '=', 'i.activity_id')
        .whereRef('p.user_id', '=', 'i.receiver_id')
        .as('participant_status'),
    ])
    .where('i.id', '=', invitationId)
    .where((eb) => eb.or([eb('i.sender_id', '=', userId), eb('i.receiver_id', '=', userId)]));
}

/** An invitation of `userId`'s with its accept check and its activity's seats, as last committed: no lock. */
export function readAcceptCheck(
  db: Kysely<DB>,
  invitationId: number,
  userId: number,
): Promise<(AcceptCheck & SeatCounts) | undefined> {
  return acceptCheck(db, invitationId, userId)
    .innerJoin('activities as a', 'a.id', 'i.activity_id')
    .select(['a.is_active', 'a.end_time', 'a.current_participants', 'a.max_participants'])
    .executeTakeFirst();
}

/** The same without the activity, the invitation locked until the transaction ends (the caller holds the activity's lock). */
export function lockAcceptCheck(
  trx: Transaction<DB>,
  invitationId: number,
  userId: number,
): Promise<AcceptCheck | undefined> {
  return acceptCheck(trx, invitationId, userId).forUpdate().executeTakeFirst();
}

/** Answers a pending invitation (the caller holds its lock). */
export function respond(
  trx: Transaction<DB>,
  invitationId: number,
  change: { status: 'ACCEPTED' | 'DECLINED' | 'CANCELLED'; now: Date; chatRoomId?: number },
): Promise<InvitationRow> {
  return trx
    .updateTable('invitations')
    .set({ status: change.status, responded_at: change.now, chat_room_id: change.chatRoomId ?? null })
    .where('id', '=', invitationId)
    .where('status', '=', 'PENDING')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Newest first, keyset-paged on the id along `invitations_sender_idx` and
 * `invitations_receiver_idx`. A pending invitation past its expiry counts as
 * EXPIRED, so the status filter and the presenter agree before the sweeper runs.
 */
export function listInvitations(
  db: Kysely<DB>,
  f: {
    userId: number;
    role?: 'sent' | 'received';
    status?: InvitationStatus;
    now: Date;
    beforeId?: number;
    limit: number;
  },
): Promise<InvitationRow[]> {
  let query = db.selectFrom('invitations').selectAll().orderBy('id', 'desc').limit(fetchSize(f.limit));
  if (f.role === 'sent') query = query.where('sender_id', '=', f.userId);
  else if (f.role === 'received') query = query.where('receiver_id', '=', f.userId);
  else query = query.where((eb) => eb.or([eb('sender_id', '=', f.userId), eb('receiver_id', '=', f.userId)]));
  if (f.status === 'PENDING') {
    query = query.where('status', '=', 'PENDING').where('expires_at', '>', f.now);
  } else if (f.status === 'EXPIRED') {
    query = query.where((eb) =>
      eb.or([eb('status', '=', 'EXPIRED'), eb.and([eb('status', '=', 'PENDING'), eb('expires_at', '<=', f.now)])]),
    );
  } else if (f.status) {
    query = query.where('status', '=', f.status);
  }
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  return query.execute();
}

/**
 * Marks up to `limit` pending invitations past their expiry as EXPIRED and
 * returns them. Rows another transaction holds (a sweeper on another
 * instance, an accept in progress) are skipped, and the outer condition
 * re-checks the status, so each expiry is written, and announced, once.
 */
export function expireDue(trx: Transaction<DB>, now: Date, limit: number): Promise<InvitationRow[]> {
  return trx
    .updateTable('invitations')
    .set({ status: 'EXPIRED' })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('invitations')
        .select('id')
        .where('status', '=', 'PENDING')
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('status', '=', 'PENDING')
    .returningAll()
    .execute();
}

/** The expired pending invitations of one (sender, receiver, activity), which a new one replaces. */
export function expireStale(
  trx: Transaction<DB>,
  t: { senderId: number; receiverId: number; activityId: number; now: Date },
): Promise<InvitationRow[]> {
  return trx
    .updateTable('invitations')
    .set({ status: 'EXPIRED' })
    .where('sender_id', '=', t.senderId)
    .where('receiver_id', '=', t.receiverId)
    .where('activity_id', '=', t.activityId)
    .where('status', '=', 'PENDING')
    .where('expires_at', '<=', t.now)
    .returningAll()
    .execute();
}

/** Cancels an activity's live pending invitations (`invitations_pending_activity_idx`). */
export function cancelPendingOfActivity(trx: Transaction<DB>, activityId: number, now: Date): Promise<InvitationRow[]> {
  return trx
    .updateTable('invitations')
    .set({ status: 'CANCELLED', responded_at: now })
    .where('activity_id', '=', activityId)
    .where('status', '=', 'PENDING')
    .where('expires_at', '>', now)
    .returningAll()
    .execute();
}

/** Brings the live pending invitations of an activity forward to `latest` when they would expire after it. */
export function capPendingExpiry(
  trx: Transaction<DB>,
  activityId: number,
  latest: Date,
  now: Date,
): Promise<InvitationRow[]> {
  return trx
    .updateTable('invitations')
    .set({ expires_at: latest })
    .where('activity_id', '=', activityId)
    .where('status', '=', 'PENDING')
    .where('expires_at', '>', now)
    .where('expires_at', '>', latest)
    .returningAll()
    .execute();
}

export async function pendingReceiverIds(db: Kysely<DB>, activityId: number, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('receiver_id')
    .distinct()
    .where('activity_id', '=', activityId)
    .where('status', '=', 'PENDING')
    .where('expires_at', '>', now)
    .execute();
  return rows.map((r) => r.receiver_id);
}
