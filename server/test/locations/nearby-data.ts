import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { bucketOf, type DistanceBucket } from '../../src/modules/locations/buckets.js';
import { cellCentre, cellOf, haversineMeters, type Point } from '../../src/modules/locations/grid.js';
import { insertUsers, registerUser, type TestUser } from '../helpers/factories.js';
import { placeUsers, postFix, seededRandom } from './helpers.js';

const METERS_PER_DEGREE = (6_378_168 * Math.PI) / 180;

export function offset(from: Point, northMeters: number, eastMeters: number): Point {
  const lat = from.lat + northMeters / METERS_PER_DEGREE;
  return { lat, lon: from.lon + eastMeters / (METERS_PER_DEGREE * Math.cos((lat * Math.PI) / 180)) };
}

export interface Placed extends Point {
  id: number;
  discoverable: boolean;
  hideDistance: boolean;
  stale: boolean;
  /** Viewers this user has blocked or been blocked by. */
  blockedWith: Set<number>;
}

export interface World {
  centre: Point;
  viewers: TestUser[];
  placed: Placed[];
}

const CENTRE = { lat: 48.137, lon: 11.575 };

/**
 * Three registered viewers and a few hundred users around a city, some in
 * shared cells (ties), some hidden, hiding their distance, stale or blocked.
 */
export async function buildWorld(app: FastifyInstance, db: Kysely<DB>, now: Date, staleAt: Date): Promise<World> {
  const random = seededRandom(20260601);
  const around = (radius: number): Point => {
    const bearing = random() * 2 * Math.PI;
    const distance = radius * Math.sqrt(random());
    return offset(CENTRE, distance * Math.cos(bearing), distance * Math.sin(bearing));
  };
  const placed: Placed[] = [];
  const add = async (count: number, kind: Partial<Placed>, point: () => Point, seenAt = now) => {
    const ids = await insertUsers(db, count, {
      is_discoverable: kind.discoverable ?? true,
      hide_distance: kind.hideDistance ?? false,
    });
    const rows = ids.map((id) => ({ id, ...point(), seenAt }));
    await placeUsers(db, rows);
    for (const row of rows) {
      placed.push({ discoverable: true, hideDistance: false, stale: false, blockedWith: new Set(), ...kind, ...row });
    }
  };

  await add(300, {}, () => around(20_000));
  for (let i = 0; i < 4; i += 1) {
    const spot = around(6000);
    await add(6, {}, () => offset(spot, random() * 40 - 20, random() * 40 - 20));
  }
  await add(5, { discoverable: false }, () => around(3000));
  await add(5, { hideDistance: true }, () => around(3000));
  await add(5, { stale: true }, () => around(3000), staleAt);

  const viewers = [await registerUser(app), await registerUser(app), await registerUser(app)];
  const viewerSpots = [CENTRE, offset(CENTRE, 3500, 3500), offset(CENTRE, -8000, 0)];
  for (const [i, viewer] of viewers.entries()) {
    const spot = viewerSpots[i]!;
    const res = await postFix(app, viewer, { latitude: spot.lat, longitude: spot.lon, accuracy: 10 });
    if (res.statusCode !== 201) throw new Error(res.body);
    placed.push({
      id: viewer.id,
      ...spot,
      discoverable: true,
      hideDistance: false,
      stale: false,
      blockedWith: new Set(),
    });
  }

  const first = viewers[0]!;
  await add(3, { blockedWith: new Set([first.id]) }, () => around(2000));
  await add(3, { blockedWith: new Set([first.id]) }, () => around(2000));
  const blockRows = placed
    .filter((p) => p.blockedWith.size > 0)
    .map((p, i) => (i < 3 ? { blocker_id: first.id, blocked_id: p.id } : { blocker_id: p.id, blocked_id: first.id }));
  await db.insertInto('blocks').values(blockRows).execute();
  return { centre: CENTRE, viewers, placed };
}

export interface Expected {
  id: number;
  meters: number;
  cell: string;
  bucket: DistanceBucket | null;
}

/** Every user the viewer may see, by brute force over cell centres, nearest first. */
export function bruteForce(world: World, viewer: TestUser, from: Point): Expected[] {
  const viewerCentre = cellCentre(cellOf(from.lat, from.lon));
  return world.placed
    .filter((p) => p.id !== viewer.id && p.discoverable && !p.stale && !p.blockedWith.has(viewer.id))
    .map((p) => {
      const cell = cellOf(p.lat, p.lon);
      const meters = haversineMeters(viewerCentre, cellCentre(cell));
      return { id: p.id, meters, cell: `${cell.row}:${cell.col}`, bucket: p.hideDistance ? null : bucketOf(meters) };
    })
    .sort((a, b) => a.meters - b.meters || a.id - b.id);
}
