import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { cellBounds, cellCentre, cellOf, type Cell, type Point } from '../../src/modules/locations/grid.js';
import { insertUsers, registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { allNearbyPages, placeUsers, postFix, seededRandom } from './helpers.js';
import { offset } from './nearby-data.js';

let t: TestApp;
let viewer: TestUser;
const home = { lat: 52.52, lon: 13.405 };
const homeCell = cellOf(home.lat, home.lon);
const RADIUS = 1200;
const random = seededRandom(20260914);

/** A random point inside a cell, away from its edges. */
function inside(cell: Cell): Point {
  const b = cellBounds(cell);
  const at = (from: number, to: number) => from + (0.1 + 0.8 * random()) * (to - from);
  return { lat: at(b.south, b.north), lon: at(b.west, b.east) };
}

/** Users in one cell; those inserted first get the lowest ids. */
async function fill(cell: Cell, count: number, overrides: { is_discoverable?: boolean } = {}): Promise<number[]> {
  const ids = await insertUsers(t.db, count, overrides);
  await placeUsers(
    t.db,
    ids.map((id) => ({ id, ...inside(cell), seenAt: t.clock.now() })),
  );
  return ids;
}

beforeAll(async () => {
  const defaults = loadConfig({});
  t = await startTestApp({ rateLimits: { ...defaults.rateLimits, nearbyPerMinute: 100_000 } });
  viewer = await registerUser(t.app);
  expect((await postFix(t.app, viewer, { latitude: home.lat, longitude: home.lon, accuracy: 5 })).statusCode).toBe(201);
  // Hidden and blocked users hold the lowest ids of the viewer's own cell, ahead of the visible ones.
  await fill(homeCell, 12, { is_discoverable: false });
  const blocked = await fill(homeCell, 6);
  await t.db
    .insertInto('blocks')
    .values(
      blocked.map((id, i) =>
        i % 2 ? { blocker_id: id, blocked_id: viewer.id } : { blocker_id: viewer.id, blocked_id: id },
      ),
    )
    .execute();
  await fill(homeCell, 40);
  // The four neighbours: east and west lie at the same distance from the viewer's cell, as do north and south nearly.
  const centre = cellCentre(homeCell);
  for (const [north, east] of [
    [0, 500],
    [0, -500],
    [500, 0],
    [-500, 0],
  ] as const) {
    const spot = offset(centre, north, east);
    await fill(cellOf(spot.lat, spot.lon), 35);
  }
  const corner = offset(centre, 500, 500);
  await fill(cellOf(corner.lat, corner.lon), 3);
});
afterAll(() => t.close());

/** Every visible user within the radius, ordered by their cell's index distance, then id: the search's order. */
async function expectedOrder(searcher: TestUser = viewer): Promise<number[]> {
  const centre = cellCentre(homeCell);
  const viewerPoint = sql`ll_to_earth(${centre.lat}, ${centre.lon})`;
  const rows = await sql<{ user_id: number }>`
    SELECT p.user_id FROM user_positions p
    JOIN position_cells c ON c.cell_row = p.cell_row AND c.cell_col = p.cell_col
    JOIN users u ON u.id = p.user_id
    WHERE earth_distance(c.cell_point, ${viewerPoint}) <= ${RADIUS}
      AND p.user_id <> ${searcher.id} AND u.is_discoverable
      AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id, b.blocked_id) IN ((${searcher.id}, p.user_id), (p.user_id, ${searcher.id})))
    ORDER BY c.cell_point <-> ${viewerPoint}, p.user_id`.execute(t.db);
  return rows.rows.map((r) => r.user_id);
}

describe('GET /users/nearby in cells holding more than a page', () => {
  it('pages in the order of (cell distance, user id), whatever the page size', async () => {
    const expected = await expectedOrder();
    expect(expected).toHaveLength(40 + 4 * 35 + 3);
    for (const limit of [1, 7, 20, 41, 100]) {
      const { items, pages } = await allNearbyPages(t.app, viewer, { radius: RADIUS, limit });
      expect(items.map((i) => i.user.id)).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / limit));
    }
  });

  it('fills a page from a dense cell past its hidden and blocked users', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/users/nearby?radius=${RADIUS}&limit=30`,
      headers: viewer.auth,
    });
    expect(res.statusCode).toBe(200);
    const { items } = res.json<{ items: { user: { id: number } }[] }>();
    expect(items.map((i) => i.user.id)).toEqual((await expectedOrder()).slice(0, 30));
  });
});

describe('GET /users/nearby after the viewer moves', () => {
  it('searches from the cell of their latest fix, and refuses a cursor from the cell they left', async () => {
    const mover = await registerUser(t.app);
    const away = offset(cellCentre(homeCell), 4000, -4000);
    const awayCell = cellOf(away.lat, away.lon);
    const there = await fill(awayCell, 5);
    const search = (query: string) =>
      t.app.inject({ method: 'GET', url: `/users/nearby?${query}`, headers: mover.auth });
    const ids = (res: Awaited<ReturnType<typeof search>>) =>
      res.json<{ items: { user: { id: number } }[] }>().items.map((i) => i.user.id);

    await postFix(t.app, mover, { latitude: home.lat, longitude: home.lon, accuracy: 5 });
    const before = await search('radius=300&limit=10');
    expect(before.statusCode, before.body).toBe(200);
    expect(ids(before)).toEqual((await expectedOrder(mover)).slice(0, 10));
    const cursor = before.json<{ nextCursor: string }>().nextCursor;

    t.clock.advance(60_000);
    await postFix(t.app, mover, { latitude: away.lat, longitude: away.lon, accuracy: 5 });
    expect(ids(await search('radius=300&limit=10'))).toEqual(there);
    const stale = await search(`radius=300&limit=10&cursor=${cursor}`);
    expect(stale.statusCode).toBe(400);
    expect(stale.json().code).toBe('INVALID_CURSOR');

    // A point given with the search is checked against the latest fix too.
    const far = await search(`lat=${home.lat}&lon=${home.lon}&radius=300`);
    expect(far.statusCode).toBe(422);
    expect(far.json().code).toBe('QUERY_TOO_FAR');
  });
});
