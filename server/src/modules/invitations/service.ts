import type { AppContext } from '../../context.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { assertSelf } from '../../http/authenticate.js';
import { decodeCursor, encodeCursor, isIdCursor, page } from '../../http/cursor.js';
import { AppError, notFound } from '../../http/errors.js';
import { parseDateTime } from '../../http/time.js';
import { isOpen } from '../activities/participation.js';
import { findVisibleActivity } from '../activities/repository.js';
import { findParticipant } from '../activities/seats.js';
import type { Actor } from '../auth/tokens.js';
import { findPeer } from '../blocks/repository.js';
import { transactionWithEvents } from '../events/publish.js';
import { presentInvitation } from './presenter.js';
import {
  expireStale,
  findByIdempotencyKey,
  findOwnInvitation,
  insertInvitation,
  listInvitations as listInvitationRows,
  type InvitationRow,
} from './repository.js';
import type { Invitation, InvitationCreateInput, ListInvitationsInput } from './schemas.js';

export { acceptInvitation, cancelInvitation, declineInvitation } from './responses.js';

const HOUR = 3_600_000;

/** A stranger learns nothing about an invitation, not even that it exists. */
export const invitationNotFound = (): AppError => notFound('Invitation');

/**
 * The latest an invitation may live: the invitation lifetime, and no later
 * than the activity's start (its end, once it has started).
 */
function latestExpiry(ctx: AppContext, activity: { start_time: Date; end_time: Date }, now: Date): Date {
  const deadline = activity.start_time.getTime() > now.getTime() ? activity.start_time : activity.end_time;
  return new Date(Math.min(now.getTime() + ctx.config.invitations.ttlHours * HOUR, deadline.getTime()));
}

/** Whether a stored invitation is what this request would have created. */
function sameRequest(row: InvitationRow, input: InvitationCreateInput, expiresAt: Date | undefined): boolean {
  return (
    row.receiver_id === input.receiverId &&
    row.activity_id === input.activityId &&
    row.message === (input.message ?? null) &&
    row.ice_breaker_question === (input.iceBreakerQuestion ?? null) &&
    (expiresAt === undefined || row.expires_at.getTime() === expiresAt.getTime())
  );
}

function replay(ctx: AppContext, row: InvitationRow, input: InvitationCreateInput, expiresAt?: Date): Invitation {
  if (!sameRequest(row, input, expiresAt)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return presentInvitation(row, ctx.clock.now());
}

/**
 * Invites someone to an open activity the sender has joined. One pending
 * invitation per (sender, receiver, activity); with an idempotency key a
 * retry returns the first invitation (`created: false`). Both are told.
 */
export async function createInvitation(
  ctx: AppContext,
  actor: Actor,
  input: InvitationCreateInput,
  idempotencyKey: string | undefined,
): Promise<{ invitation: Invitation; created: boolean }> {
  assertSelf(actor, input.senderId, 'senderId');
  const requestedExpiry = input.expiresAt === undefined ? undefined : parseDateTime(input.expiresAt, 'body.expiresAt');
  if (idempotencyKey !== undefined) {
    const stored = await findByIdempotencyKey(ctx.db, actor.userId, idempotencyKey);
    if (stored) return { invitation: replay(ctx, stored, input, requestedExpiry), created: false };
  }
  if (input.receiverId === actor.userId) throw new AppError('RULE_VIOLATED', 'You cannot invite yourself');
  const now = ctx.clock.now();
  const invitee = await findPeer(ctx.db, actor.userId, input.receiverId);
  if (!invitee) throw notFound('User');
  if (!invitee.allowed) throw new AppError('FORBIDDEN', 'You cannot invite this user');
  const activity = await findVisibleActivity(ctx.db, input.activityId, actor.userId);
  if (!activity) throw notFound('Activity');
  if (!isOpen(activity, now)) throw new AppError('ACTIVITY_CLOSED');
  if ((await findParticipant(ctx.db, activity.id, actor.userId))?.status !== 'JOINED') {
    throw new AppError('FORBIDDEN', 'Only participants of an activity can invite to it');
  }
  if ((await findParticipant(ctx.db, activity.id, input.receiverId))?.status === 'JOINED') {
    throw new AppError('ALREADY_PARTICIPANT');
  }
  const latest = latestExpiry(ctx, activity, now);
  const expiresAt = requestedExpiry ?? latest;
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > latest.getTime()) {
    throw new AppError('RULE_VIOLATED', `expiresAt must be in the future and no later than ${latest.toISOString()}`, [
      { field: 'body.expiresAt', message: 'is out of range' },
    ]);
  }
  try {
    const invitation = await transactionWithEvents(ctx, async (trx, events) => {
      const triple = { senderId: actor.userId, receiverId: input.receiverId, activityId: activity.id, now };
      // An expired invitation still marked PENDING would hold the one-pending slot.
      for (const stale of await expireStale(trx, triple)) {
        events.emit([stale.sender_id, stale.receiver_id], 'invitation.expired', presentInvitation(stale, now));
      }
      const row = await insertInvitation(trx, {
        sender_id: actor.userId,
        receiver_id: input.receiverId,
        activity_id: activity.id,
        message: input.message ?? null,
        ice_breaker_question: input.iceBreakerQuestion ?? null,
        idempotency_key: idempotencyKey ?? null,
        created_at: now,
        expires_at: expiresAt,
      });
      const created = presentInvitation(row, now);
      events.emit([row.sender_id, row.receiver_id], 'invitation.created', created);
      return created;
    });
    return { invitation, created: true };
  } catch (error) {
    if (isUniqueViolation(error) && idempotencyKey !== undefined) {
      // A concurrent retry with the same key may have won (on this index or the one-pending one).
      const stored = await findByIdempotencyKey(ctx.db, actor.userId, idempotencyKey);
      if (stored) return { invitation: replay(ctx, stored, input, requestedExpiry), created: false };
    }
    if (isUniqueViolation(error, 'invitations_one_pending_key')) throw new AppError('ALREADY_INVITED');
    // Only a user or an activity deleted in between.
    if (isForeignKeyViolation(error)) throw notFound('User or activity');
    throw error;
  }
}

/** Sender and receiver only; to anyone else it does not exist. */
export async function getInvitation(ctx: AppContext, actor: Actor, invitationId: number): Promise<Invitation> {
  const row = await findOwnInvitation(ctx.db, invitationId, actor.userId);
  if (!row) throw invitationNotFound();
  return presentInvitation(row, ctx.clock.now());
}

export async function listInvitations(
  ctx: AppContext,
  actor: Actor,
  q: ListInvitationsInput,
): Promise<{ items: Invitation[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const now = ctx.clock.now();
  const rows = await listInvitationRows(ctx.db, {
    userId: actor.userId,
    now,
    limit,
    ...(q.role ? { role: q.role } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.cursor ? { beforeId: decodeCursor(q.cursor, isIdCursor).id } : {}),
  });
  const result = page(rows, limit, (last) => encodeCursor({ id: last.id }));
  return { items: result.items.map((r) => presentInvitation(r, now)), nextCursor: result.nextCursor };
}
