import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../http/errors.js';
import { seatParticipant } from '../activities/participation.js';
import { lockActivity } from '../activities/seats.js';
import type { Actor } from '../auth/tokens.js';
import { openRoom } from '../chat/service.js';
import { transactionWithEvents } from '../events/publish.js';
import { presentInvitation } from './presenter.js';
import { findOwnInvitation, isBlockedPair, lockOwnInvitation, respond, type InvitationRow } from './repository.js';
import type { Invitation } from './schemas.js';

type Answer = 'ACCEPTED' | 'DECLINED' | 'CANCELLED';

const verbs: Record<Answer, { role: 'receiver' | 'sender'; verb: string }> = {
  ACCEPTED: { role: 'receiver', verb: 'accept' },
  DECLINED: { role: 'receiver', verb: 'decline' },
  CANCELLED: { role: 'sender', verb: 'cancel' },
};

/**
 * The invitation if the actor may give this answer to it: 404 to strangers,
 * 403 to the other side of the invitation.
 */
async function answerable(ctx: AppContext, actor: Actor, invitationId: number, answer: Answer): Promise<InvitationRow> {
  const row = await findOwnInvitation(ctx.db, invitationId, actor.userId);
  if (!row) throw notFound('Invitation');
  const { role, verb } = verbs[answer];
  if ((role === 'receiver' ? row.receiver_id : row.sender_id) !== actor.userId) {
    throw new AppError('FORBIDDEN', `Only the ${role} can ${verb} an invitation`);
  }
  return row;
}

/** Expiry is checked here, with the app's clock, whether or not the sweeper has marked it yet. */
function checkPending(row: InvitationRow, now: Date): void {
  if (row.status === 'EXPIRED' || (row.status === 'PENDING' && row.expires_at.getTime() <= now.getTime())) {
    throw new AppError('INVITATION_EXPIRED', `The invitation expired at ${row.expires_at.toISOString()}`);
  }
  if (row.status !== 'PENDING') {
    throw new AppError('INVITATION_NOT_PENDING', `The invitation is already ${row.status.toLowerCase()}`);
  }
}

/**
 * Accepts, in one transaction: the invitation must still be pending and
 * unexpired; the receiver takes a place in the activity (ACTIVITY_FULL
 * when there is none; the waitlist is no answer to an invitation); the
 * pair's chat room is opened, or their existing one reused, and linked.
 * Accepting again returns the accepted invitation.
 */
export async function acceptInvitation(ctx: AppContext, actor: Actor, invitationId: number): Promise<Invitation> {
  const found = await answerable(ctx, actor, invitationId, 'ACCEPTED');
  const now = ctx.clock.now();
  return transactionWithEvents(ctx, async (trx, events) => {
    // The activity's lock comes first, as on every path that changes its participants or invitations.
    await lockActivity(trx, found.activity_id);
    const row = await lockOwnInvitation(trx, invitationId, actor.userId);
    if (!row) throw notFound('Invitation');
    if (row.status === 'ACCEPTED') return presentInvitation(row, now);
    checkPending(row, now);
    if (await isBlockedPair(trx, row.sender_id, row.receiver_id)) {
      throw new AppError('FORBIDDEN', 'You cannot accept an invitation from this user');
    }
    await seatParticipant(trx, events, { activityId: row.activity_id, userId: actor.userId, now, whenFull: 'refuse' });
    const { room } = await openRoom(trx, events, {
      participant1Id: row.sender_id,
      participant2Id: row.receiver_id,
      invitationId: row.id,
      now,
    });
    const accepted = presentInvitation(
      await respond(trx, row.id, { status: 'ACCEPTED', now, chatRoomId: room.id }),
      now,
    );
    events.emit([row.sender_id, row.receiver_id], 'invitation.updated', accepted);
    return accepted;
  });
}

/** Declines (receiver) or cancels (sender) a pending invitation; doing it again returns it unchanged. */
async function close(ctx: AppContext, actor: Actor, invitationId: number, answer: Answer): Promise<Invitation> {
  await answerable(ctx, actor, invitationId, answer);
  const now = ctx.clock.now();
  return transactionWithEvents(ctx, async (trx, events) => {
    const row = await lockOwnInvitation(trx, invitationId, actor.userId);
    if (!row) throw notFound('Invitation');
    if (row.status === answer) return presentInvitation(row, now);
    checkPending(row, now);
    const closed = presentInvitation(await respond(trx, row.id, { status: answer, now }), now);
    events.emit([row.sender_id, row.receiver_id], 'invitation.updated', closed);
    return closed;
  });
}

export const declineInvitation = (ctx: AppContext, actor: Actor, invitationId: number): Promise<Invitation> =>
  close(ctx, actor, invitationId, 'DECLINED');

export const cancelInvitation = (ctx: AppContext, actor: Actor, invitationId: number): Promise<Invitation> =>
  close(ctx, actor, invitationId, 'CANCELLED');
