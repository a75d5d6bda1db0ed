import type { AppContext } from '../../context.js';
import { page } from '../../http/cursor.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../auth/tokens.js';
import { presentPublicUser } from '../users/presenter.js';
import type { User } from '../users/schemas.js';
import { bucketOf, type DistanceBucket } from './buckets.js';
import { cellCentre, cellOf, haversineMeters, type Cell, type Point } from './grid.js';
import { findNearby, findPosition } from './repository.js';
import type { NearbyInput } from './schemas.js';

export interface NearbyUser {
  user: User;
  distance: DistanceBucket | null;
}

/** Sealed, so the cell distance that orders the results never reaches a client. */
interface NearbyCursor {
  knn: number;
  id: number;
  row: number;
  col: number;
  radius: number;
}

const isNearbyCursor = (v: unknown): v is NearbyCursor => {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.knn === 'number' &&
    Number.isFinite(c.knn) &&
    ['id', 'row', 'col', 'radius'].every((key) => Number.isSafeInteger(c[key]))
  );
};

/** The search point: the caller's last fix, or a point close to it. */
async function searchPoint(ctx: AppContext, actor: Actor, q: NearbyInput): Promise<Point> {
  if ((q.lat === undefined) !== (q.lon === undefined)) {
    const missing = q.lat === undefined ? 'lat' : 'lon';
    throw new AppError('VALIDATION_FAILED', 'Give lat and lon together, or neither', [
      { field: `querystring.${missing}`, message: 'is required with the other coordinate' },
    ]);
  }
  const own = await findPosition(ctx.db, actor.userId);
  if (!own) throw new AppError('LOCATION_REQUIRED', 'Share your location before searching nearby');
  const last = { lat: own.last_latitude, lon: own.last_longitude };
  if (q.lat === undefined || q.lon === undefined) return last;
  const requested = { lat: q.lat, lon: q.lon };
  if (haversineMeters(last, requested) > ctx.config.nearby.maxQueryOffsetMeters) {
    throw new AppError(
      'QUERY_TOO_FAR',
      `Search within ${ctx.config.nearby.maxQueryOffsetMeters} m of your last shared position`,
    );
  }
  return requested;
}

function openCursor(ctx: AppContext, cursor: string, cell: Cell, radius: number): NearbyCursor {
  const opened = ctx.cursors.open(cursor, isNearbyCursor);
  if (opened.row !== cell.row || opened.col !== cell.col || opened.radius !== radius) {
    throw new AppError('INVALID_CURSOR', 'The cursor belongs to a search from another place or radius');
  }
  return opened;
}

/**
 * Everything here derives from the viewer's cell and the others' published
 * cells: the radius filter, the order, the cursor and the distance bucket.
 * The viewer's exact position only picks the viewer's cell.
 */
export async function nearbyUsers(
  ctx: AppContext,
  actor: Actor,
  q: NearbyInput,
): Promise<{ items: NearbyUser[]; nextCursor: string | null }> {
  const point = await searchPoint(ctx, actor, q);
  const cell = cellOf(point.lat, point.lon);
  const radius = q.radius ?? ctx.config.nearby.defaultRadiusMeters;
  const limit = q.limit ?? 20;
  const after = q.cursor ? openCursor(ctx, q.cursor, cell, radius) : undefined;
  const rows = await findNearby(ctx.db, ctx.orderedScans, {
    viewerId: actor.userId,
    centre: cellCentre(cell),
    radiusMeters: radius,
    seenSince: new Date(ctx.clock.now().getTime() - ctx.config.nearby.recentMinutes * 60_000),
    limit,
    ...(after ? { after: { knn: after.knn, userId: after.id } } : {}),
  });
  const result = page(rows, limit, (last) =>
    ctx.cursors.seal({ knn: last.knn, id: last.id, row: cell.row, col: cell.col, radius }),
  );
  return {
    items: result.items.map((row) => ({
      user: presentPublicUser(row),
      distance: row.hide_distance ? null : bucketOf(row.meters),
    })),
    nextCursor: result.nextCursor,
  };
}
