import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DB } from '../../src/db/schema.js';
import { cellCentre, cellOf } from '../../src/modules/locations/grid.js';
import { registerUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { allNearbyPages, postFix, rowCounts, type NearbyItem } from './helpers.js';
import { bruteForce, buildWorld, offset, type Expected, type World } from './nearby-data.js';

let t: TestApp;
let world: World;
const defaults = loadConfig({});

beforeAll(async () => {
  t = await startTestApp({
    rateLimits: { ...defaults.rateLimits, nearbyPerMinute: 100_000 },
    // Long enough to outlive the jump past the last-seen window at the end.
    accessTokenTtlSeconds: 24 * 3600,
  });
  const stale = new Date(t.clock.now().getTime() - (defaults.nearby.recentMinutes + 1) * 60_000);
  world = await buildWorld(t.app, t.db, t.clock.now(), stale);
});
afterAll(() => t.close());

const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) < tolerance;

/**
 * Same users, same order and same buckets as the brute force over every user
 * the viewer may see; only points within 1 m of the radius or of a bucket
 * edge may go either way.
 */
function expectMatches(items: NearbyItem[], visible: Expected[], radius: number): void {
  const byId = new Map(visible.map((e) => [e.id, e]));
  const got = items.map((i) => i.user.id);
  expect(new Set(got).size).toBe(got.length);
  const unexpected = got.filter((id) => !byId.has(id) || byId.get(id)!.meters > radius + 1);
  expect(unexpected).toEqual([]);
  const missing = visible.filter((e) => e.meters < radius - 1 && !got.includes(e.id));
  expect(missing).toEqual([]);

  for (const [i, item] of items.entries()) {
    const e = byId.get(item.user.id)!;
    const next = items[i + 1] && byId.get(items[i + 1]!.user.id)!;
    if (next) {
      if (next.cell === e.cell) expect(next.id).toBeGreaterThan(e.id);
      else expect(e.meters).toBeLessThanOrEqual(next.meters + 1e-6);
    }
    if (e.bucket === null) expect(item.distance).toBeNull();
    else if (!item.distance || item.distance.label !== e.bucket.label) {
      const edges = [item.distance?.minMeters, item.distance?.maxMeters].filter((m) => typeof m === 'number');
      expect(edges.some((edge) => near(edge, e.meters, 1))).toBe(true);
    }
  }
}

describe('GET /users/nearby against brute force over cell centres', () => {
  const radii = [800, 2000, 5000, 12_000, 25_000, 50_000];
  const limits = [7, 30, 100];

  it('gives the same users, in the same order, with the same buckets, for every viewer and radius', async () => {
    let walks = 0;
    for (const [v, viewer] of world.viewers.entries()) {
      const from = world.placed.find((p) => p.id === viewer.id)!;
      for (const [r, radius] of radii.entries()) {
        const limit = limits[(v + r) % limits.length]!;
        const { items } = await allNearbyPages(t.app, viewer, { radius, limit });
        const visible = bruteForce(world, viewer, from);
        expectMatches(items, visible, radius);
        walks += items.length > limit ? 1 : 0;
      }
    }
    expect(walks).toBeGreaterThan(5);
  });

  it('uses the default radius when none is given', async () => {
    const viewer = world.viewers[1]!;
    const from = world.placed.find((p) => p.id === viewer.id)!;
    const { items } = await allNearbyPages(t.app, viewer, { limit: 100 });
    expectMatches(items, bruteForce(world, viewer, from), defaults.nearby.defaultRadiusMeters);
  });

  it('searches from the cell of a given point close to the caller', async () => {
    const viewer = world.viewers[0]!;
    const from = offset(world.centre, 600, -500);
    const { items } = await allNearbyPages(t.app, viewer, { lat: from.lat, lon: from.lon, radius: 3000, limit: 50 });
    expectMatches(items, bruteForce(world, viewer, from), 3000);
  });

  it('reveals buckets only: no coordinates, exact distances, last-seen times or private fields', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/users/nearby?radius=50000&limit=100',
      headers: world.viewers[0]!.auth,
    });
    expect(res.statusCode).toBe(200);
    const { items } = res.json<{ items: NearbyItem[] }>();
    expect(items.length).toBeGreaterThan(50);
    const text = JSON.stringify(items);
    const forbidden = ['latitude', 'longitude', 'lat"', 'lon"', 'seen', 'knn', '"meters"', 'email', 'hideDistance'];
    expect(forbidden.filter((word) => text.includes(word))).toEqual([]);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['distance', 'user']);
      expect(Object.keys(item.user).sort()).toEqual([
        'avatarUrl',
        'bio',
        'createdAt',
        'displayName',
        'id',
        'interests',
      ]);
      if (item.distance) expect(Object.keys(item.distance).sort()).toEqual(['label', 'maxMeters', 'minMeters']);
    }
  });

  it('leaves out blocked, hidden and stale users, and gives no distance for those who hide it', async () => {
    const viewer = world.viewers[0]!;
    const { items } = await allNearbyPages(t.app, viewer, { radius: 50_000, limit: 100 });
    const ids = new Set(items.map((i) => i.user.id));
    const excluded = world.placed.filter((p) => !p.discoverable || p.stale || p.blockedWith.has(viewer.id));
    expect(excluded).toHaveLength(16);
    for (const p of excluded) expect(ids.has(p.id)).toBe(false);
    const hiding = world.placed.filter((p) => p.hideDistance);
    for (const p of hiding) expect(items.find((i) => i.user.id === p.id)?.distance).toBeNull();
    expect(hiding.every((p) => ids.has(p.id))).toBe(true);
  });
});

describe('GET /users/nearby pagination', () => {
  it('walks small pages into the same list as one big page, without duplicates', async () => {
    const viewer = world.viewers[2]!;
    const whole = await allNearbyPages(t.app, viewer, { radius: 6000, limit: 100 });
    const paged = await allNearbyPages(t.app, viewer, { radius: 6000, limit: 2 });
    expect(whole.pages).toBe(1);
    expect(paged.pages).toBeGreaterThan(3);
    expect(paged.items).toEqual(whole.items);
  });

  it('answers the same query with the same bytes, cursor included', async () => {
    const request = {
      method: 'GET' as const,
      url: '/users/nearby?radius=20000&limit=5',
      headers: world.viewers[0]!.auth,
    };
    const [a, b] = [await t.app.inject(request), await t.app.inject(request)];
    expect(a.json().nextCursor).toEqual(expect.any(String));
    expect(b.body).toBe(a.body);
  });

  it('refuses a tampered cursor, or one from another search, with 400 INVALID_CURSOR', async () => {
    const auth = world.viewers[0]!.auth;
    const first = await t.app.inject({ method: 'GET', url: '/users/nearby?radius=20000&limit=5', headers: auth });
    const cursor: string = first.json().nextCursor;
    const flipped = `${cursor.slice(0, 20)}${cursor[20] === 'A' ? 'B' : 'A'}${cursor.slice(21)}`;
    for (const url of [
      `/users/nearby?radius=20000&limit=5&cursor=${flipped}`,
      `/users/nearby?radius=20000&limit=5&cursor=${Buffer.from('{"knn":0,"id":1}').toString('base64url')}`,
      `/users/nearby?radius=10000&limit=5&cursor=${cursor}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_CURSOR');
    }
  });
});

describe('GET /users/nearby errors', () => {
  it('refuses a request without a token with 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/users/nearby' })).statusCode).toBe(401);
  });

  it.each([
    ['lat without lon', 'lat=48.1'],
    ['lon without lat', 'lon=11.5'],
    ['a latitude out of range', 'lat=91&lon=11.5'],
    ['a radius above the maximum', 'radius=50001'],
    ['a zero radius', 'radius=0'],
    ['a limit above 100', 'limit=101'],
    ['a non-numeric latitude', 'lat=north&lon=11.5'],
    ['an unknown parameter', 'distance=5'],
  ])('refuses %s with 400, changing nothing', async (_case, query) => {
    const before = await rowCounts(t.db);
    const res = await t.app.inject({ method: 'GET', url: `/users/nearby?${query}`, headers: world.viewers[0]!.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('asks a caller without a position to share it first, with 422 LOCATION_REQUIRED', async () => {
    const newcomer = await registerUser(t.app);
    const res = await t.app.inject({ method: 'GET', url: '/users/nearby', headers: newcomer.auth });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('LOCATION_REQUIRED');
  });

  it('refuses a search point far from the caller’s own position with 422 QUERY_TOO_FAR', async () => {
    const far = offset(world.centre, 0, defaults.nearby.maxQueryOffsetMeters + 100);
    const res = await t.app.inject({
      method: 'GET',
      url: `/users/nearby?lat=${far.lat}&lon=${far.lon}`,
      headers: world.viewers[0]!.auth,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('QUERY_TOO_FAR');
  });
});

describe('the nearby plan', () => {
  it('walks the GiST index of inhabited cells in distance order, never scanning a table', async () => {
    await sql`ANALYZE user_positions`.execute(t.db);
    await sql`ANALYZE position_cells`.execute(t.db);
    const { forceOrderedIndexScan, nearbyQuery } = await import('../../src/modules/locations/repository.js');
    const centre = cellCentre(cellOf(world.centre.lat, world.centre.lon));
    const orderedScans = t.database.orderedScans;
    expect(orderedScans !== undefined).toBe(t.database.kind === 'postgres');
    const plans: string[] = [];
    for (const after of [undefined, { knn: 1000, userId: 10 }]) {
      const params = {
        viewerId: world.viewers[0]!.id,
        centre,
        radiusMeters: 5000,
        seenSince: t.clock.now(),
        limit: 20,
        ...(after ? { after } : {}),
      };
      const explain = async (db: Kysely<DB>) =>
        (await nearbyQuery(db, params).explain()).map((row) => String(Object.values(row)[0])).join('\n');
      plans.push(
        await t.db.transaction().execute(async (trx) => {
          await forceOrderedIndexScan(trx);
          return explain(trx);
        }),
      );
      // The pool whose sessions carry the same settings, which the route uses on PostgreSQL.
      if (orderedScans) plans.push(await explain(orderedScans));
    }
    // Those settings stay in their own sessions: every other query plans as usual.
    const shared = await sql<{ enable_bitmapscan: string }>`SHOW enable_bitmapscan`.execute(t.db);
    expect(shared.rows[0]?.enable_bitmapscan).toBe('on');
    for (const plan of plans) {
      expect(plan).toMatch(/Index Scan using position_cells_point_idx on position_cells/);
      expect(plan).toMatch(/Order By: \(\(cell_point\)::cube <->/);
      expect(plan).toMatch(/Index Scan using user_positions_cell_idx on user_positions/);
      expect(plan).not.toMatch(/Seq Scan|Bitmap/);
      // The only sort is the incremental tie-break on top of the ordered scan.
      expect(plan).not.toMatch(/^\s*(->\s+)?Sort\s+\(/m);
    }
  });
});

describe('GET /users/nearby and time', () => {
  it('drops users not seen within the recent window', async () => {
    const viewer = world.viewers[0]!;
    const before = await allNearbyPages(t.app, viewer, { radius: 3000, limit: 100 });
    expect(before.items.length).toBeGreaterThan(0);
    t.clock.advance((defaults.nearby.recentMinutes + 1) * 60_000);
    expect((await allNearbyPages(t.app, viewer, { radius: 3000, limit: 100 })).items).toEqual([]);
    const mover = world.viewers[1]!;
    const spot = world.placed.find((p) => p.id === mover.id)!;
    expect((await postFix(t.app, mover, { latitude: spot.lat, longitude: spot.lon })).statusCode).toBe(201);
    const after = await allNearbyPages(t.app, viewer, { radius: 50_000, limit: 100 });
    expect(after.items.map((i) => i.user.id)).toEqual([mover.id]);
  });
});
