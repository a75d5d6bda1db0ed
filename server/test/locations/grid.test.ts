import { describe, expect, it } from 'vitest';
import { bucketOf, distanceBuckets } from '../../src/modules/locations/buckets.js';
import {
  CELL_SIZE_METERS,
  cellBounds,
  cellCentre,
  cellOf,
  columnsInRow,
  distanceToCellMeters,
  haversineMeters,
  nextPublishedCell,
  type Cell,
} from '../../src/modules/locations/grid.js';
import { seededRandom } from './helpers.js';

const METERS_PER_DEGREE = (6_378_168 * Math.PI) / 180;

/** A point `meters` east (or north) of a longitude (or latitude) edge, at the given latitude. */
const eastOf = (lon: number, lat: number, meters: number) =>
  lon + meters / (METERS_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
const northOf = (lat: number, meters: number) => lat + meters / METERS_PER_DEGREE;

function cellSize(cell: Cell): { width: number; height: number } {
  const b = cellBounds(cell);
  const mid = (b.south + b.north) / 2;
  return {
    width: haversineMeters({ lat: mid, lon: b.west }, { lat: mid, lon: b.east }),
    height: haversineMeters({ lat: b.south, lon: b.west }, { lat: b.north, lon: b.west }),
  };
}

describe('grid cells', () => {
  it.each([0, 45, 70, -45, -70])('are about 500 m on each side at %s°', (lat) => {
    const { width, height } = cellSize(cellOf(lat, 11.5));
    expect(height).toBeCloseTo(CELL_SIZE_METERS, 3);
    expect(width).toBeGreaterThanOrEqual(CELL_SIZE_METERS - 1);
    expect(width).toBeLessThan(CELL_SIZE_METERS + 1);
  });

  it('contain their centre and every point that maps to them', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2000; i += 1) {
      const lat = random() * 179.8 - 89.9;
      const lon = random() * 360 - 180;
      const cell = cellOf(lat, lon);
      const centre = cellCentre(cell);
      expect(cellOf(centre.lat, centre.lon)).toEqual(cell);
      expect(distanceToCellMeters(lat, lon, cell)).toBe(0);
      expect(distanceToCellMeters(centre.lat, centre.lon, cell)).toBe(0);
      const b = cellBounds(cell);
      expect(lat).toBeGreaterThanOrEqual(b.south - 1e-9);
      expect(lat).toBeLessThanOrEqual(b.north + 1e-9);
    }
  });

  it('wrap at the antimeridian: 180° and -180° are one meridian', () => {
    expect(cellOf(10, 180)).toEqual(cellOf(10, -180));
    expect(cellOf(10, -180).col).toBe(0);
    const last = cellOf(10, 179.99999);
    expect(last.col).toBe(columnsInRow(last.row) - 1);
    // Just across the antimeridian from the last column is metres away, not the whole planet.
    expect(distanceToCellMeters(10, -179.999, last)).toBeLessThan(120);
    expect(distanceToCellMeters(10, -179.999, last)).toBeGreaterThan(100);
  });

  it('cover the poles, with at least one column per row', () => {
    for (const lat of [90, -90, 89.9999, -89.9999]) {
      const cell = cellOf(lat, 45);
      expect(columnsInRow(cell.row)).toBeGreaterThanOrEqual(1);
      const centre = cellCentre(cell);
      expect(Math.abs(centre.lat)).toBeLessThanOrEqual(90);
      expect(cellOf(centre.lat, centre.lon)).toEqual(cell);
    }
    expect(cellOf(-90, 0).row).toBe(0);
  });

  it('measure the distance from a point outside to the nearest edge', () => {
    const cell = cellOf(48.137, 11.575);
    const b = cellBounds(cell);
    const midLon = (b.west + b.east) / 2;
    expect(distanceToCellMeters(northOf(b.north, 100), midLon, cell)).toBeCloseTo(100, 1);
    expect(distanceToCellMeters(northOf(b.south, -250), midLon, cell)).toBeCloseTo(250, 1);
    expect(distanceToCellMeters(48.137 + 0.0001, eastOf(b.east, 48.137, 300), cell)).toBeCloseTo(300, 0);
    // Past a corner: both offsets count.
    const corner = distanceToCellMeters(northOf(b.north, 30), eastOf(b.east, b.north, 40), cell);
    expect(corner).toBeCloseTo(50, 0);
  });
});

describe('published cell', () => {
  const home = { lat: 48.137, lon: 11.575 };
  const cell = cellOf(home.lat, home.lon);
  const b = cellBounds(cell);
  const midLat = (b.south + b.north) / 2;

  it('is published by the first fix accurate to within a cell, never by a less accurate one', () => {
    expect(nextPublishedCell(null, { ...home, accuracy: 2000 })).toBeNull();
    expect(nextPublishedCell(null, { ...home, accuracy: 501 })).toBeNull();
    expect(nextPublishedCell(null, { ...home, accuracy: 500 })).toEqual(cell);
  });

  it('stays put under jitter across an edge within the margin', () => {
    const jitter = [
      { lat: midLat, lon: eastOf(b.east, midLat, 100), accuracy: 10 },
      { lat: midLat, lon: eastOf(b.east, midLat, 149), accuracy: 20 },
      { lat: northOf(b.north, 120), lon: home.lon, accuracy: 5 },
      { lat: midLat, lon: eastOf(b.west, midLat, -170), accuracy: 60 },
      { lat: northOf(b.south, -1400), lon: home.lon, accuracy: 480 },
      { lat: midLat, lon: eastOf(b.east, midLat, 1), accuracy: 0 },
    ];
    let current: Cell | null = cell;
    for (const fix of jitter) {
      expect(cellOf(fix.lat, fix.lon)).not.toEqual(cell);
      current = nextPublishedCell(current, fix);
      expect(current).toEqual(cell);
    }
  });

  it('moves when a fix lies clearly outside', () => {
    const away = { lat: midLat, lon: eastOf(b.east, midLat, 160), accuracy: 10 };
    expect(nextPublishedCell(cell, away)).toEqual(cellOf(away.lat, away.lon));
    const far = { lat: 48.2, lon: 11.7, accuracy: 30 };
    expect(nextPublishedCell(cell, far)).toEqual(cellOf(far.lat, far.lon));
  });

  it('never moves for a fix less accurate than a cell, however far', () => {
    expect(nextPublishedCell(cell, { lat: 52.52, lon: 13.4, accuracy: 501 })).toEqual(cell);
  });
});

describe('distance buckets', () => {
  it('go by 1 km to 10 km, then coarser, and are half-open', () => {
    expect(distanceBuckets.map((b) => b.label)).toEqual([
      '< 1 km',
      '1–2 km',
      '2–3 km',
      '3–4 km',
      '4–5 km',
      '5–6 km',
      '6–7 km',
      '7–8 km',
      '8–9 km',
      '9–10 km',
      '10–15 km',
      '15–20 km',
      '20–30 km',
      '30–50 km',
      '50–100 km',
      '> 100 km',
    ]);
    expect(bucketOf(0)).toEqual({ label: '< 1 km', minMeters: 0, maxMeters: 1000 });
    expect(bucketOf(999.9).label).toBe('< 1 km');
    expect(bucketOf(1000)).toEqual({ label: '1–2 km', minMeters: 1000, maxMeters: 2000 });
    expect(bucketOf(9999).label).toBe('9–10 km');
    expect(bucketOf(10_000).label).toBe('10–15 km');
    expect(bucketOf(49_999).label).toBe('30–50 km');
    expect(bucketOf(100_000)).toEqual({ label: '> 100 km', minMeters: 100_000, maxMeters: null });
    expect(bucketOf(20_000_000).label).toBe('> 100 km');
  });
});
