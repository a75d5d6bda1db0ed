import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { isCheckViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import { assertSelf } from '../../http/authenticate.js';
import { decodeCursor, encodeCursor, page } from '../../http/cursor.js';
import { AppError, notFound, type FieldError } from '../../http/errors.js';
import { parseDateTime } from '../../http/time.js';
import type { Actor } from '../auth/tokens.js';
import { transactionWithEvents } from '../events/publish.js';
import { cancelPendingInvitations, pendingInviteeIds, rescheduleInvitations } from '../invitations/activity-hooks.js';
import { isActivityCursor, isParticipantCursor, type ActivityCursor, type ParticipantCursor } from './cursors.js';
import { lockOpenActivity, promoteFromWaitlist, removeParticipant, seatParticipant } from './participation.js';
import { presentActivity, presentParticipant } from './presenter.js';
import {
  findVisibleActivity,
  insertActivity,
  searchActivities,
  updateActivity as updateActivityRow,
  type ActivityChanges,
  type ActivityRow,
} from './repository.js';
import {
  DEFAULT_SEARCH_RADIUS_METERS,
  type Activity,
  type ActivityCreateInput,
  type ActivityUpdateInput,
  type ListActivitiesInput,
  type ListParticipantsInput,
  type Participant,
  type Participation,
} from './schemas.js';
import { listParticipants as listParticipantRows, lockActivity, participantIds } from './seats.js';

type Page<T> = { items: T[]; nextCursor: string | null };

/** The activity as the actor may see it; 404 for a missing one and for one of a blocked pair alike. */
async function visibleActivity(ctx: AppContext, actor: Actor, activityId: number): Promise<ActivityRow> {
  const activity = await findVisibleActivity(ctx.db, activityId, actor.userId);
  if (!activity) throw notFound('Activity');
  return activity;
}

/** Only the creator changes or cancels an activity; others who can see it get 403. */
async function ownActivity(ctx: AppContext, actor: Actor, activityId: number): Promise<ActivityRow> {
  const activity = await visibleActivity(ctx, actor, activityId);
  if (activity.creator_id !== actor.userId) throw new AppError('FORBIDDEN', 'Only its creator can change an activity');
  return activity;
}

const ruleViolated = (field: string, message: string): AppError =>
  new AppError('RULE_VIOLATED', `${field} ${message}`, [{ field: `body.${field}`, message }]);

function checkSchedule(start: Date, end: Date, now: Date): void {
  if (end.getTime() <= start.getTime()) throw ruleViolated('endTime', 'must be after startTime');
  if (end.getTime() <= now.getTime()) throw ruleViolated('endTime', 'must be in the future');
}

/** Latitude and longitude are given together (both numbers, or both null to clear them), or not at all. */
function checkCoordinates(latitude: number | null | undefined, longitude: number | null | undefined): void {
  if ((latitude === undefined) === (longitude === undefined) && (latitude === null) === (longitude === null)) return;
  const errors: FieldError[] = [
    { field: 'body.latitude', message: 'give latitude and longitude together' },
    { field: 'body.longitude', message: 'give latitude and longitude together' },
  ];
  throw new AppError('VALIDATION_FAILED', 'Give latitude and longitude together, or neither', errors);
}

function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()))];
}

/** Creates an activity; the creator takes its first place like anyone joining. */
export async function createActivity(ctx: AppContext, actor: Actor, input: ActivityCreateInput): Promise<Activity> {
  assertSelf(actor, input.creatorId, 'creatorId');
  const now = ctx.clock.now();
  const start = parseDateTime(input.startTime, 'body.startTime');
  const end = parseDateTime(input.endTime, 'body.endTime');
  checkSchedule(start, end, now);
  checkCoordinates(input.latitude, input.longitude);
  return transactionWithEvents(ctx, async (trx, events) => {
    const row = await insertActivity(trx, {
      creator_id: actor.userId,
      title: input.title.trim(),
      description: input.description ?? '',
      location: input.location ?? '',
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      start_time: start,
      end_time: end,
      max_participants: input.maxParticipants,
      tags: normaliseTags(input.tags ?? []),
      created_at: now,
      updated_at: now,
    });
    const seating = await seatParticipant(trx, events, {
      activityId: row.id,
      userId: actor.userId,
      now,
      whenFull: 'refuse',
    });
    return presentActivity(seating.activity);
  });
}

export async function getActivity(ctx: AppContext, actor: Actor, activityId: number): Promise<Activity> {
  return presentActivity(await visibleActivity(ctx, actor, activityId));
}

export async function listActivities(ctx: AppContext, actor: Actor, q: ListActivitiesInput): Promise<Page<Activity>> {
  const limit = q.limit ?? 20;
  const cursor = q.cursor ? decodeCursor(q.cursor, isActivityCursor) : undefined;
  const tags = q.tags === undefined ? undefined : normaliseTags(q.tags.split(',')).filter(Boolean);
  if (tags?.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'tags names no tag', [
      { field: 'querystring.tags', message: 'names no tag' },
    ]);
  }
  if ((q.lat === undefined) !== (q.lon === undefined) || (q.radius !== undefined && q.lat === undefined)) {
    throw new AppError('VALIDATION_FAILED', 'Give lat and lon together, and radius only with them', [
      { field: 'querystring.lat', message: 'give lat and lon together' },
      { field: 'querystring.lon', message: 'give lat and lon together' },
    ]);
  }
  const rows = await searchActivities(ctx.db, {
    viewerId: actor.userId,
    now: ctx.clock.now(),
    active: q.active ?? true,
    limit,
    ...(q.q ? { text: q.q } : {}),
    ...(tags ? { tags } : {}),
    ...(q.from ? { from: parseDateTime(q.from, 'querystring.from') } : {}),
    ...(q.to ? { to: parseDateTime(q.to, 'querystring.to') } : {}),
    ...(q.lat !== undefined && q.lon !== undefined
      ? { near: { lat: q.lat, lon: q.lon, radiusMeters: q.radius ?? DEFAULT_SEARCH_RADIUS_METERS } }
      : {}),
    ...(q.creatorId !== undefined ? { creatorId: q.creatorId } : {}),
    ...(q.participantId !== undefined ? { participantId: q.participantId } : {}),
    ...(q.mine ? { mine: true } : {}),
    ...(cursor ? { after: { at: new Date(cursor.at), id: cursor.id } } : {}),
  });
  const result = page(rows, limit, (last) =>
    encodeCursor({ at: last.start_time.toISOString(), id: last.id } satisfies ActivityCursor),
  );
  return { items: result.items.map(presentActivity), nextCursor: result.nextCursor };
}

/**
 * Changes an open activity's details (creator only). A capacity below the
 * places taken is refused; a higher one promotes from the waitlist at once.
 * Participants, the waitlist and pending invitees hear of the change.
 */
export async function updateActivity(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  input: ActivityUpdateInput,
): Promise<Activity> {
  assertSelf(actor, input.creatorId, 'creatorId');
  await ownActivity(ctx, actor, activityId);
  checkCoordinates(input.latitude, input.longitude);
  const newStart = input.startTime === undefined ? undefined : parseDateTime(input.startTime, 'body.startTime');
  const newEnd = input.endTime === undefined ? undefined : parseDateTime(input.endTime, 'body.endTime');
  const now = ctx.clock.now();
  try {
    return await transactionWithEvents(ctx, async (trx, events) => {
      const current = await lockOpenActivity(trx, activityId, now);
      const start = newStart ?? current.start_time;
      const end = newEnd ?? current.end_time;
      if (newStart || newEnd) checkSchedule(start, end, now);
      if (input.maxParticipants !== undefined && input.maxParticipants < current.current_participants) {
        throw capacityTooLow(current.current_participants);
      }
      const changes: ActivityChanges = { updated_at: now };
      if (input.title !== undefined) changes.title = input.title.trim();
      if (input.description !== undefined) changes.description = input.description;
      if (input.location !== undefined) changes.location = input.location;
      if (input.latitude !== undefined) changes.latitude = input.latitude;
      if (input.longitude !== undefined) changes.longitude = input.longitude;
      if (newStart) changes.start_time = newStart;
      if (newEnd) changes.end_time = newEnd;
      if (input.maxParticipants !== undefined) changes.max_participants = input.maxParticipants;
      if (input.tags !== undefined) changes.tags = normaliseTags(input.tags);
      const updated = await updateActivityRow(trx, activityId, changes);
      if (!updated) throw capacityTooLow(current.current_participants);
      const final = await promoteFromWaitlist(trx, events, updated, now);
      if (newStart || newEnd) {
        await rescheduleInvitations(trx, events, { activityId, startTime: start, endTime: end, now });
      }
      const invitees = await pendingInviteeIds(trx, activityId, now);
      const concerned = await participantIds(trx, activityId, ['JOINED', 'WAITLISTED']);
      const activity = presentActivity(final);
      events.emit([...concerned, ...invitees], 'activity.updated', activity);
      return activity;
    });
  } catch (error) {
    if (isCheckViolation(error, 'activities_capacity')) throw capacityTooLow();
    throw error;
  }
}

const capacityTooLow = (taken?: number): AppError =>
  new AppError(
    'CAPACITY_BELOW_PARTICIPANTS',
    taken === undefined
      ? 'maxParticipants cannot be lower than the places taken'
      : `maxParticipants cannot be lower than the ${taken} places taken`,
    [{ field: 'body.maxParticipants', message: 'is below the places taken' }],
  );

/**
 * Cancels an activity (creator only): it stays readable with isActive false.
 * Participants and the waitlist are told, and pending invitations to it are
 * cancelled. Cancelling it again changes nothing.
 */
export async function cancelActivity(ctx: AppContext, actor: Actor, activityId: number): Promise<void> {
  await ownActivity(ctx, actor, activityId);
  const now = ctx.clock.now();
  await transactionWithEvents(ctx, async (trx, events) => {
    const cancelled = await updateCancelled(trx, activityId, now);
    if (!cancelled) return;
    const concerned = await participantIds(trx, activityId, ['JOINED', 'WAITLISTED']);
    events.emit(concerned, 'activity.cancelled', presentActivity(cancelled));
    await cancelPendingInvitations(trx, events, { activityId, now });
  });
}

/** Marks an active activity cancelled, under its lock; undefined when it already was. */
async function updateCancelled(trx: Transaction<DB>, activityId: number, now: Date): Promise<ActivityRow | undefined> {
  const current = await lockActivity(trx, activityId);
  if (!current?.is_active) return undefined;
  return updateActivityRow(trx, activityId, { is_active: false, updated_at: now });
}

/** Joins an open activity, or its waitlist when it is full. `changed` is false when the caller already was there. */
export async function joinActivity(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
): Promise<{ participation: Participation; changed: boolean }> {
  await visibleActivity(ctx, actor, activityId);
  const now = ctx.clock.now();
  return transactionWithEvents(ctx, async (trx, events) => {
    const seating = await seatParticipant(trx, events, { activityId, userId: actor.userId, now, whenFull: 'waitlist' });
    return {
      participation: {
        activity: presentActivity(seating.activity),
        participant: presentParticipant(seating.participant, seating.waitlistPosition),
      },
      changed: seating.changed,
    };
  });
}

/** Leaves an activity or its waitlist; a freed place goes to the first in line. */
export async function leaveActivity(ctx: AppContext, actor: Actor, activityId: number): Promise<Activity> {
  await visibleActivity(ctx, actor, activityId);
  const now = ctx.clock.now();
  return transactionWithEvents(ctx, async (trx, events) =>
    presentActivity(await removeParticipant(trx, events, { activityId, userId: actor.userId, now })),
  );
}

export async function listActivityParticipants(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  q: ListParticipantsInput,
): Promise<Page<Participant>> {
  await visibleActivity(ctx, actor, activityId);
  const limit = q.limit ?? 20;
  const cursor = q.cursor ? decodeCursor(q.cursor, isParticipantCursor) : undefined;
  const rows = await listParticipantRows(ctx.db, {
    activityId,
    status: q.status ?? 'JOINED',
    viewerId: actor.userId,
    limit,
    ...(cursor ? { afterSeq: cursor.seq } : {}),
  });
  const result = page(rows, limit, (last) => encodeCursor({ seq: last.seq } satisfies ParticipantCursor));
  return {
    items: result.items.map((r) => presentParticipant(r, r.waitlist_position)),
    nextCursor: result.nextCursor,
  };
}
