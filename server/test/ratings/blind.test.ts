import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, createUsers, eventsOf, join, type Actor } from '../activities/helpers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { summarize } from '../../src/modules/ratings/summary.js';
import { RatingSweeper } from '../../src/modules/ratings/sweeper.js';
import { InProcessBus } from '../../src/realtime/bus.js';
import { DAY, HOUR, meeting, rate, ratingClient, ratingsOf, type Rating } from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof ratingClient>;
beforeAll(async () => {
  // Tokens outlive the clock's jumps past blind periods.
  t = await startTestApp({ accessTokenTtlSeconds: 365 * 86_400 });
  api = ratingClient(t);
});
afterAll(() => t.close());

// A sweeper like each instance's; its announcements go to a bus of its own (no socket listens here).
const sweep = () => new RatingSweeper({ ...t, bus: new InProcessBus() }, t.app.log).sweep();
const profile = async (viewer: Actor, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/users/${id}`, headers: viewer.auth })).json();
const listedProfile = async (viewer: Actor, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/users/?ids=${id}`, headers: viewer.auth })).json().items[0];
const me = async (viewer: Actor) =>
  (await t.app.inject({ method: 'GET', url: '/users/me', headers: viewer.auth })).json();

const nothing = { average: null, count: 0 };
const noStars = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };

/** Everything any route shows of `rated`'s ratings to someone who did not write one: nothing of a hidden one. */
async function expectNoVisibleRatings(rated: Actor, viewers: Actor[]): Promise<void> {
  for (const viewer of viewers) {
    expect(await ratingsOf(t, viewer, rated.id)).toEqual({
      userId: rated.id,
      ...nothing,
      distribution: noStars,
      items: [],
      nextCursor: null,
    });
    expect((await profile(viewer, rated.id)).ratingSummary).toEqual(nothing);
    expect((await listedProfile(viewer, rated.id)).ratingSummary).toEqual(nothing);
  }
  expect((await me(rated)).ratingSummary).toEqual(nothing);
}

describe('a rating in its blind period', () => {
  it('leaks through no route: lists, profile summaries, events', async () => {
    const { users, activity } = await meeting(t, 3);
    const [alice, bob, carol] = users as [Actor, Actor, Actor];
    const given = await rate(t, alice, bob, activity.id, 1, { comment: 'Rude' });
    t.clock.advance(14 * DAY - 1);
    expect(await sweep()).toBe(0);

    await expectNoVisibleRatings(bob, [bob, carol]);
    // Nobody received an event about it; the raw event rows do not mention it either.
    for (const user of [alice, bob, carol]) {
      const texts = (await eventsOf(t.db, user.id)).map((e) => JSON.stringify(e.data));
      expect(texts.filter((text) => text.includes('Rude'))).toEqual([]);
      expect(await eventsOf(t.db, user.id, 'rating.received')).toEqual([]);
    }
    // Its rater sees it, marked pending, and it counts for no one.
    const own = await ratingsOf(t, alice, bob.id);
    expect(own).toMatchObject({ ...nothing, distribution: noStars });
    expect(own.items).toEqual([{ ...given, pending: true }]);
    expect((await profile(alice, bob.id)).ratingSummary).toEqual(nothing);
  });

  it('is shown to its rater among the visible ratings of others, newest first', async () => {
    const { users, activity } = await meeting(t, 3);
    const [alice, bob, carol] = users as [Actor, Actor, Actor];
    const fromCarol = await rate(t, carol, alice, activity.id, 4);
    await rate(t, alice, carol, activity.id, 5); // Carol's rating of Alice is revealed.
    const fromBob = await rate(t, bob, alice, activity.id, 2);
    const seenByBob = await ratingsOf(t, bob, alice.id);
    expect(seenByBob.items.map((r) => [r.id, r.pending])).toEqual([
      [fromBob.id, true],
      [fromCarol.id, false],
    ]);
    expect(seenByBob).toMatchObject({ average: 4, count: 1, distribution: { ...noStars, '4': 1 } });
    expect((await ratingsOf(t, alice, alice.id)).items.map((r) => r.id)).toEqual([fromCarol.id]);
  });
});

describe('revealing', () => {
  it('shows both ratings at once when the rated user rates back, and tells each of them', async () => {
    const { users, activity } = await meeting(t, 3);
    const [alice, bob, carol] = users as [Actor, Actor, Actor];
    const first = await rate(t, alice, bob, activity.id, 2, { comment: 'Late' });
    t.clock.advance(3 * DAY);
    const back = await rate(t, bob, alice, activity.id, 5, { comment: 'Lovely' });
    const now = t.clock.now().toISOString();
    expect(back).toMatchObject({ pending: false, visibleAt: now });

    const revealed: Rating = { ...first, pending: false, visibleAt: now };
    for (const viewer of [alice, bob, carol]) {
      expect(await ratingsOf(t, viewer, bob.id)).toEqual({
        userId: bob.id,
        average: 2,
        count: 1,
        distribution: { ...noStars, '2': 1 },
        items: [revealed],
        nextCursor: null,
      });
      expect((await ratingsOf(t, viewer, alice.id)).items).toEqual([back]);
      expect((await profile(viewer, bob.id)).ratingSummary).toEqual({ average: 2, count: 1 });
    }
    expect((await eventsOf(t.db, bob.id, 'rating.received')).map((e) => e.data)).toEqual([revealed]);
    expect((await eventsOf(t.db, alice.id, 'rating.received')).map((e) => e.data)).toEqual([back]);
    expect(await eventsOf(t.db, carol.id, 'rating.received')).toEqual([]);
    // Already announced: the sweeper says nothing more of them at the 14-day mark.
    t.clock.advance(14 * DAY);
    await sweep();
    expect(await eventsOf(t.db, bob.id, 'rating.received')).toHaveLength(1);
    expect(await eventsOf(t.db, alice.id, 'rating.received')).toHaveLength(1);
  });

  it('does not reveal on a rating back for another activity', async () => {
    const { users, activity } = await meeting(t, 2);
    const [alice, bob] = users as [Actor, Actor];
    const other = await createActivity(t, bob, { maxParticipants: 2 });
    await join(t, alice, other.id);
    t.clock.advance(HOUR);
    await rate(t, alice, bob, activity.id, 3);
    expect((await rate(t, bob, alice, other.id, 3)).pending).toBe(true);
    await expectNoVisibleRatings(bob, [bob]);
    await expectNoVisibleRatings(alice, [alice]);
  });

  it('shows a rating once the blind period has passed, before the sweeper runs, which then announces it once', async () => {
    const { users, activity } = await meeting(t, 3);
    const [alice, bob, carol] = users as [Actor, Actor, Actor];
    const given = await rate(t, alice, bob, activity.id, 4, { comment: 'Kind' });
    t.clock.advance(14 * DAY);
    const visible = { ...given, pending: false };
    for (const viewer of [alice, bob, carol]) {
      expect(await ratingsOf(t, viewer, bob.id)).toMatchObject({ average: 4, count: 1, items: [visible] });
      expect((await profile(viewer, bob.id)).ratingSummary).toEqual({ average: 4, count: 1 });
    }
    expect(await eventsOf(t.db, bob.id, 'rating.received')).toEqual([]);
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    expect((await eventsOf(t.db, bob.id, 'rating.received')).map((e) => e.data)).toEqual([visible]);
    expect(await sweep()).toBe(0);
    expect(await eventsOf(t.db, bob.id, 'rating.received')).toHaveLength(1);
    expect(await eventsOf(t.db, alice.id, 'rating.received')).toEqual([]);
  });

  it('refuses a rating back once the other rating became visible by time (409 RATING_CLOSED)', async () => {
    const { users, activity } = await meeting(t, 2);
    const [alice, bob] = users as [Actor, Actor];
    await rate(t, alice, bob, activity.id, 1);
    t.clock.advance(14 * DAY);
    const res = await api.rate(bob, { ratedId: alice.id, meetingId: activity.id, rating: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('RATING_CLOSED');
    expect((await ratingsOf(t, bob, alice.id)).items).toEqual([]);
  });

  it('reveals both when two people rate each other at the same moment', async () => {
    const { users, activity } = await meeting(t, 2);
    const [alice, bob] = users as [Actor, Actor];
    const [a, b] = await Promise.all([
      api.rate(alice, { ratedId: bob.id, meetingId: activity.id, rating: 5 }),
      api.rate(bob, { ratedId: alice.id, meetingId: activity.id, rating: 4 }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.json<Rating>().pending, b.json<Rating>().pending].sort()).toEqual([false, true]);
    expect((await ratingsOf(t, bob, bob.id)).count).toBe(1);
    expect((await ratingsOf(t, alice, alice.id)).count).toBe(1);
    expect(await eventsOf(t.db, alice.id, 'rating.received')).toHaveLength(1);
    expect(await eventsOf(t.db, bob.id, 'rating.received')).toHaveLength(1);
  });
});

describe('the summary', () => {
  it('gives the average to two decimals, the count and the distribution of visible ratings, page by page', async () => {
    const { users, activity } = await meeting(t, 5);
    const [star, ...raters] = users as [Actor, ...Actor[]];
    const given: Rating[] = [];
    for (const [i, rater] of raters.entries()) given.push(await rate(t, rater, star, activity.id, [5, 4, 4, 1][i]));
    t.clock.advance(14 * DAY);
    const [viewer] = (await createUsers(t, 1)) as [Actor];
    const first = (await api.list(viewer, star.id, '?limit=3')).json();
    expect(first).toMatchObject({
      userId: star.id,
      average: 3.5,
      count: 4,
      distribution: { '1': 1, '2': 0, '3': 0, '4': 2, '5': 1 },
    });
    expect(first.items.map((r: Rating) => r.id)).toEqual(
      given
        .slice(1)
        .reverse()
        .map((r) => r.id),
    );
    const second = (await api.list(viewer, star.id, `?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((r: Rating) => r.id)).toEqual([given[0]!.id]);
    expect(second.nextCursor).toBeNull();
    expect((await profile(viewer, star.id)).ratingSummary).toEqual({ average: 3.5, count: 4 });
  });

  it('rounds to two decimals the same way on every route: 14/3 is 4.67', async () => {
    const { users, activity } = await meeting(t, 4);
    const [star, ...raters] = users as [Actor, ...Actor[]];
    for (const [i, rater] of raters.entries()) await rate(t, rater, star, activity.id, [5, 4, 5][i]);
    t.clock.advance(14 * DAY);
    expect((await ratingsOf(t, star, star.id)).average).toBe(4.67);
    expect((await profile(raters[0]!, star.id)).ratingSummary).toEqual({ average: 4.67, count: 3 });
  });

  it('rounds halves up from the exact sum, where floating point would not', () => {
    expect(summarize(40, 161)).toEqual({ average: 4.03, count: 40 });
    expect(summarize(8, 35)).toEqual({ average: 4.38, count: 8 });
    expect(summarize(0, 0)).toEqual({ average: null, count: 0 });
  });
});
