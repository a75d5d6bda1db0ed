import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  activityClient,
  createActivity,
  createUsers,
  eventsOf,
  join,
  type Activity,
  type Actor,
} from '../activities/helpers.js';
import { countRows, invitationClient, invite, type Invitation } from './helpers.js';

const HOUR = 3_600_000;

let t: TestApp;
let api: ReturnType<typeof invitationClient>;
beforeAll(async () => {
  // Tokens outlive the clock's jumps past expiries.
  t = await startTestApp({ accessTokenTtlSeconds: 365 * 86_400 });
  api = invitationClient(t);
});
afterAll(() => t.close());

const later = (hours: number): string => new Date(t.clock.now().getTime() + hours * HOUR).toISOString();

/** An activity of alice's starting in two days, bob and carol around. */
async function scene(overrides: Record<string, unknown> = {}) {
  const [alice, bob, carol] = (await createUsers(t, 3)) as [Actor, Actor, Actor];
  const activity = await createActivity(t, alice, { startTime: later(48), endTime: later(50), ...overrides });
  return { alice, bob, carol, activity };
}

describe('POST /invitations/', () => {
  it('sends an invitation with 201, expiring in 24 h, and tells sender and receiver', async () => {
    const { alice, bob, activity } = await scene();
    const res = await api.create(alice, {
      senderId: alice.id,
      receiverId: bob.id,
      activityId: activity.id,
      message: 'Join us?',
      iceBreakerQuestion: 'Tea or coffee?',
    });
    expect(res.statusCode).toBe(201);
    const invitation = res.json<Invitation>();
    expect(invitation).toEqual({
      id: expect.any(Number),
      senderId: alice.id,
      receiverId: bob.id,
      activityId: activity.id,
      status: 'PENDING',
      createdAt: t.clock.now().toISOString(),
      respondedAt: null,
      expiresAt: later(24),
      message: 'Join us?',
      iceBreakerQuestion: 'Tea or coffee?',
      chatRoomId: null,
    });
    for (const user of [alice, bob]) {
      expect((await eventsOf(t.db, user.id, 'invitation.created')).map((e) => e.data)).toEqual([invitation]);
    }
  });

  it("expires at the activity's start when that comes first, and at its end once it has started", async () => {
    const { alice, bob, carol, activity } = await scene({ startTime: later(2), endTime: later(5) });
    expect((await invite(t, alice, bob, activity.id)).expiresAt).toBe(activity.startTime);
    const running = await createActivity(t, alice, { startTime: later(-1), endTime: later(3) });
    expect((await invite(t, alice, carol, running.id)).expiresAt).toBe(running.endTime);
  });

  it('takes an earlier expiresAt, but none later than the default or in the past (422)', async () => {
    const { alice, bob, carol, activity } = await scene();
    expect((await invite(t, alice, bob, activity.id, { expiresAt: later(1) })).expiresAt).toBe(later(1));
    for (const expiresAt of [later(25), later(-1)]) {
      const res = await api.create(alice, { receiverId: carol.id, activityId: activity.id, expiresAt });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([{ field: 'body.expiresAt', message: 'is out of range' }]);
    }
  });

  it('refuses a second pending invitation for the same pair and activity with 409 ALREADY_INVITED', async () => {
    const { alice, bob, activity } = await scene();
    const first = await invite(t, alice, bob, activity.id);
    const again = await api.create(alice, { receiverId: bob.id, activityId: activity.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_INVITED');
    expect((await api.decline(bob, first.id)).statusCode).toBe(200);
    expect((await api.create(alice, { receiverId: bob.id, activityId: activity.id })).statusCode).toBe(201);
  });

  it('replaces an invitation that expired before the sweeper saw it, announcing the expiry', async () => {
    const { alice, bob, activity } = await scene();
    const first = await invite(t, alice, bob, activity.id, { expiresAt: later(1) });
    t.clock.advance(HOUR);
    const second = await invite(t, alice, bob, activity.id);
    expect(second.id).not.toBe(first.id);
    expect((await api.get(bob, first.id)).json().status).toBe('EXPIRED');
    const expired = await eventsOf(t.db, bob.id, 'invitation.expired');
    expect(expired.map((e) => e.data)).toEqual([{ ...first, status: 'EXPIRED' }]);
  });

  it('refuses a sender who has not joined the activity, or only waits for a place, with 403', async () => {
    const { alice, bob, carol, activity } = await scene({ maxParticipants: 1 });
    expect((await join(t, bob, activity.id)).participant.status).toBe('WAITLISTED');
    for (const [sender, receiver] of [
      [bob, carol],
      [carol, alice],
    ] as const) {
      const res = await api.create(sender, { receiverId: receiver.id, activityId: activity.id });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('refuses inviting someone who has joined already with 409 ALREADY_PARTICIPANT', async () => {
    const { alice, bob, activity } = await scene();
    await join(t, bob, activity.id);
    const res = await api.create(alice, { receiverId: bob.id, activityId: activity.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ALREADY_PARTICIPANT');
  });

  it('refuses a cancelled activity with 409 ACTIVITY_CLOSED', async () => {
    const { alice, bob, activity } = await scene();
    await activityClient(t).cancel(alice, activity.id);
    const res = await api.create(alice, { receiverId: bob.id, activityId: activity.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTIVITY_CLOSED');
  });

  it('refuses a blocked pair, whoever blocked whom, with 403', async () => {
    const { alice, bob, activity } = await scene();
    await t.app.inject({ method: 'POST', url: '/blocks/', headers: bob.auth, payload: { userId: alice.id } });
    const res = await api.create(alice, { receiverId: bob.id, activityId: activity.id });
    expect(res.statusCode).toBe(403);
  });

  it('refuses yourself (422), someone else as sender (403), and unknown users or activities (404)', async () => {
    const { alice, bob, carol, activity } = await scene();
    const before = await countRows(t.db, 'invitations');
    const cases: [Record<string, unknown>, number][] = [
      [{ receiverId: alice.id, activityId: activity.id }, 422],
      [{ senderId: carol.id, receiverId: bob.id, activityId: activity.id }, 403],
      [{ receiverId: 2_147_483_647, activityId: activity.id }, 404],
      [{ receiverId: bob.id, activityId: 2_147_483_647 }, 404],
    ];
    for (const [payload, status] of cases) expect((await api.create(alice, payload)).statusCode).toBe(status);
    expect(await countRows(t.db, 'invitations')).toBe(before);
  });

  it.each([
    ['no receiver', { activityId: 1 }],
    ['a receiver as a string', { receiverId: '2', activityId: 1 }],
    ['a message too long', { receiverId: 2, activityId: 1, message: 'x'.repeat(501) }],
    ['a question too long', { receiverId: 2, activityId: 1, iceBreakerQuestion: 'x'.repeat(301) }],
    ['a bad expiry', { receiverId: 2, activityId: 1, expiresAt: 'tomorrow' }],
    ['a leap second expiry', { receiverId: 2, activityId: 1, expiresAt: '2026-06-30T23:59:60Z' }],
    ['a status', { receiverId: 2, activityId: 1, status: 'ACCEPTED' }],
  ])('refuses %s with 400 VALIDATION_FAILED and sends nothing', async (_case, payload) => {
    const [alice] = await createUsers(t, 1);
    const before = await countRows(t.db, 'invitations');
    const res = await api.create(alice!, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await countRows(t.db, 'invitations')).toBe(before);
  });
});

describe('POST /invitations/ with text PostgreSQL cannot store', () => {
  it('refuses a NUL character with 400 and sends nothing', async () => {
    const { alice, bob, activity } = await scene();
    const before = await countRows(t.db, 'invitations');
    const res = await api.create(alice, { receiverId: bob.id, activityId: activity.id, message: 'a\u0000b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await countRows(t.db, 'invitations')).toBe(before);
    expect(await eventsOf(t.db, bob.id, 'invitation.created')).toEqual([]);
  });
});

describe('POST /invitations/ with an Idempotency-Key', () => {
  it('returns the first invitation with 200 on a retry and sends nothing twice', async () => {
    const { alice, bob, activity } = await scene();
    const body = { receiverId: bob.id, activityId: activity.id, message: 'hi' };
    const key = { 'idempotency-key': 'k-1' };
    const first = await api.create(alice, body, key);
    expect(first.statusCode).toBe(201);
    const retry = await api.create(alice, body, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(await eventsOf(t.db, bob.id, 'invitation.created')).toHaveLength(1);
  });

  it('refuses the same key with another body with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const { alice, bob, activity } = await scene();
    const key = { 'idempotency-key': 'k-2' };
    await api.create(alice, { receiverId: bob.id, activityId: activity.id, message: 'hi' }, key);
    const other = await api.create(alice, { receiverId: bob.id, activityId: activity.id, message: 'hello' }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('creates one invitation when the same request races itself', async () => {
    const { alice, bob, activity } = await scene();
    const body = { receiverId: bob.id, activityId: activity.id };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api.create(alice, body, { 'idempotency-key': 'k-3' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json<Invitation>().id)).size).toBe(1);
  });
});

describe('activity changes and invitations', () => {
  it('cancels pending invitations when the activity is cancelled, telling both sides', async () => {
    const { alice, bob, carol, activity } = await scene();
    const pending = await invite(t, alice, bob, activity.id);
    const declined = await invite(t, alice, carol, activity.id);
    await api.decline(carol, declined.id);
    expect((await activityClient(t).cancel(alice, activity.id)).statusCode).toBe(204);
    const cancelled = (await api.get(bob, pending.id)).json<Invitation>();
    expect(cancelled).toMatchObject({ status: 'CANCELLED', respondedAt: t.clock.now().toISOString() });
    for (const user of [alice, bob]) {
      const updates = await eventsOf(t.db, user.id, 'invitation.updated');
      expect(updates.at(-1)!.data).toEqual(cancelled);
    }
    expect((await api.get(carol, declined.id)).json().status).toBe('DECLINED');
  });

  it('brings expiries forward when the activity moves earlier, and tells pending invitees of the change', async () => {
    const { alice, bob, activity } = await scene();
    const invitation = await invite(t, alice, bob, activity.id);
    const res = await activityClient(t).update(alice, activity.id, { startTime: later(3), endTime: later(4) });
    expect(res.statusCode).toBe(200);
    const moved = (await api.get(bob, invitation.id)).json<Invitation>();
    expect(moved.expiresAt).toBe(later(3));
    expect((await eventsOf(t.db, bob.id, 'invitation.updated')).map((e) => e.data)).toEqual([moved]);
    expect((await eventsOf(t.db, bob.id, 'activity.updated')).map((e) => e.data)).toEqual([res.json<Activity>()]);
  });
});
