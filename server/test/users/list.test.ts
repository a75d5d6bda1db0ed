import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/http/cursor.js';
import { insertUsers, registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let viewer: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  viewer = await registerUser(t.app);
});
afterAll(() => t.close());

interface UserPage {
  items: { id: number; displayName: string; email?: string }[];
  nextCursor: string | null;
}

const list = (query: string) => t.app.inject({ method: 'GET', url: `/users/${query}`, headers: viewer.auth });
const listIds = async (query: string): Promise<number[]> => {
  const res = await list(query);
  expect(res.statusCode).toBe(200);
  return res.json<UserPage>().items.map((u) => u.id);
};
const named = async (displayName: string, interests: string[] = []): Promise<number> =>
  (await insertUsers(t.db, 1, { display_name: displayName, interests }))[0]!;

describe('GET /users/ filters', () => {
  it('matches part of the name, ignoring case, newest first', async () => {
    const player = await named('Xylophone Player');
    const band = await named('the XYLO band');
    await named('Marimba');
    expect(await listIds('?name=xYlO')).toEqual([band, player]);
  });

  it('treats % and _ in the name literally', async () => {
    const percent = await named('Qz 100% Real');
    await named('Qz 1000 Real');
    const underscore = await named('qz_snake');
    await named('qzXsnake');
    expect(await listIds(`?name=${encodeURIComponent('100%')}`)).toEqual([percent]);
    expect(await listIds('?name=qz_')).toEqual([underscore]);
    expect(await listIds(`?name=${encodeURIComponent('%')}`)).toEqual([percent]);
  });

  it('filters by interest, whatever its case', async () => {
    const both = await named('Interest both', ['curling', 'go']);
    await named('Interest go', ['go']);
    const curlingOnly = await named('Interest curling', ['curling']);
    expect(await listIds('?interest=curling')).toEqual([curlingOnly, both]);
    expect(await listIds('?interest=Curling')).toEqual([curlingOnly, both]);
  });

  it('filters by ids, ignoring ids that name nobody', async () => {
    const [a, b, c] = await insertUsers(t.db, 3);
    expect(await listIds(`?ids=${a},${c},999999,9999999999`)).toEqual([c, a]);
    expect(await listIds(`?ids=${b}&name=nobody-has-this-name`)).toEqual([]);
  });

  it('combines filters', async () => {
    const match = await named('Combo Fan', ['sailing']);
    const otherName = await named('Someone', ['sailing']);
    expect(await listIds(`?name=combo&interest=sailing&ids=${match},${otherName}`)).toEqual([match]);
  });

  it('shows other users their public profile only', async () => {
    const [id] = await insertUsers(t.db, 1);
    const res = await list(`?ids=${id}`);
    const [user] = res.json<UserPage>().items;
    expect(user).not.toHaveProperty('email');
    expect(user).not.toHaveProperty('nameCard');
    expect(user).not.toHaveProperty('isDiscoverable');
  });

  it.each([
    ['ids that are not numbers', '?ids=1,two'],
    ['more than 100 ids', `?ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`],
    ['an empty name', '?name='],
    ['an unknown parameter', '?sort=name'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_case, query) => {
    const res = await list(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /users/ pagination', () => {
  it('walks every user exactly once, newest first', async () => {
    await insertUsers(t.db, 25);
    const everyone = (await t.db.selectFrom('users').select('id').orderBy('id', 'desc').execute()).map((r) => r.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<UserPage>();
      expect(body.items.length).toBeLessThanOrEqual(7);
      seen.push(...body.items.map((u) => u.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen).toEqual(everyone);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(everyone.length / 7));
  });

  it('returns 20 users by default', async () => {
    await insertUsers(t.db, 21);
    const body = (await list('')).json<UserPage>();
    expect(body.items).toHaveLength(20);
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['a cursor of the wrong shape', encodeCursor({ createdAt: '2026-01-01' })],
    ['an id that is not an integer', encodeCursor({ id: '10' })],
    ['an id beyond any user id', encodeCursor({ id: 9_007_199_254_740_991 })],
  ])('refuses %s with 400 INVALID_CURSOR', async (_case, cursor) => {
    const res = await list(`?cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  });

  it.each(['101', '0', 'ten'])('refuses limit=%s with 400 VALIDATION_FAILED', async (limit) => {
    const res = await list(`?limit=${limit}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'querystring.limit' }] });
  });
});
