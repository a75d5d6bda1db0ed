import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_SIZE_METERS, cellCentre, cellOf } from '../../src/modules/locations/grid.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { postFix } from './helpers.js';

let t: TestApp;
let viewer: TestUser;
let sharing: TestUser;
let hidden: TestUser;
let hidingDistance: TestUser;
let blocked: TestUser;
let blocking: TestUser;
let unlocated: TestUser;

const spots = {
  viewer: { latitude: 48.137, longitude: 11.575 },
  sharing: { latitude: 48.15, longitude: 11.6 },
  other: { latitude: 48.12, longitude: 11.55 },
};

beforeAll(async () => {
  t = await startTestApp();
  viewer = await registerUser(t.app);
  sharing = await registerUser(t.app);
  hidden = await registerUser(t.app, { isDiscoverable: false });
  hidingDistance = await registerUser(t.app, { hideDistance: true });
  blocked = await registerUser(t.app);
  blocking = await registerUser(t.app);
  unlocated = await registerUser(t.app);
  await postFix(t.app, viewer, spots.viewer);
  await postFix(t.app, sharing, { ...spots.sharing, accuracy: 12 });
  for (const user of [hidden, hidingDistance, blocked, blocking]) await postFix(t.app, user, spots.other);
  await t.db
    .insertInto('blocks')
    .values([
      { blocker_id: viewer.id, blocked_id: blocked.id },
      { blocker_id: blocking.id, blocked_id: viewer.id },
    ])
    .execute();
});
afterAll(() => t.close());

const batch = (user: TestUser, userIds: string) =>
  t.app.inject({ method: 'GET', url: `/locations/batch?userIds=${userIds}`, headers: user.auth });

const published = (spot: { latitude: number; longitude: number }) => {
  const centre = cellCentre(cellOf(spot.latitude, spot.longitude));
  return { latitude: centre.lat, longitude: centre.lon, cellSizeMeters: CELL_SIZE_METERS };
};

describe('GET /locations/batch', () => {
  it('gives published cell centres of those who share, and silently leaves out the rest', async () => {
    const ids = [viewer, sharing, hidden, hidingDistance, blocked, blocking, unlocated].map((u) => u.id);
    const res = await batch(viewer, [...ids, 999_999, 9_999_999_999].join(','));
    expect(res.statusCode).toBe(200);
    const at = t.clock.now().toISOString();
    expect(res.json()).toEqual({
      items: [
        { userId: viewer.id, ...published(spots.viewer), updatedAt: at },
        { userId: sharing.id, ...published(spots.sharing), updatedAt: at },
      ],
    });
    // Never the exact fix.
    expect(res.json().items[1].latitude).not.toBe(spots.sharing.latitude);
  });

  it('leaves out the viewer for the users they blocked, and those who blocked them', async () => {
    for (const other of [blocked, blocking]) {
      const res = await batch(other, String(viewer.id));
      expect(res.json()).toEqual({ items: [] });
    }
  });

  it('is not taken for a user id by GET /locations/:user_id', async () => {
    const res = await batch(viewer, String(sharing.id));
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(1);
  });

  it('refuses a request without a token with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/locations/batch?userIds=${sharing.id}` });
    expect(res.statusCode).toBe(401);
  });

  it.each([
    ['a missing list', ''],
    ['an empty list', 'userIds='],
    ['an empty element', 'userIds=1,,2'],
    ['a non-numeric id', 'userIds=1,abc'],
    ['more than 100 ids', `userIds=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`],
    ['an unknown parameter', 'userIds=1&near=1'],
  ])('refuses %s with 400', async (_case, query) => {
    const res = await t.app.inject({ method: 'GET', url: `/locations/batch?${query}`, headers: viewer.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});
