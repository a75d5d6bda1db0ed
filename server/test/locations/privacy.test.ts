import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { cellBounds, cellOf } from '../../src/modules/locations/grid.js';
import { insertUsers, registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { placeUsers, postFix, seededRandom } from './helpers.js';
import { offset } from './nearby-data.js';

let t: TestApp;
let target: TestUser;
let viewers: TestUser[];
let bystander: number;

const home = { lat: 52.52, lon: 13.405 };
const cell = cellOf(home.lat, home.lon);
const b = cellBounds(cell);
const midLat = (b.south + b.north) / 2;
const midLon = (b.west + b.east) / 2;
/** A point `north` metres past the north edge (negative: inside) and `east` metres past the east edge. */
const pastEdge = (lat: number, lon: number, north: number, east: number) => offset({ lat, lon }, north, east);

beforeAll(async () => {
  const defaults = loadConfig({});
  t = await startTestApp({
    rateLimits: { ...defaults.rateLimits, locationsPerMinute: 10_000, nearbyPerMinute: 10_000 },
  });
  target = await registerUser(t.app);
  viewers = [await registerUser(t.app), await registerUser(t.app), await registerUser(t.app)];
  const spots = [offset(home, 200, 150), offset(home, -1800, 1900), offset(home, 6000, -6500)];
  for (const [i, viewer] of viewers.entries()) {
    await postFix(t.app, viewer, { latitude: spots[i]!.lat, longitude: spots[i]!.lon, accuracy: 8 });
  }
  const random = seededRandom(42);
  const ids = await insertUsers(t.db, 40);
  bystander = ids[0]!;
  await placeUsers(
    t.db,
    ids.map((id) => ({
      id,
      ...offset(home, random() * 16_000 - 8000, random() * 16_000 - 8000),
      seenAt: t.clock.now(),
    })),
  );
  expect((await postFix(t.app, target, { latitude: midLat, longitude: midLon, accuracy: 10 })).statusCode).toBe(201);
});
afterAll(() => t.close());

/** Every response a viewer can get that mentions the target, as raw bytes. */
async function observe(viewer: TestUser): Promise<string[]> {
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: viewer.auth });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const bodies = [
    await get('/users/nearby'),
    await get(`/locations/batch?userIds=${target.id},${bystander},${viewers.map((v) => v.id).join(',')}`),
    await get(`/users/${target.id}`),
  ];
  let cursor: string | null = null;
  do {
    const body = await get(`/users/nearby?radius=20000&limit=6${cursor ? `&cursor=${cursor}` : ''}`);
    bodies.push(body);
    cursor = JSON.parse(body).nextCursor;
  } while (cursor);
  return bodies;
}

const observeAll = () => Promise.all(viewers.map(observe));

describe('privacy of the published cell', () => {
  it('keeps every response byte-identical while the user moves inside their cell or jitters past its edge', async () => {
    const before = await observeAll();
    expect(before[0]!.join('')).toContain(`"id":${target.id},`);
    const moves = [
      { ...pastEdge(b.north, b.east, -10, -10), accuracy: 5 },
      { ...pastEdge(midLat, b.east, 0, 100), accuracy: 10 },
      { ...pastEdge(b.north, midLon, 140, 0), accuracy: 30 },
      { ...pastEdge(midLat, b.west, 0, -170), accuracy: 60 },
      { ...pastEdge(b.south, midLon, -1100, 0), accuracy: 400 },
      { ...pastEdge(b.south, b.west, 20, 20), accuracy: 3 },
      { ...offset(home, 2500, 2500), accuracy: 5000 },
      { ...pastEdge(midLat, b.east, 0, 149), accuracy: 1 },
    ];
    for (const move of moves) {
      t.clock.advance(60_000);
      const res = await postFix(t.app, target, { latitude: move.lat, longitude: move.lon, accuracy: move.accuracy });
      expect(res.statusCode).toBe(201);
      expect(await observeAll()).toEqual(before);
    }
  });

  it('changes what others see once a fix lies clearly outside the cell', async () => {
    const before = await observeAll();
    t.clock.advance(60_000);
    const away = pastEdge(midLat, b.east, 0, 400);
    expect((await postFix(t.app, target, { latitude: away.lat, longitude: away.lon, accuracy: 10 })).statusCode).toBe(
      201,
    );
    const after = await observeAll();
    // The batch answer carries the new cell centre.
    for (const [i, bodies] of after.entries()) expect(bodies[1]).not.toBe(before[i]![1]);
  });
});
