import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EventSink } from '../events/publish.js';
import { presentInvitation } from './presenter.js';
import { cancelPendingOfActivity, capPendingExpiry, pendingReceiverIds } from './repository.js';

/*
 * What happens to invitations when their activity changes, in the activity's
 * transaction (under its row lock). Sender and receiver hear of every change.
 */

/** The activity was cancelled: so are its pending invitations. */
export async function cancelPendingInvitations(
  trx: Transaction<DB>,
  events: EventSink,
  p: { activityId: number; now: Date },
): Promise<void> {
  for (const row of await cancelPendingOfActivity(trx, p.activityId, p.now)) {
    events.emit([row.sender_id, row.receiver_id], 'invitation.updated', presentInvitation(row, p.now));
  }
}

/**
 * The activity moved: a pending invitation expires no later than its new
 * start (its end, once it has started), as it would had it been sent now.
 */
export async function rescheduleInvitations(
  trx: Transaction<DB>,
  events: EventSink,
  p: { activityId: number; startTime: Date; endTime: Date; now: Date },
): Promise<void> {
  const latest = p.startTime.getTime() > p.now.getTime() ? p.startTime : p.endTime;
  for (const row of await capPendingExpiry(trx, p.activityId, latest, p.now)) {
    events.emit([row.sender_id, row.receiver_id], 'invitation.updated', presentInvitation(row, p.now));
  }
}

/** Receivers of the activity's live pending invitations: they hear of its changes too. */
export function pendingInviteeIds(trx: Transaction<DB>, activityId: number, now: Date): Promise<number[]> {
  return pendingReceiverIds(trx, activityId, now);
}
