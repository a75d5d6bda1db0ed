import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/http/cursor.js';
import { insertUsers, registerUser, type TestUser } from '../helpers/factories.js';
import { manyRegistrations, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // Many accounts are registered here; the registration rate limit is tested elsewhere.
  t = await startTestApp(manyRegistrations);
});
afterAll(() => t.close());

const block = (user: TestUser, userId: unknown) =>
  t.app.inject({ method: 'POST', url: '/blocks/', headers: user.auth, payload: { userId } });
const unblock = (user: TestUser, userId: number | string) =>
  t.app.inject({ method: 'DELETE', url: `/blocks/${userId}`, headers: user.auth });
const listBlocks = (user: TestUser, query = '') =>
  t.app.inject({ method: 'GET', url: `/blocks/${query}`, headers: user.auth });
const listUserIds = async (user: TestUser, ids: number[]): Promise<number[]> => {
  const res = await t.app.inject({ method: 'GET', url: `/users/?ids=${ids.join(',')}`, headers: user.auth });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { id: number }[] }>().items.map((u) => u.id);
};
const countBlocks = async (): Promise<number> =>
  Number(
    (
      await t.db
        .selectFrom('blocks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /blocks/', () => {
  it('blocks a user with 201 and returns the block with their public profile', async () => {
    const alice = await registerUser(t.app);
    const [bobId] = await insertUsers(t.db, 1, { display_name: 'Bob', bio: 'hi' });
    const res = await block(alice, bobId);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      userId: bobId,
      createdAt: t.clock.now().toISOString(),
      user: expect.objectContaining({ id: bobId, displayName: 'Bob', bio: 'hi' }),
    });
    expect(res.json().user).not.toHaveProperty('email');
  });

  it('returns the existing block with 200 when the user is already blocked, keeping its time', async () => {
    const alice = await registerUser(t.app);
    const [bobId] = await insertUsers(t.db, 1);
    const first = await block(alice, bobId);
    t.clock.advance(60_000);
    const again = await block(alice, bobId);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const listed = await listBlocks(alice);
    expect(listed.json().items).toHaveLength(1);
  });

  it('refuses blocking yourself with 422 CANNOT_BLOCK_SELF', async () => {
    const alice = await registerUser(t.app);
    const before = await countBlocks();
    const res = await block(alice, alice.id);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'CANNOT_BLOCK_SELF', status: 422 });
    expect(await countBlocks()).toBe(before);
  });

  it('refuses an unknown user with 404 NOT_FOUND', async () => {
    const alice = await registerUser(t.app);
    const before = await countBlocks();
    const res = await block(alice, 2_147_483_647);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await countBlocks()).toBe(before);
  });

  it.each([
    ['a missing userId', {}],
    ['a userId given as a string', { userId: '5' }],
    ['a userId that is not a valid id', { userId: 0 }],
    ['an unknown field', { userId: 5, reason: 'spam' }],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_case, payload) => {
    const alice = await registerUser(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/blocks/', headers: alice.auth, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors[0].field).toMatch(/^body/);
  });

  it('shows no profile of a blocked user who has blocked you too', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    expect((await block(bob, alice.id)).statusCode).toBe(201);
    const res = await block(alice, bob.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ userId: bob.id, user: null });
  });
});

describe('DELETE /blocks/:userId', () => {
  it('unblocks with 204, and the pair see each other again', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    await block(alice, bob.id);
    const res = await unblock(alice, bob.id);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await listUserIds(alice, [bob.id])).toEqual([bob.id]);
    expect(await listUserIds(bob, [alice.id])).toEqual([alice.id]);
    expect((await listBlocks(alice)).json().items).toEqual([]);
  });

  it('answers 404 when you have not blocked the user, even if they blocked you', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    await block(bob, alice.id);
    const res = await unblock(alice, bob.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    // Bob's block is untouched.
    expect(await listUserIds(alice, [bob.id])).toEqual([]);
  });

  it('refuses a user id that is not a positive integer with 400', async () => {
    const alice = await registerUser(t.app);
    for (const id of ['abc', '1.5', '0']) {
      const res = await unblock(alice, id);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.json().errors[0].field).toBe('params.userId');
    }
  });
});

describe('GET /blocks/', () => {
  it("lists only the caller's blocks, newest first", async () => {
    const alice = await registerUser(t.app);
    const carol = await registerUser(t.app);
    const [first, second, third] = await insertUsers(t.db, 3);
    for (const id of [first, second, third]) {
      await block(alice, id);
      t.clock.advance(1000);
    }
    await block(carol, first);
    const res = await listBlocks(alice);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { userId: number; createdAt: string }[]; nextCursor: string | null }>();
    expect(body.items.map((b) => b.userId)).toEqual([third, second, first]);
    expect(body.nextCursor).toBeNull();
    expect((await listBlocks(carol)).json().items.map((b: { userId: number }) => b.userId)).toEqual([first]);
  });

  it('pages through every block once, also when several share the same time', async () => {
    const alice = await registerUser(t.app);
    const ids = await insertUsers(t.db, 7);
    for (const [i, id] of ids.entries()) {
      await block(alice, id);
      if (i % 3 === 2) t.clock.advance(1000);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await listBlocks(alice, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { userId: number }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((b) => b.userId));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    // Same time: newest id first; the clock moved after every third block.
    const [a, b, c, d, e, f, g] = ids as [number, number, number, number, number, number, number];
    expect(seen).toEqual([g, f, e, d, c, b, a]);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of another list', encodeCursor({ id: 1 })],
    ['a time that is not one', encodeCursor({ createdAt: 'yesterday', userId: 1 })],
    ['a time out of range', encodeCursor({ createdAt: '+275760-09-13T00:00:00.000Z', userId: 1 })],
    ['a time before 1970', encodeCursor({ createdAt: '0000-01-01T00:00:00.000Z', userId: 1 })],
    ['a user id out of range', encodeCursor({ createdAt: '2026-06-01T12:00:00.000Z', userId: 2 ** 31 })],
  ])('refuses %s as cursor with 400 INVALID_CURSOR', async (_case, cursor) => {
    const alice = await registerUser(t.app);
    const res = await listBlocks(alice, `?cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_CURSOR');
  });

  it('refuses a limit above 100 with 400', async () => {
    const alice = await registerUser(t.app);
    const res = await listBlocks(alice, '?limit=101');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'querystring.limit' }] });
  });
});

describe('every blocks route', () => {
  it.each([
    ['POST', '/blocks/'],
    ['GET', '/blocks/'],
    ['DELETE', '/blocks/1'],
  ])('%s %s refuses a request without a token with 401', async (method, url) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      ...(method === 'POST' ? { payload: { userId: 1 } } : {}),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('what a blocked pair see of each other', () => {
  it('hides each from the other in GET /users/, both ways, while others still see both', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    const carol = await registerUser(t.app);
    await block(alice, bob.id);
    expect(await listUserIds(alice, [bob.id, carol.id])).toEqual([carol.id]);
    expect(await listUserIds(bob, [alice.id, carol.id])).toEqual([carol.id]);
    expect(await listUserIds(carol, [alice.id, bob.id])).toEqual([bob.id, alice.id]);
  });

  it('answers 404 to the blocked user for the blocker, while the blocker can still open their profile', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    await block(alice, bob.id);
    const asBlocked = await t.app.inject({ method: 'GET', url: `/users/${alice.id}`, headers: bob.auth });
    expect(asBlocked.statusCode).toBe(404);
    expect(asBlocked.json().code).toBe('NOT_FOUND');
    // The blocker keeps access to the profile, to recognise and unblock them.
    const asBlocker = await t.app.inject({ method: 'GET', url: `/users/${bob.id}`, headers: alice.auth });
    expect(asBlocker.statusCode).toBe(200);
    expect(asBlocker.json().id).toBe(bob.id);
  });
});
