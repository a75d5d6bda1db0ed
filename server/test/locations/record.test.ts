import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellCentre, cellOf } from '../../src/modules/locations/grid.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { postFix, rowCounts } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const munich = { latitude: 48.137, longitude: 11.575 };

async function position(userId: number) {
  return t.db.selectFrom('user_positions').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

describe('POST /locations/', () => {
  it('records a fix, returns it, and publishes its cell', async () => {
    const user = await registerUser(t.app);
    const res = await postFix(t.app, user, { ...munich, userId: user.id });
    expect(res.statusCode).toBe(201);
    const now = t.clock.now().toISOString();
    expect(res.json()).toEqual({
      id: expect.any(Number),
      userId: user.id,
      ...munich,
      accuracy: 50,
      recordedAt: now,
      createdAt: now,
    });
    const cell = cellOf(munich.latitude, munich.longitude);
    const centre = cellCentre(cell);
    expect(await position(user.id)).toMatchObject({
      last_latitude: munich.latitude,
      last_longitude: munich.longitude,
      cell_row: cell.row,
      cell_col: cell.col,
      cell_latitude: centre.lat,
      cell_longitude: centre.lon,
      published_at: t.clock.now(),
      last_seen_at: t.clock.now(),
    });
  });

  it('refuses a request without a token with 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/locations/', payload: munich });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses a userId other than the caller with 403 FORBIDDEN, storing nothing', async () => {
    const [user, other] = [await registerUser(t.app), await registerUser(t.app)];
    const before = await rowCounts(t.db);
    const res = await postFix(t.app, user, { ...munich, userId: other.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it.each([
    ['latitude out of range', { latitude: 90.5, longitude: 11 }],
    ['longitude out of range', { latitude: 48, longitude: -180.01 }],
    ['an unknown field', { ...munich, altitude: 500 }],
    ['a number sent as a string', { latitude: '48.1', longitude: 11 }],
    ['a missing longitude', { latitude: 48.1 }],
    ['a negative accuracy', { ...munich, accuracy: -1 }],
    ['a malformed recordedAt', { ...munich, recordedAt: 'yesterday' }],
  ])('refuses %s with 400, changing nothing', async (_case, payload) => {
    const user = await registerUser(t.app);
    await postFix(t.app, user, munich);
    const before = await rowCounts(t.db);
    const stored = await position(user.id);
    const res = await t.app.inject({ method: 'POST', url: '/locations/', headers: user.auth, payload });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await rowCounts(t.db)).toEqual(before);
    expect(await position(user.id)).toEqual(stored);
  });

  it('refuses a fix from the future or older than 24 h with 422', async () => {
    const user = await registerUser(t.app);
    const before = await rowCounts(t.db);
    const at = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
    const future = await postFix(t.app, user, { ...munich, recordedAt: at(2 * 60_000) });
    const stale = await postFix(t.app, user, { ...munich, recordedAt: at(-25 * 3600_000) });
    for (const res of [future, stale]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('RULE_VIOLATED');
    }
    expect(await rowCounts(t.db)).toEqual(before);
    expect((await postFix(t.app, user, { ...munich, recordedAt: at(30_000) })).statusCode).toBe(201);
  });

  it('refuses a fix implying an impossible speed with 422 IMPOSSIBLE_SPEED', async () => {
    const user = await registerUser(t.app);
    await postFix(t.app, user, munich);
    t.clock.advance(60_000);
    const before = await rowCounts(t.db);
    const stored = await position(user.id);
    // About 100 km in a minute.
    const res = await postFix(t.app, user, { latitude: 49.037, longitude: 11.575 });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IMPOSSIBLE_SPEED');
    expect(await rowCounts(t.db)).toEqual(before);
    expect(await position(user.id)).toEqual(stored);
    // About 11 km in a minute is a plane, not a teleport.
    expect((await postFix(t.app, user, { latitude: 48.237, longitude: 11.575 })).statusCode).toBe(201);
  });

  it('keeps a fix older than the last one in the history without moving the position', async () => {
    const user = await registerUser(t.app);
    await postFix(t.app, user, munich);
    const stored = await position(user.id);
    t.clock.advance(60_000);
    const earlier = new Date(t.clock.now().getTime() - 10 * 60_000).toISOString();
    const res = await postFix(t.app, user, { latitude: 48.147, longitude: 11.575, recordedAt: earlier });
    expect(res.statusCode).toBe(201);
    expect(await position(user.id)).toEqual({ ...stored, last_seen_at: t.clock.now() });
    const history = await t.app.inject({ method: 'GET', url: `/locations/${user.id}`, headers: user.auth });
    expect(history.json().items).toHaveLength(2);
  });

  it('changes the published time only when the published cell changes', async () => {
    const user = await registerUser(t.app);
    await postFix(t.app, user, munich);
    const first = await position(user.id);
    t.clock.advance(60_000);
    await postFix(t.app, user, { latitude: munich.latitude + 0.0003, longitude: munich.longitude, accuracy: 5 });
    const jittered = await position(user.id);
    expect(jittered).toMatchObject({
      cell_row: first!.cell_row,
      cell_col: first!.cell_col,
      published_at: first!.published_at,
      last_fix_at: t.clock.now(),
    });
    t.clock.advance(60_000);
    await postFix(t.app, user, { latitude: munich.latitude + 0.02, longitude: munich.longitude, accuracy: 5 });
    const moved = await position(user.id);
    expect(moved!.cell_row).not.toBe(first!.cell_row);
    expect(moved!.published_at).toEqual(t.clock.now());
  });

  it('publishes no cell from fixes less accurate than a cell', async () => {
    const user = await registerUser(t.app);
    expect((await postFix(t.app, user, { ...munich, accuracy: 800 })).statusCode).toBe(201);
    expect(await position(user.id)).toMatchObject({
      last_latitude: munich.latitude,
      cell_row: null,
      published_at: null,
    });
    const batch = await t.app.inject({ method: 'GET', url: `/locations/batch?userIds=${user.id}`, headers: user.auth });
    expect(batch.json()).toEqual({ items: [] });
  });
});

describe('GET /locations/:user_id', () => {
  let owner: TestUser;
  let ids: number[];
  beforeAll(async () => {
    owner = await registerUser(t.app);
    ids = [];
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(60_000);
      const res = await postFix(t.app, owner, { latitude: 48.1 + i * 0.001, longitude: 11.5, accuracy: 10 + i });
      ids.push(res.json<{ id: number }>().id);
    }
  });

  it('pages through the owner’s own history, newest first', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/locations/${owner.id}?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url, headers: owner.auth });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { id: number; userId: number; accuracy: number }[]; nextCursor: string | null }>();
      expect(body.items.length).toBeLessThanOrEqual(2);
      for (const item of body.items) expect(item.userId).toBe(owner.id);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuses someone else’s history, and an unknown user’s, with 403 FORBIDDEN', async () => {
    const other = await registerUser(t.app);
    for (const url of [`/locations/${owner.id}`, '/locations/999999']) {
      const res = await t.app.inject({ method: 'GET', url, headers: other.auth });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('refuses a request without a token with 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/locations/${owner.id}` })).statusCode).toBe(401);
  });

  it.each([
    ['a non-numeric id', (id: number) => `/locations/abc?limit=2&x=${id}`, 'VALIDATION_FAILED'],
    ['a limit above 100', (id: number) => `/locations/${id}?limit=101`, 'VALIDATION_FAILED'],
    ['an unknown parameter', (id: number) => `/locations/${id}?sort=asc`, 'VALIDATION_FAILED'],
    ['a forged cursor', (id: number) => `/locations/${id}?cursor=bm90LWpzb24`, 'INVALID_CURSOR'],
    ['an out-of-range cursor', (id: number) => `/locations/${id}?cursor=eyJpZCI6MWUxNX0`, 'INVALID_CURSOR'],
  ])('refuses %s with 400', async (_case, url, code) => {
    const res = await t.app.inject({ method: 'GET', url: url(owner.id), headers: owner.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
  });
});
