import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../http/errors.js';
import { isOpen, seatNewcomer } from '../activities/participation.js';
import { lockActivity } from '../activities/seats.js';
import type { Actor } from '../auth/tokens.js';
import { openRoom } from '../chat/service.js';
import { transactionWithEvents } from '../events/publish.js';
import { presentInvitation } from './presenter.js';
import {
  findOwnInvitation,
  lockAcceptCheck,
  lockOwnInvitation,
  readAcceptCheck,
  respond,
  type AcceptCheck,
  type InvitationRow,
  type SeatCounts,
} from './repository.js';
import type { Invitation } from './schemas.js';

type Answer = 'ACCEPTED' | 'DECLINED' | 'CANCELLED';

const verbs: Record<Answer, { role: 'receiver' | 'sender'; verb: string }> = {
  ACCEPTED: { role: 'receiver', verb: 'accept' },
  DECLINED: { role: 'receiver', verb: 'decline' },
  CANCELLED: { role: 'sender', verb: 'cancel' },
};

/** 404 to strangers, 403 to the other side of the invitation. */
function checkAnswerer<Row extends InvitationRow>(row: Row | undefined, actor: Actor, answer: Answer): Row {
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
 * What accepting comes to in a given state, the refusals in the order they
 * are checked: `accepted` when it already is, `joined` when the receiver
 * already has a place, `seat` when one is to be taken.
 */
function acceptOutcome(check: AcceptCheck, seats: SeatCounts, now: Date): 'accepted' | 'joined' | 'seat' {
  if (check.status === 'ACCEPTED') return 'accepted';
  checkPending(check, now);
  if (!check.allowed) throw new AppError('FORBIDDEN', 'You cannot accept an invitation from this user');
  if (!isOpen(seats, now)) throw new AppError('ACTIVITY_CLOSED');
  if (check.participant_status === 'JOINED') return 'joined';
  if (seats.current_participants >= seats.max_participants) throw new AppError('ACTIVITY_FULL');
  return 'seat';
}

/**
 * Accepts, in one transaction: the invitation must still be pending and
 * unexpired; the receiver takes a place in the activity (ACTIVITY_FULL
 * when there is none; the waitlist is no answer to an invitation); the
 * pair's chat room is opened, or their existing one reused, and linked.
 * Accepting again returns the accepted invitation.
 *
 * Every accept of an activity queues on its lock, so a plain read decides
 * first: a refusal, or an accept already made, that the last committed state
 * shows is the answer, and changes nothing. Only an accept that may succeed
 * takes the lock and decides again on what it then reads. The read and the
 * transaction share one connection, so the read is as recent as it can be:
 * once the activity is full, a crowd of accepts is refused without queueing.
 */
export async function acceptInvitation(ctx: AppContext, actor: Actor, invitationId: number): Promise<Invitation> {
  return ctx.db.connection().execute(async (db) => {
    const seen = checkAnswerer(await readAcceptCheck(db, invitationId, actor.userId), actor, 'ACCEPTED');
    const now = ctx.clock.now();
    if (acceptOutcome(seen, seen, now) === 'accepted') return presentInvitation(seen, now);
    return transactionWithEvents({ ...ctx, db }, async (trx, events) => {
      // The activity's lock comes first, as on every path that changes its participants or invitations.
      const activity = await lockActivity(trx, seen.activity_id);
      const row = await lockAcceptCheck(trx, invitationId, actor.userId);
      if (!activity || !row) throw notFound('Invitation');
      const outcome = acceptOutcome(row, activity, now);
      if (outcome === 'accepted') return presentInvitation(row, now);
      if (
        outcome === 'seat' &&
        !(await seatNewcomer(trx, events, { activityId: row.activity_id, userId: actor.userId, now }))
      ) {
        throw new AppError('ACTIVITY_FULL');
      }
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
  });
}

/** Declines (receiver) or cancels (sender) a pending invitation; doing it again returns it unchanged. */
async function close(ctx: AppContext, actor: Actor, invitationId: number, answer: Answer): Promise<Invitation> {
  checkAnswerer(await findOwnInvitation(ctx.db, invitationId, actor.userId), actor, answer);
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
