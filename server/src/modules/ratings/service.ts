import type { AppContext } from '../../context.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { assertSelf } from '../../http/authenticate.js';
import { decodeCursor, encodeCursor, isIdCursor, page } from '../../http/cursor.js';
import { AppError, notFound } from '../../http/errors.js';
import { findParticipant, lockActivity } from '../activities/seats.js';
import type { Actor } from '../auth/tokens.js';
import { findPeer } from '../blocks/repository.js';
import { transactionWithEvents } from '../events/publish.js';
import { presentRating } from './presenter.js';
import {
  findRating,
  insertRating,
  listRatings,
  ratedUserVisible,
  revealRating,
  visibleScoreCounts,
} from './repository.js';
import type { Distribution, ListRatingsInput, Rating, RatingCreateInput, UserRatings } from './schemas.js';
import { summarize } from './summary.js';

const DAY = 86_400_000;

/**
 * Rates someone met at an activity: both joined it, it was not cancelled and
 * has started; once per (rater, rated, activity); never oneself nor someone
 * in a blocked pair with the rater.
 *
 * Double-blind: the rating is hidden from everyone but its rater until the
 * blind period ends, unless the rated user has rated back, in which case
 * both ratings become visible now and each of the two is told of the rating
 * they received. Once the other's rating has become visible by the passing
 * of time, it can no longer be answered, so no rating is written in reply to
 * one already read.
 */
export async function rateUser(ctx: AppContext, actor: Actor, input: RatingCreateInput): Promise<Rating> {
  assertSelf(actor, input.raterId, 'raterId');
  if (input.ratedId === actor.userId) throw new AppError('RULE_VIOLATED', 'You cannot rate yourself');
  const rated = await findPeer(ctx.db, actor.userId, input.ratedId);
  if (!rated) throw notFound('User');
  if (!rated.allowed) throw new AppError('FORBIDDEN', 'You cannot rate this user');
  const now = ctx.clock.now();
  try {
    return await transactionWithEvents(ctx, async (trx, events) => {
      // The activity's lock serializes the ratings of one meeting: of two people
      // rating each other at the same moment, the second sees the first.
      const activity = await lockActivity(trx, input.meetingId);
      if (!activity) throw notFound('Activity');
      if ((await findParticipant(trx, activity.id, actor.userId))?.status !== 'JOINED') {
        throw new AppError('NOT_MET', 'You did not take part in this activity');
      }
      if ((await findParticipant(trx, activity.id, input.ratedId))?.status !== 'JOINED') {
        throw new AppError('NOT_MET', 'They did not take part in this activity');
      }
      if (!activity.is_active) throw new AppError('ACTIVITY_CLOSED', 'The activity was cancelled');
      if (activity.start_time.getTime() > now.getTime()) {
        throw new AppError('ACTIVITY_NOT_STARTED', `The activity starts at ${activity.start_time.toISOString()}`);
      }
      const meeting = { meetingId: activity.id };
      if (await findRating(trx, { ...meeting, raterId: actor.userId, ratedId: input.ratedId })) {
        throw new AppError('ALREADY_RATED');
      }
      const theirs = await findRating(trx, { ...meeting, raterId: input.ratedId, ratedId: actor.userId });
      if (theirs && theirs.visible_at.getTime() <= now.getTime()) throw new AppError('RATING_CLOSED');
      const row = await insertRating(trx, {
        rater_id: actor.userId,
        rated_id: input.ratedId,
        meeting_id: activity.id,
        score: input.rating,
        comment: input.comment ?? null,
        created_at: now,
        visible_at: theirs ? now : new Date(now.getTime() + ctx.config.ratings.blindDays * DAY),
        announced_at: theirs ? now : null,
      });
      if (theirs) {
        const revealed = await revealRating(trx, theirs.id, now);
        if (revealed) events.emit([revealed.rated_id], 'rating.received', presentRating(revealed, now));
        events.emit([row.rated_id], 'rating.received', presentRating(row, now));
      }
      return presentRating(row, now);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'ratings_once_key')) throw new AppError('ALREADY_RATED');
    // Only a user or an activity deleted in between.
    if (isForeignKeyViolation(error)) throw notFound('User or activity');
    throw error;
  }
}

/**
 * A user's visible ratings with their average, count and distribution; the
 * viewer's own ratings of them that are still hidden are listed too, marked
 * pending, and never counted.
 */
export async function listUserRatings(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  q: ListRatingsInput,
): Promise<UserRatings> {
  if (!(await ratedUserVisible(ctx.db, actor.userId, userId))) throw notFound('User');
  const now = ctx.clock.now();
  const limit = q.limit ?? 20;
  const beforeId = q.cursor ? decodeCursor(q.cursor, isIdCursor).id : undefined;
  const distribution: Distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let count = 0;
  let sum = 0;
  for (const { score, n } of await visibleScoreCounts(ctx.db, userId, now)) {
    distribution[String(score) as keyof Distribution] = n;
    count += n;
    sum += score * n;
  }
  const rows = await listRatings(ctx.db, {
    ratedId: userId,
    viewerId: actor.userId,
    now,
    limit,
    ...(beforeId !== undefined ? { beforeId } : {}),
  });
  const result = page(rows, limit, (last) => encodeCursor({ id: last.id }));
  return {
    userId,
    ...summarize(count, sum),
    distribution,
    items: result.items.map((r) => presentRating(r, now)),
    nextCursor: result.nextCursor,
  };
}
