import type { AppContext } from '../../context.js';
import { assertSelf } from '../../http/authenticate.js';
import { decodeCursor, encodeCursor, isIdCursor, page } from '../../http/cursor.js';
import { isId } from '../../http/schemas.js';
import { AppError, forbidden } from '../../http/errors.js';
import type { Actor } from '../auth/tokens.js';
import type { Fix } from './grid.js';
import { impliedSpeedMps, nextPosition } from './position.js';
import { presentLocation, presentPublishedPosition } from './presenter.js';
import {
  findPosition,
  findSharedPositions,
  insertLocation,
  listLocations,
  lockUserForFix,
  savePosition,
} from './repository.js';
import {
  DEFAULT_ACCURACY_METERS,
  type HistoryInput,
  type Location,
  type LocationCreateInput,
  type PublishedPosition,
} from './schemas.js';

const MAX_CLOCK_SKEW_MS = 60_000;
const MAX_FIX_AGE_MS = 24 * 3600_000;

function assertPlausibleTime(recordedAt: Date, now: Date): void {
  if (recordedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new AppError('RULE_VIOLATED', 'recordedAt is in the future');
  }
  if (recordedAt.getTime() < now.getTime() - MAX_FIX_AGE_MS) {
    throw new AppError('RULE_VIOLATED', 'recordedAt is more than 24 hours old');
  }
}

export async function recordLocation(ctx: AppContext, actor: Actor, input: LocationCreateInput): Promise<Location> {
  assertSelf(actor, input.userId, 'userId');
  const now = ctx.clock.now();
  const recordedAt = input.recordedAt ? new Date(input.recordedAt) : now;
  assertPlausibleTime(recordedAt, now);
  const fix: Fix = { lat: input.latitude, lon: input.longitude, accuracy: input.accuracy ?? DEFAULT_ACCURACY_METERS };

  const row = await ctx.db.transaction().execute(async (trx) => {
    await lockUserForFix(trx, actor.userId);
    const previous = await findPosition(trx, actor.userId);
    if (previous && impliedSpeedMps(previous, fix, recordedAt) > ctx.config.locationMaxSpeedMps) {
      throw new AppError(
        'IMPOSSIBLE_SPEED',
        'This position is too far from your previous one for the time between them',
      );
    }
    const location = await insertLocation(trx, {
      user_id: actor.userId,
      latitude: fix.lat,
      longitude: fix.lon,
      accuracy: fix.accuracy,
      recorded_at: recordedAt,
      created_at: now,
    });
    await savePosition(trx, nextPosition(previous, actor.userId, fix, recordedAt, now));
    return location;
  });
  return presentLocation(row);
}

/** A history is its owner's alone, and the query reads only the caller's rows. */
export async function locationHistory(
  ctx: AppContext,
  actor: Actor,
  ownerId: number,
  q: HistoryInput,
): Promise<{ items: Location[]; nextCursor: string | null }> {
  if (ownerId !== actor.userId) throw forbidden('A location history is visible to its owner only');
  const limit = q.limit ?? 20;
  const beforeId = q.cursor ? decodeCursor(q.cursor, isIdCursor).id : undefined;
  const rows = await listLocations(ctx.db, actor.userId, limit, beforeId);
  const result = page(rows, limit, (last) => encodeCursor({ id: last.id }));
  return { items: result.items.map(presentLocation), nextCursor: result.nextCursor };
}

/** Users who do not share their position with the caller are left out, without saying why. */
export async function batchLocations(
  ctx: AppContext,
  actor: Actor,
  userIds: string,
): Promise<{ items: PublishedPosition[] }> {
  // An id past the integer column's range names nobody, like any unknown id.
  const ids = [...new Set(userIds.split(',').map(Number))].filter(isId);
  if (ids.length === 0) return { items: [] };
  const rows = await findSharedPositions(ctx.db, actor.userId, ids);
  return { items: rows.map(presentPublishedPosition) };
}
