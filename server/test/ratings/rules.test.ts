import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityClient, createActivity, createUsers, eventsOf, join, type Actor } from '../activities/helpers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { countRatings, DAY, HOUR, meeting, rate, ratingClient, type Rating } from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof ratingClient>;
beforeAll(async () => {
  // Tokens outlive the clock's jumps past blind periods.
  t = await startTestApp({ accessTokenTtlSeconds: 365 * 86_400 });
  api = ratingClient(t);
});
afterAll(() => t.close());

/** Expects a refusal with this status and code, and that no rating was stored. */
async function expectRefused(
  rater: Actor,
  payload: Record<string, unknown>,
  status: number,
  code: string,
): Promise<void> {
  const before = await countRatings(t.db);
  const res = await api.rate(rater, payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ code, status });
  expect(await countRatings(t.db)).toBe(before);
}

describe('POST /ratings/', () => {
  it('rates a fellow participant once the activity has started: 201, pending for the blind period', async () => {
    const { users, activity } = await meeting(t, 2);
    const [alice, bob] = users as [Actor, Actor];
    const res = await api.rate(alice, {
      raterId: alice.id,
      ratedId: bob.id,
      meetingId: activity.id,
      rating: 5,
      comment: 'Great company',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Rating>()).toEqual({
      id: expect.any(Number),
      raterId: alice.id,
      ratedId: bob.id,
      meetingId: activity.id,
      rating: 5,
      comment: 'Great company',
      createdAt: t.clock.now().toISOString(),
      pending: true,
      visibleAt: new Date(t.clock.now().getTime() + 14 * DAY).toISOString(),
    });
    // Nobody is told of a rating still in its blind period.
    for (const user of [alice, bob]) expect(await eventsOf(t.db, user.id, 'rating.received')).toEqual([]);
  });

  it('takes no comment, or a null one', async () => {
    const { users, activity } = await meeting(t, 3);
    const [alice, bob, carol] = users as [Actor, Actor, Actor];
    expect((await rate(t, alice, bob, activity.id, 3)).comment).toBeNull();
    expect((await rate(t, alice, carol, activity.id, 3, { comment: null })).comment).toBeNull();
  });

  it('also after the activity is over', async () => {
    const { users, activity } = await meeting(t, 2);
    t.clock.advance(30 * DAY);
    expect((await rate(t, users[1]!, users[0]!, activity.id)).pending).toBe(true);
  });

  it('refuses a stranger, and rating a stranger, with 403 NOT_MET', async () => {
    const { users, activity } = await meeting(t, 2);
    const [alice, bob] = users as [Actor, Actor];
    const [stranger] = (await createUsers(t, 1)) as [Actor];
    await expectRefused(stranger, { ratedId: alice.id, meetingId: activity.id, rating: 1 }, 403, 'NOT_MET');
    await expectRefused(bob, { ratedId: stranger.id, meetingId: activity.id, rating: 1 }, 403, 'NOT_MET');
  });

  it('does not count the waitlist or someone who left as having taken part', async () => {
    const [alice, bob, carol] = (await createUsers(t, 3)) as [Actor, Actor, Actor];
    const activity = await createActivity(t, alice, { maxParticipants: 2 });
    await join(t, bob, activity.id);
    expect((await join(t, carol, activity.id)).participant.status).toBe('WAITLISTED');
    t.clock.advance(HOUR);
    await expectRefused(carol, { ratedId: alice.id, meetingId: activity.id, rating: 2 }, 403, 'NOT_MET');
    await expectRefused(alice, { ratedId: carol.id, meetingId: activity.id, rating: 2 }, 403, 'NOT_MET');
    // Bob leaves while it runs; Carol takes his place.
    expect((await activityClient(t).leave(bob, activity.id)).statusCode).toBe(200);
    await expectRefused(bob, { ratedId: alice.id, meetingId: activity.id, rating: 2 }, 403, 'NOT_MET');
    expect((await rate(t, carol, alice, activity.id)).raterId).toBe(carol.id);
  });

  it('refuses an activity that has not started with 409 ACTIVITY_NOT_STARTED', async () => {
    const [alice, bob] = (await createUsers(t, 2)) as [Actor, Actor];
    const activity = await createActivity(t, alice);
    await join(t, bob, activity.id);
    await expectRefused(alice, { ratedId: bob.id, meetingId: activity.id, rating: 4 }, 409, 'ACTIVITY_NOT_STARTED');
    t.clock.advance(HOUR - 1);
    await expectRefused(alice, { ratedId: bob.id, meetingId: activity.id, rating: 4 }, 409, 'ACTIVITY_NOT_STARTED');
    t.clock.advance(1);
    expect((await rate(t, alice, bob, activity.id)).pending).toBe(true);
  });

  it('refuses a cancelled activity with 409 ACTIVITY_CLOSED', async () => {
    const { users, activity } = await meeting(t, 2);
    expect((await activityClient(t).cancel(users[0]!, activity.id)).statusCode).toBe(204);
    await expectRefused(
      users[1]!,
      { ratedId: users[0]!.id, meetingId: activity.id, rating: 1 },
      409,
      'ACTIVITY_CLOSED',
    );
  });

  it('refuses a second rating of the same person for the same activity with 409 ALREADY_RATED', async () => {
    const { users, activity } = await meeting(t, 2);
    const [alice, bob] = users as [Actor, Actor];
    await rate(t, alice, bob, activity.id, 2);
    await expectRefused(alice, { ratedId: bob.id, meetingId: activity.id, rating: 5 }, 409, 'ALREADY_RATED');
    // Another activity is another meeting.
    const again = await createActivity(t, alice, { maxParticipants: 2 });
    await join(t, bob, again.id);
    t.clock.advance(HOUR);
    expect((await rate(t, alice, bob, again.id, 5)).rating).toBe(5);
  });

  it('refuses yourself (422), an unknown user or activity (404), a blocked pair (403), acting as another (403)', async () => {
    const { users, activity } = await meeting(t, 3);
    const [alice, bob, carol] = users as [Actor, Actor, Actor];
    await expectRefused(alice, { ratedId: alice.id, meetingId: activity.id, rating: 5 }, 422, 'RULE_VIOLATED');
    await expectRefused(alice, { ratedId: 2_147_483_647, meetingId: activity.id, rating: 5 }, 404, 'NOT_FOUND');
    await expectRefused(alice, { ratedId: bob.id, meetingId: 2_147_483_647, rating: 5 }, 404, 'NOT_FOUND');
    const as = { raterId: carol.id, ratedId: bob.id, meetingId: activity.id, rating: 5 };
    await expectRefused(alice, as, 403, 'FORBIDDEN');
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/blocks/',
      headers: carol.auth,
      payload: { userId: alice.id },
    });
    expect(blocked.statusCode).toBe(201);
    await expectRefused(alice, { ratedId: carol.id, meetingId: activity.id, rating: 1 }, 403, 'FORBIDDEN');
    await expectRefused(carol, { ratedId: alice.id, meetingId: activity.id, rating: 1 }, 403, 'FORBIDDEN');
  });

  it.each([
    ['no rating', { rating: undefined }, 'body.rating'],
    ['0 stars', { rating: 0 }, 'body.rating'],
    ['6 stars', { rating: 6 }, 'body.rating'],
    ['3.5 stars', { rating: 3.5 }, 'body.rating'],
    ['stars as a string', { rating: '5' }, 'body.rating'],
    ['a comment over 1000 characters', { comment: 'x'.repeat(1001) }, 'body.comment'],
    ['a comment that is not text', { comment: 42 }, 'body.comment'],
    ['no meetingId', { meetingId: undefined }, 'body.meetingId'],
    ['a ratedId of 0', { ratedId: 0 }, 'body.ratedId'],
    ['an unknown field', { stars: 5 }, 'body.stars'],
  ])('refuses %s with 400 VALIDATION_FAILED and stores nothing', async (_case, change, field) => {
    const { users, activity } = await meeting(t, 2);
    const payload = { ratedId: users[1]!.id, meetingId: activity.id, rating: 4, comment: 'ok', ...change };
    const before = await countRatings(t.db);
    const res = await api.rate(users[0]!, JSON.parse(JSON.stringify(payload)) as Record<string, unknown>);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countRatings(t.db)).toBe(before);
  });

  it('takes a comment of exactly 1000 characters', async () => {
    const { users, activity } = await meeting(t, 2);
    const comment = 'é'.repeat(1000);
    expect((await rate(t, users[0]!, users[1]!, activity.id, 4, { comment })).comment).toBe(comment);
  });

  it('refuses a comment with a NUL character with 400 and stores nothing', async () => {
    const { users, activity } = await meeting(t, 2);
    const before = await countRatings(t.db);
    const res = await api.rate(users[0]!, {
      ratedId: users[1]!.id,
      meetingId: activity.id,
      rating: 4,
      comment: 'a\u0000b',
    });
    expect(res.statusCode).toBe(400);
    expect(await countRatings(t.db)).toBe(before);
  });
});

describe('GET /ratings/user/:userId', () => {
  it('answers 404 for an unknown user and for one who blocked you; 400 for a bad id or query', async () => {
    const [alice, bob] = (await createUsers(t, 2)) as [Actor, Actor];
    expect((await api.list(alice, 2_147_483_647)).statusCode).toBe(404);
    await t.app.inject({ method: 'POST', url: '/blocks/', headers: bob.auth, payload: { userId: alice.id } });
    expect((await api.list(alice, bob.id)).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    for (const [id, query] of [
      ['abc', ''],
      ['0', ''],
      [String(bob.id), '?limit=0'],
      [String(bob.id), '?limit=101'],
      [String(bob.id), '?cursor=bm9wZQ'],
      [String(bob.id), '?stars=5'],
    ] as const) {
      const res = await api.list(bob, id, query);
      expect(res.statusCode, `${id}${query}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('every ratings route', () => {
  it.each([
    ['POST', '/ratings/'],
    ['GET', '/ratings/user/1'],
  ])('%s %s refuses a request without a token with 401 UNAUTHENTICATED', async (method, url) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      ...(method === 'POST' ? { payload: { ratedId: 1, meetingId: 1, rating: 5 } } : {}),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
