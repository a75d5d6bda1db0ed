import {
  CELL_SIZE_METERS,
  cellCentre,
  haversineMeters,
  nextPublishedCell,
  sameCell,
  type Cell,
  type Fix,
} from './grid.js';
import type { PositionRow } from './repository.js';

/**
 * Speed between the last fix and a new one. The new fix's own error, up to a
 * cell, is not counted as movement, so GPS noise between close fixes passes;
 * fixes are taken as at least a second apart for the same reason.
 */
export function impliedSpeedMps(previous: PositionRow, fix: Fix, recordedAt: Date): number {
  const meters = haversineMeters({ lat: previous.last_latitude, lon: previous.last_longitude }, fix);
  const moved = Math.max(0, meters - Math.min(fix.accuracy, CELL_SIZE_METERS));
  const seconds = Math.max(1, Math.abs(recordedAt.getTime() - previous.last_fix_at.getTime()) / 1000);
  return moved / seconds;
}

function publishedCell(position: PositionRow | undefined): Cell | null {
  if (position?.cell_row == null || position.cell_col == null) return null;
  return { row: position.cell_row, col: position.cell_col };
}

/**
 * The position after a fix. A fix older than the last one goes to the history
 * only; a newer one becomes the last exact fix and may move the published
 * cell, whose time changes only when the cell does.
 */
export function nextPosition(
  previous: PositionRow | undefined,
  userId: number,
  fix: Fix,
  recordedAt: Date,
  now: Date,
): PositionRow {
  if (previous && recordedAt < previous.last_fix_at) return { ...previous, last_seen_at: now };
  const current = publishedCell(previous);
  const cell = nextPublishedCell(current, fix);
  const unchanged = sameCell(cell, current);
  const centre = cell ? cellCentre(cell) : null;
  return {
    user_id: userId,
    last_latitude: fix.lat,
    last_longitude: fix.lon,
    last_fix_at: recordedAt,
    last_seen_at: now,
    cell_row: cell?.row ?? null,
    cell_col: cell?.col ?? null,
    cell_latitude: unchanged ? (previous?.cell_latitude ?? null) : (centre?.lat ?? null),
    cell_longitude: unchanged ? (previous?.cell_longitude ?? null) : (centre?.lon ?? null),
    published_at: unchanged ? (previous?.published_at ?? null) : now,
  };
}
