import { CELL_SIZE_METERS } from './grid.js';
import type { LocationRow, SharedPositionRow } from './repository.js';
import type { Location, PublishedPosition } from './schemas.js';

/** An exact fix, for its owner only. */
export function presentLocation(row: LocationRow): Location {
  return {
    id: row.id,
    userId: row.user_id,
    latitude: row.latitude,
    longitude: row.longitude,
    accuracy: row.accuracy,
    recordedAt: row.recorded_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

/** What others may know of a position: the published cell and when it last changed. */
export function presentPublishedPosition(row: SharedPositionRow): PublishedPosition {
  return {
    userId: row.user_id,
    latitude: row.cell_latitude,
    longitude: row.cell_longitude,
    cellSizeMeters: CELL_SIZE_METERS,
    updatedAt: row.published_at.toISOString(),
  };
}
