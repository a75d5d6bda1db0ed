/**
 * The one global grid every published position snaps to. Cells are about
 * 500 m on each side everywhere: rows have equal latitude height, and each row
 * has as many columns as fit 500 m at its centre latitude (a grid in degrees
 * would be 190 m wide at 70° N and leak more there).
 */

/** The sphere of PostgreSQL's earthdistance (`earth()`), so SQL and code agree. */
export const EARTH_RADIUS_METERS = 6_378_168;
export const CELL_SIZE_METERS = 500;

const METERS_PER_DEGREE = (EARTH_RADIUS_METERS * Math.PI) / 180;
const ROW_HEIGHT_DEGREES = CELL_SIZE_METERS / METERS_PER_DEGREE;
const ROW_COUNT = Math.ceil(180 / ROW_HEIGHT_DEGREES);

export interface Cell {
  row: number;
  col: number;
}

export interface Point {
  lat: number;
  lon: number;
}

export interface CellBounds {
  south: number;
  north: number;
  west: number;
  east: number;
}

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
/** Degrees east of the antimeridian, in [0, 360). */
const eastOfAntimeridian = (lon: number): number => (((lon + 180) % 360) + 360) % 360;

function rowSouth(row: number): number {
  return -90 + row * ROW_HEIGHT_DEGREES;
}

function rowCentreLat(row: number): number {
  const south = rowSouth(row);
  return (south + Math.min(90, south + ROW_HEIGHT_DEGREES)) / 2;
}

export function columnsInRow(row: number): number {
  const width = 360 * METERS_PER_DEGREE * Math.cos(toRadians(rowCentreLat(row)));
  return Math.max(1, Math.floor(width / CELL_SIZE_METERS));
}

export function cellOf(lat: number, lon: number): Cell {
  const row = clamp(Math.floor((lat + 90) / ROW_HEIGHT_DEGREES), 0, ROW_COUNT - 1);
  const columns = columnsInRow(row);
  // Rounding can land exactly on `columns` just west of 180°, which is column 0 again.
  const col = Math.floor((eastOfAntimeridian(lon) / 360) * columns) % columns;
  return { row, col };
}

export function cellBounds(cell: Cell): CellBounds {
  const south = rowSouth(cell.row);
  const width = 360 / columnsInRow(cell.row);
  return {
    south,
    north: Math.min(90, south + ROW_HEIGHT_DEGREES),
    west: -180 + cell.col * width,
    east: -180 + (cell.col + 1) * width,
  };
}

export function cellCentre(cell: Cell): Point {
  const width = 360 / columnsInRow(cell.row);
  return { lat: rowCentreLat(cell.row), lon: -180 + (cell.col + 0.5) * width };
}

export function sameCell(a: Cell | null, b: Cell | null): boolean {
  return a?.row === b?.row && a?.col === b?.col;
}

/** Great-circle distance on the earthdistance sphere (what `earth_distance` returns). */
export function haversineMeters(a: Point, b: Point): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * 0 inside the cell; otherwise the distance to the nearest point of its
 * boundary (exact enough at the few-kilometre scale the publishing rule needs).
 */
export function distanceToCellMeters(lat: number, lon: number, cell: Cell): number {
  const b = cellBounds(cell);
  const width = b.east - b.west;
  const nearestLat = clamp(lat, b.south, b.north);
  // How far east of the west edge, going round the antimeridian if need be.
  const east = eastOfAntimeridian(lon - b.west - 180);
  let nearestLon = lon;
  if (east > width) nearestLon = east - width < 360 - east ? b.east : b.west;
  if (nearestLat === lat && nearestLon === lon) return 0;
  return haversineMeters({ lat, lon }, { lat: nearestLat, lon: nearestLon });
}

export interface Fix extends Point {
  /** Metres, as reported by the device. */
  accuracy: number;
}

/** Jitter this close to the published cell is treated as still being in it. */
export const EDGE_MARGIN_METERS = 150;

/**
 * The cell others see. It moves only when a fix lies clearly outside it:
 * otherwise GPS jitter at an edge would flip it back and forth, and the flip
 * rate would reveal where in the cell the user is. A fix less accurate than a
 * cell says nothing about which cell the user is in, so it never moves it.
 */
export function nextPublishedCell(current: Cell | null, fix: Fix): Cell | null {
  if (fix.accuracy > CELL_SIZE_METERS) return current;
  const cell = cellOf(fix.lat, fix.lon);
  if (current === null) return cell;
  const margin = Math.max(EDGE_MARGIN_METERS, 3 * fix.accuracy);
  return distanceToCellMeters(fix.lat, fix.lon, current) > margin ? cell : current;
}
