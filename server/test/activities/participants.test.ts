import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  activityClient,
  createActivity,
  createUser,
  createUsers,
  eventsOf,
  join,
  seatsOf,
  type Activity,
  type Actor,
  type Participant,
  type Participation,
} from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof activityClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = activityClient(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;

const participants = async (viewer: Actor, activityId: number, query = '') => {
  const res = await api.participants(viewer, activityId, query);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Participant[]; nextCursor: string | null }>();
};

describe('POST /activities/:id/join', () => {
  it('takes a free place with 201 and tells every participant', async () => {
    const [alice, bob] = await createUsers(t, 2);
    const activity = await createActivity(t, alice!);
    const res = await api.join(bob!, activity.id);
    expect(res.statusCode).toBe(201);
    const joined = res.json<Participation>();
    expect(joined).toEqual({
      activity: { ...activity, currentParticipants: 2 },
      participant: {
        activityId: activity.id,
        userId: bob!.id,
        status: 'JOINED',
        joinedAt: t.clock.now().toISOString(),
        waitlistPosition: null,
      },
    });
    for (const user of [alice!, bob!]) {
      const events = await eventsOf(t.db, user.id, 'participant.joined');
      expect(events.at(-1)!.data).toEqual(joined);
    }
  });

  it('returns your place with 200 when you join again, changing nothing', async () => {
    const [alice, bob] = await createUsers(t, 2);
    const activity = await createActivity(t, alice!);
    const first = await join(t, bob!, activity.id);
    const again = await api.join(bob!, activity.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect(await eventsOf(t.db, bob!.id, 'participant.joined')).toHaveLength(1);
    expect((await api.join(alice!, activity.id)).statusCode).toBe(200);
  });

  it('puts joiners of a full activity on the waitlist, in order', async () => {
    const [alice, bob, carol, dave] = await createUsers(t, 4);
    const activity = await createActivity(t, alice!, { maxParticipants: 2 });
    await join(t, bob!, activity.id);
    const carolWaits = await join(t, carol!, activity.id);
    const daveWaits = await join(t, dave!, activity.id);
    expect(carolWaits.participant).toMatchObject({ status: 'WAITLISTED', joinedAt: null, waitlistPosition: 1 });
    expect(daveWaits.participant).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });
    expect(daveWaits.activity.currentParticipants).toBe(2);
    const again = await api.join(dave!, activity.id);
    expect(again.statusCode).toBe(200);
    expect(again.json<Participation>().participant.waitlistPosition).toBe(2);
    expect(await eventsOf(t.db, alice!.id, 'participant.joined')).toHaveLength(2);
    const waitlist = await participants(bob!, activity.id, '?status=WAITLISTED');
    expect(waitlist.items.map((p) => [p.userId, p.waitlistPosition])).toEqual([
      [carol!.id, 1],
      [dave!.id, 2],
    ]);
  });

  it('refuses an activity that is over with 409 ACTIVITY_CLOSED', async () => {
    const [alice, bob] = await createUsers(t, 2);
    const now = t.clock.now().getTime();
    const activity = await createActivity(t, alice!, {
      startTime: new Date(now - 2 * HOUR).toISOString(),
      endTime: new Date(now + 1000).toISOString(),
    });
    t.clock.advance(1000);
    const res = await api.join(bob!, activity.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTIVITY_CLOSED');
    expect(await seatsOf(t.db, activity.id)).toMatchObject({ current: 1, joined: [alice!.id] });
  });

  it('answers 404 for an activity of a blocked pair', async () => {
    const [alice, bob] = await createUsers(t, 2);
    const activity = await createActivity(t, alice!);
    await t.app.inject({ method: 'POST', url: '/blocks/', headers: alice!.auth, payload: { userId: bob!.id } });
    const res = await api.join(bob!, activity.id);
    expect(res.statusCode).toBe(404);
    expect(await seatsOf(t.db, activity.id)).toMatchObject({ joined: [alice!.id] });
  });
});

describe('POST /activities/:id/leave', () => {
  it('frees the place for the head of the waitlist in the same transaction and tells them', async () => {
    const [alice, bob, carol, dave] = await createUsers(t, 4);
    const activity = await createActivity(t, alice!, { maxParticipants: 2 });
    await join(t, bob!, activity.id);
    await join(t, carol!, activity.id);
    await join(t, dave!, activity.id);

    const res = await api.leave(bob!, activity.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<Activity>().currentParticipants).toBe(2);
    expect(await seatsOf(t.db, activity.id)).toEqual({
      current: 2,
      max: 2,
      joined: [alice!.id, carol!.id],
      waitlisted: [dave!.id],
    });

    const promoted = await eventsOf(t.db, carol!.id, 'waitlist.promoted');
    expect(promoted.map((e) => e.data)).toEqual([
      {
        activity: { ...activity, maxParticipants: 2, currentParticipants: 2 },
        participant: {
          activityId: activity.id,
          userId: carol!.id,
          status: 'JOINED',
          joinedAt: t.clock.now().toISOString(),
          waitlistPosition: null,
        },
      },
    ]);
    const left = await eventsOf(t.db, alice!.id, 'participant.left');
    expect(left.map((e) => e.data)).toEqual([
      {
        activity: { ...activity, maxParticipants: 2, currentParticipants: 1 },
        participant: expect.objectContaining({ userId: bob!.id, status: 'JOINED' }),
      },
    ]);
    expect(await eventsOf(t.db, bob!.id, 'participant.left')).toHaveLength(1);
    // The order a participant hears: the departure, then the newcomer.
    const aliceTypes = (await eventsOf(t.db, alice!.id)).map((e) => e.type).slice(-2);
    expect(aliceTypes).toEqual(['participant.left', 'participant.joined']);
    expect((await participants(alice!, activity.id, '?status=WAITLISTED')).items).toEqual([
      expect.objectContaining({ userId: dave!.id, waitlistPosition: 1 }),
    ]);
  });

  it('takes a user off the waitlist without touching the places', async () => {
    const [alice, bob, carol, dave] = await createUsers(t, 4);
    const activity = await createActivity(t, alice!, { maxParticipants: 1 });
    for (const user of [bob!, carol!, dave!]) await join(t, user, activity.id);
    expect((await api.leave(bob!, activity.id)).statusCode).toBe(200);
    expect(await seatsOf(t.db, activity.id)).toMatchObject({ current: 1, waitlisted: [carol!.id, dave!.id] });
    expect(await eventsOf(t.db, alice!.id, 'participant.left')).toEqual([]);
    expect(
      (await participants(alice!, activity.id, '?status=WAITLISTED')).items.map((p) => p.waitlistPosition),
    ).toEqual([1, 2]);
  });

  it('refuses someone who does not take part with 409 NOT_PARTICIPANT', async () => {
    const [alice, bob] = await createUsers(t, 2);
    const activity = await createActivity(t, alice!);
    const res = await api.leave(bob!, activity.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NOT_PARTICIPANT');
  });

  it('refuses the creator with 422: they cancel instead', async () => {
    const alice = await createUser(t);
    const activity = await createActivity(t, alice);
    const res = await api.leave(alice, activity.id);
    expect(res.statusCode).toBe(422);
    expect(await seatsOf(t.db, activity.id)).toMatchObject({ current: 1, joined: [alice.id] });
  });

  it('lets someone who left join again, at the end of the line', async () => {
    const [alice, bob, carol] = await createUsers(t, 3);
    const activity = await createActivity(t, alice!, { maxParticipants: 2 });
    await join(t, bob!, activity.id);
    await api.leave(bob!, activity.id);
    await join(t, carol!, activity.id);
    const back = await join(t, bob!, activity.id);
    expect(back.participant).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
  });
});

describe('GET /activities/:id/participants', () => {
  it('lists participants in the order they got their place, page by page', async () => {
    const [alice, ...others] = await createUsers(t, 5);
    const activity = await createActivity(t, alice!, { maxParticipants: 10 });
    for (const user of others) await join(t, user, activity.id);
    const first = await participants(others[0]!, activity.id, '?limit=3');
    expect(first.items.map((p) => p.userId)).toEqual([alice!.id, others[0]!.id, others[1]!.id]);
    const second = await participants(others[0]!, activity.id, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((p) => p.userId)).toEqual([others[2]!.id, others[3]!.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad cursor or status with 400 and an unknown activity with 404', async () => {
    const alice = await createUser(t);
    const activity = await createActivity(t, alice);
    expect((await api.participants(alice, activity.id, '?cursor=nope')).json().code).toBe('INVALID_CURSOR');
    expect((await api.participants(alice, activity.id, '?status=LEFT')).statusCode).toBe(400);
    expect((await api.participants(alice, 2_147_483_647)).statusCode).toBe(404);
  });
});
