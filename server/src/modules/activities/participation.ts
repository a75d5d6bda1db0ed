import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { EventSink } from '../events/publish.js';
import { presentActivity, presentParticipant } from './presenter.js';
import type { ActivityRow } from './repository.js';
import type { Participation } from './schemas.js';
import {
  addToWaitlist,
  deleteParticipant,
  findParticipant,
  lockActivity,
  participantIds,
  releaseSeat,
  takeSeatAndJoin,
  waitlistHead,
  waitlistPosition,
  type ParticipantRow,
} from './seats.js';

/** Not cancelled and not over. */
export const isOpen = (activity: Pick<ActivityRow, 'is_active' | 'end_time'>, now: Date): boolean =>
  activity.is_active && activity.end_time.getTime() > now.getTime();

/** Locks the activity (see `lockActivity`) and checks it still takes participants. */
export async function lockOpenActivity(trx: Transaction<DB>, activityId: number, now: Date): Promise<ActivityRow> {
  const activity = await lockActivity(trx, activityId);
  if (!activity) throw notFound('Activity');
  if (!isOpen(activity, now)) throw new AppError('ACTIVITY_CLOSED');
  return activity;
}

export interface Seating {
  activity: ActivityRow;
  participant: ParticipantRow;
  waitlistPosition: number | null;
  /** False when the user already had this place. */
  changed: boolean;
}

const participation = (activity: ActivityRow, participant: ParticipantRow, position: number | null): Participation => ({
  activity: presentActivity(activity),
  participant: presentParticipant(participant, position),
});

/**
 * Gives a user a place in an activity, in the caller's transaction, through
 * `takeSeatAndJoin` like every other path. When it is full the user goes on the
 * waitlist, or, for `whenFull: 'refuse'`, the change fails with ACTIVITY_FULL.
 * Everyone who has joined hears of a new participant.
 */
export async function seatParticipant(
  trx: Transaction<DB>,
  events: EventSink,
  p: { activityId: number; userId: number; now: Date; whenFull: 'waitlist' | 'refuse' },
): Promise<Seating> {
  const activity = await lockOpenActivity(trx, p.activityId, p.now);
  const existing = await findParticipant(trx, p.activityId, p.userId);
  if (existing?.status === 'JOINED') {
    return { activity, participant: existing, waitlistPosition: null, changed: false };
  }
  const seated = await seatNewcomer(trx, events, p);
  if (seated) return { ...seated, waitlistPosition: null, changed: true };
  if (p.whenFull === 'refuse') throw new AppError('ACTIVITY_FULL');
  const queued = existing ?? (await addToWaitlist(trx, p.activityId, p.userId, p.now));
  const position = await waitlistPosition(trx, p.activityId, queued.seq);
  return { activity, participant: queued, waitlistPosition: position, changed: existing === undefined };
}

/**
 * Gives a place to a user who has none, through `takeSeatAndJoin`, under the
 * activity's lock the caller holds; undefined when it is full. Everyone who
 * has joined hears of the newcomer.
 */
export async function seatNewcomer(
  trx: Transaction<DB>,
  events: EventSink,
  p: { activityId: number; userId: number; now: Date },
): Promise<{ activity: ActivityRow; participant: ParticipantRow } | undefined> {
  const seated = await takeSeatAndJoin(trx, p.activityId, p.userId, p.now);
  if (!seated) return undefined;
  events.emit(
    [...seated.joinedBefore, p.userId],
    'participant.joined',
    participation(seated.activity, seated.participant, null),
  );
  return { activity: seated.activity, participant: seated.participant };
}

/**
 * Takes a user out of an activity (or off its waitlist) in the caller's
 * transaction. A freed place goes to the head of the waitlist in the same
 * transaction, so the announcements leave only with the commit.
 */
export async function removeParticipant(
  trx: Transaction<DB>,
  events: EventSink,
  p: { activityId: number; userId: number; now: Date },
): Promise<ActivityRow> {
  const activity = await lockOpenActivity(trx, p.activityId, p.now);
  if (activity.creator_id === p.userId) {
    throw new AppError('RULE_VIOLATED', 'The creator cannot leave their own activity; cancel it instead');
  }
  const removed = await deleteParticipant(trx, p.activityId, p.userId);
  if (!removed) throw new AppError('NOT_PARTICIPANT');
  if (removed.status === 'WAITLISTED') {
    events.emit([p.userId], 'participant.left', participation(activity, removed, null));
    return activity;
  }
  const freed = await releaseSeat(trx, p.activityId);
  events.emit(
    [...(await participantIds(trx, p.activityId)), p.userId],
    'participant.left',
    participation(freed, removed, null),
  );
  return promoteFromWaitlist(trx, events, freed, p.now);
}

/**
 * Fills free places from the head of the waitlist, one `takeSeatAndJoin` each, under
 * the activity's lock (after a departure, or a higher capacity). The promoted
 * user is told, and every participant hears of the new one.
 */
export async function promoteFromWaitlist(
  trx: Transaction<DB>,
  events: EventSink,
  activity: ActivityRow,
  now: Date,
): Promise<ActivityRow> {
  let current = activity;
  for (;;) {
    const head = await waitlistHead(trx, current.id);
    if (!head) return current;
    const seated = await takeSeatAndJoin(trx, current.id, head.user_id, now);
    if (!seated) return current;
    const data = participation(seated.activity, seated.participant, null);
    events.emit([head.user_id], 'waitlist.promoted', data);
    events.emit([...seated.joinedBefore, head.user_id], 'participant.joined', data);
    current = seated.activity;
  }
}
