import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  activityBody,
  activityClient,
  createActivity,
  createUser,
  eventsOf,
  join,
  seatsOf,
  type Activity,
  type Actor,
} from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof activityClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = activityClient(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const countActivities = async (): Promise<number> =>
  Number(
    (
      await t.db
        .selectFrom('activities')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const block = async (blocker: Actor, userId: number) => {
  const res = await t.app.inject({ method: 'POST', url: '/blocks/', headers: blocker.auth, payload: { userId } });
  expect(res.statusCode).toBe(201);
};

describe('POST /activities/', () => {
  it('creates an activity with the creator in its first place', async () => {
    const alice = await createUser(t);
    const body = activityBody(t, {
      creatorId: alice.id,
      tags: [' Coffee ', 'coffee', 'Walk'],
      latitude: 48.8566,
      longitude: 2.3522,
    });
    const res = await api.create(alice, body);
    expect(res.statusCode).toBe(201);
    const activity = res.json<Activity>();
    expect(activity).toEqual({
      id: expect.any(Number),
      creatorId: alice.id,
      title: 'Coffee by the river',
      description: 'Bring a friend',
      location: 'Riverside café',
      latitude: 48.8566,
      longitude: 2.3522,
      startTime: body.startTime,
      endTime: body.endTime,
      maxParticipants: 5,
      currentParticipants: 1,
      tags: ['coffee', 'walk'],
      createdAt: t.clock.now().toISOString(),
      updatedAt: t.clock.now().toISOString(),
      isActive: true,
    });
    expect(await seatsOf(t.db, activity.id)).toMatchObject({ current: 1, joined: [alice.id], waitlisted: [] });
    const joined = await eventsOf(t.db, alice.id, 'participant.joined');
    expect(joined.map((e) => e.data)).toEqual([
      {
        activity,
        participant: {
          activityId: activity.id,
          userId: alice.id,
          status: 'JOINED',
          joinedAt: activity.createdAt,
          waitlistPosition: null,
        },
      },
    ]);
  });

  it('takes description, location, coordinates and tags as optional', async () => {
    const alice = await createUser(t);
    const { description: _d, location: _l, tags: _t, ...body } = activityBody(t);
    const res = await api.create(alice, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ description: '', location: '', latitude: null, longitude: null, tags: [] });
  });

  it('refuses creatorId of someone else with 403 FORBIDDEN and creates nothing', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const before = await countActivities();
    const res = await api.create(alice, activityBody(t, { creatorId: bob.id }));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(await countActivities()).toBe(before);
  });

  it.each([
    ['an end before the start', { endTime: new Date(Date.parse('2026-06-01T12:30:00Z')).toISOString() }],
    ['an end in the past', { startTime: '2026-05-31T09:00:00.000Z', endTime: '2026-05-31T10:00:00.000Z' }],
  ])('refuses %s with 422 RULE_VIOLATED', async (_case, times) => {
    const alice = await createUser(t);
    const before = await countActivities();
    const res = await api.create(alice, activityBody(t, { startTime: '2026-06-01T14:00:00.000Z', ...times }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'RULE_VIOLATED', errors: [{ field: 'body.endTime' }] });
    expect(await countActivities()).toBe(before);
  });

  it('accepts an activity that already started but is not over', async () => {
    const alice = await createUser(t);
    const now = t.clock.now().getTime();
    const res = await api.create(
      alice,
      activityBody(t, {
        startTime: new Date(now - HOUR).toISOString(),
        endTime: new Date(now + HOUR).toISOString(),
      }),
    );
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['no title', { title: undefined }],
    ['a blank title', { title: '   ' }],
    ['no places', { maxParticipants: 0 }],
    ['too many places', { maxParticipants: 100_000 }],
    ['places as a string', { maxParticipants: '5' }],
    ['a time without a zone', { startTime: '2026-06-01T13:00:00' }],
    ['a leap second', { endTime: '2026-06-30T23:59:60Z' }],
    ['a NUL character', { description: 'a\u0000b' }],
    ['a latitude without a longitude', { latitude: 10 }],
    ['a latitude out of range', { latitude: 91, longitude: 0 }],
    ['too many tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
    ['an unknown field', { colour: 'red' }],
  ])('refuses %s with 400 VALIDATION_FAILED and creates nothing', async (_case, overrides) => {
    const alice = await createUser(t);
    const before = await countActivities();
    const res = await api.create(alice, activityBody(t, overrides));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await countActivities()).toBe(before);
  });

  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/activities/', payload: activityBody(t) });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /activities/:id', () => {
  it('shows an activity to anyone, with or without the trailing slash', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const activity = await createActivity(t, alice);
    const res = await api.get(bob, activity.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(activity);
    expect((await api.get(bob, `${activity.id}/`)).json()).toEqual(activity);
  });

  it('answers 404 to a blocked pair, either way, as for a missing activity', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const carol = await createUser(t);
    const activity = await createActivity(t, alice);
    await block(alice, bob.id);
    await block(carol, alice.id);
    for (const user of [bob, carol]) {
      const res = await api.get(user, activity.id);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe((await api.get(user, 2_147_483_647)).json().detail);
    }
  });

  it('refuses an id that is not one with 400', async () => {
    const alice = await createUser(t);
    for (const id of ['abc', '0', '2147483648']) expect((await api.get(alice, id)).statusCode).toBe(400);
  });
});

describe('PUT /activities/:id', () => {
  it('changes the fields given and tells participants and the waitlist', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const carol = await createUser(t);
    const activity = await createActivity(t, alice, { maxParticipants: 2 });
    await join(t, bob, activity.id);
    await join(t, carol, activity.id);
    t.clock.advance(1000);
    const res = await api.update(alice, activity.id, {
      title: 'Tea instead',
      tags: ['Tea'],
      latitude: 1,
      longitude: 2,
    });
    expect(res.statusCode).toBe(200);
    const updated = res.json<Activity>();
    expect(updated).toEqual({
      ...activity,
      title: 'Tea instead',
      tags: ['tea'],
      latitude: 1,
      longitude: 2,
      currentParticipants: 2,
      updatedAt: t.clock.now().toISOString(),
    });
    for (const user of [alice, bob, carol]) {
      expect((await eventsOf(t.db, user.id, 'activity.updated')).map((e) => e.data)).toEqual([updated]);
    }
    const cleared = await api.update(alice, activity.id, { latitude: null, longitude: null });
    expect(cleared.json()).toMatchObject({ latitude: null, longitude: null });
  });

  it('refuses anyone but the creator with 403 and changes nothing', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const activity = await createActivity(t, alice);
    await join(t, bob, activity.id);
    const res = await api.update(bob, activity.id, { title: 'Mine now' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await api.get(alice, activity.id)).json()).toEqual({ ...activity, currentParticipants: 2 });
    expect(await eventsOf(t.db, bob.id, 'activity.updated')).toEqual([]);
  });

  it('refuses a capacity below the places taken with 409 CAPACITY_BELOW_PARTICIPANTS', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const carol = await createUser(t);
    const activity = await createActivity(t, alice, { maxParticipants: 5 });
    await join(t, bob, activity.id);
    await join(t, carol, activity.id);
    const res = await api.update(alice, activity.id, { maxParticipants: 2, title: 'Smaller' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CAPACITY_BELOW_PARTICIPANTS');
    expect((await api.get(alice, activity.id)).json()).toMatchObject({ maxParticipants: 5, title: activity.title });
    const exact = await api.update(alice, activity.id, { maxParticipants: 3 });
    expect(exact.statusCode).toBe(200);
    expect(exact.json()).toMatchObject({ maxParticipants: 3, currentParticipants: 3 });
  });

  it('gives new places to the head of the waitlist when the capacity rises', async () => {
    const alice = await createUser(t);
    const [bob, carol, dave] = [await createUser(t), await createUser(t), await createUser(t)];
    const activity = await createActivity(t, alice, { maxParticipants: 1 });
    for (const user of [bob, carol, dave]) await join(t, user, activity.id);
    const res = await api.update(alice, activity.id, { maxParticipants: 3 });
    expect(res.json()).toMatchObject({ maxParticipants: 3, currentParticipants: 3 });
    expect(await seatsOf(t.db, activity.id)).toMatchObject({
      current: 3,
      joined: [alice.id, bob.id, carol.id],
      waitlisted: [dave.id],
    });
    expect(await eventsOf(t.db, bob.id, 'waitlist.promoted')).toHaveLength(1);
    expect(await eventsOf(t.db, carol.id, 'waitlist.promoted')).toHaveLength(1);
    expect(await eventsOf(t.db, dave.id, 'waitlist.promoted')).toEqual([]);
  });

  it('refuses an end before the start, counting the fields kept, with 422', async () => {
    const alice = await createUser(t);
    const activity = await createActivity(t, alice);
    const res = await api.update(alice, activity.id, {
      startTime: new Date(Date.parse(activity.endTime) + HOUR).toISOString(),
    });
    expect(res.statusCode).toBe(422);
    expect((await api.get(alice, activity.id)).json()).toEqual(activity);
  });

  it.each([
    ['an empty body', {}],
    ['a latitude alone', { latitude: 3 }],
    ['a latitude cleared alone', { latitude: null }],
    ['a leap second', { startTime: '2026-06-30T23:59:60Z' }],
    ['an unknown field', { currentParticipants: 1 }],
  ])('refuses %s with 400', async (_case, payload) => {
    const alice = await createUser(t);
    const activity = await createActivity(t, alice, { latitude: 1, longitude: 1 });
    const res = await api.update(alice, activity.id, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((await api.get(alice, activity.id)).json()).toEqual(activity);
  });

  it('refuses to change a cancelled activity with 409 ACTIVITY_CLOSED', async () => {
    const alice = await createUser(t);
    const activity = await createActivity(t, alice);
    expect((await api.cancel(alice, activity.id)).statusCode).toBe(204);
    const res = await api.update(alice, activity.id, { title: 'Back on' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTIVITY_CLOSED');
  });
});

describe('DELETE /activities/:id', () => {
  it('cancels softly and tells participants and the waitlist, once', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const carol = await createUser(t);
    const activity = await createActivity(t, alice, { maxParticipants: 2 });
    await join(t, bob, activity.id);
    await join(t, carol, activity.id);
    const res = await api.cancel(alice, activity.id);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const cancelled = (await api.get(bob, activity.id)).json<Activity>();
    expect(cancelled).toMatchObject({ id: activity.id, isActive: false, currentParticipants: 2 });
    for (const user of [alice, bob, carol]) {
      expect((await eventsOf(t.db, user.id, 'activity.cancelled')).map((e) => e.data)).toEqual([cancelled]);
    }
    expect((await api.cancel(alice, activity.id)).statusCode).toBe(204);
    expect(await eventsOf(t.db, bob.id, 'activity.cancelled')).toHaveLength(1);
    const late = await api.join(await createUser(t), activity.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ACTIVITY_CLOSED');
  });

  it('refuses anyone but the creator with 403', async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const activity = await createActivity(t, alice);
    const res = await api.cancel(bob, activity.id);
    expect(res.statusCode).toBe(403);
    expect((await api.get(bob, activity.id)).json().isActive).toBe(true);
  });

  it('answers 404 for an activity that does not exist', async () => {
    const alice = await createUser(t);
    expect((await api.cancel(alice, 2_147_483_647)).statusCode).toBe(404);
  });
});

describe('the capacity check constraint', () => {
  it('refuses any write that would put more participants than places, whatever the path', async () => {
    const alice = await createUser(t);
    const activity = await createActivity(t, alice, { maxParticipants: 1 });
    await expect(
      t.db.updateTable('activities').set({ current_participants: 2 }).where('id', '=', activity.id).execute(),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      t.db.updateTable('activities').set({ max_participants: 0 }).where('id', '=', activity.id).execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
