import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createActivity, createUsers, eventsOf, join, seatsOf, type Actor } from '../activities/helpers.js';
import { countRows, invitationClient, invite, type Invitation } from './helpers.js';

const HOUR = 3_600_000;

let t: TestApp;
let api: ReturnType<typeof invitationClient>;
beforeAll(async () => {
  t = await startTestApp({ accessTokenTtlSeconds: 365 * 86_400 });
  api = invitationClient(t);
});
afterAll(() => t.close());

const later = (hours: number): string => new Date(t.clock.now().getTime() + hours * HOUR).toISOString();

/** Alice invites bob to her activity; carol is a third party. */
async function scene(activityOverrides: Record<string, unknown> = {}, inviteExtra: Record<string, unknown> = {}) {
  const [alice, bob, carol] = (await createUsers(t, 3)) as [Actor, Actor, Actor];
  const activity = await createActivity(t, alice, { startTime: later(48), endTime: later(50), ...activityOverrides });
  const invitation = await invite(t, alice, bob, activity.id, inviteExtra);
  return { alice, bob, carol, activity, invitation };
}

/** What a refused answer must leave as it was. */
async function snapshot(s: Awaited<ReturnType<typeof scene>>) {
  return {
    invitation: (await api.get(s.alice, s.invitation.id)).json<Invitation>(),
    seats: await seatsOf(t.db, s.activity.id),
    rooms: await countRows(t.db, 'chat_rooms'),
    events: await countRows(t.db, 'events'),
  };
}

describe('GET /invitations/:id', () => {
  it('shows the invitation to its sender and receiver', async () => {
    const { alice, bob, invitation } = await scene();
    for (const user of [alice, bob]) expect((await api.get(user, invitation.id)).json()).toEqual(invitation);
  });

  it('answers 404 to anyone else, as for an invitation that does not exist', async () => {
    const { carol, invitation } = await scene();
    const res = await api.get(carol, invitation.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe((await api.get(carol, 2_147_483_647)).json().detail);
  });
});

describe('PUT /invitations/:id/accept', () => {
  it("adds the receiver, opens the pair's chat room linked to the invitation, and tells both", async () => {
    const s = await scene();
    const res = await api.accept(s.bob, s.invitation.id);
    expect(res.statusCode).toBe(200);
    const accepted = res.json<Invitation>();
    expect(accepted).toEqual({
      ...s.invitation,
      status: 'ACCEPTED',
      respondedAt: t.clock.now().toISOString(),
      chatRoomId: expect.any(Number),
    });
    expect(await seatsOf(t.db, s.activity.id)).toMatchObject({ current: 2, joined: [s.alice.id, s.bob.id] });
    const room = await t.app.inject({ method: 'GET', url: `/chat/rooms/${accepted.chatRoomId}`, headers: s.bob.auth });
    expect(room.json()).toMatchObject({
      participant1Id: s.alice.id,
      participant2Id: s.bob.id,
      invitationId: s.invitation.id,
    });
    for (const user of [s.alice, s.bob]) {
      expect((await eventsOf(t.db, user.id, 'invitation.updated')).map((e) => e.data)).toEqual([accepted]);
      expect(await eventsOf(t.db, user.id, 'chatroom.created')).toHaveLength(1);
    }
    expect(await eventsOf(t.db, s.alice.id, 'participant.joined')).toHaveLength(2);
  });

  it('reuses the room the pair already share', async () => {
    const s = await scene();
    const opened = await t.app.inject({
      method: 'POST',
      url: '/chat/rooms/',
      headers: s.bob.auth,
      payload: { participant2Id: s.alice.id },
    });
    const accepted = (await api.accept(s.bob, s.invitation.id)).json<Invitation>();
    expect(accepted.chatRoomId).toBe(opened.json().id);
    expect(await eventsOf(t.db, s.alice.id, 'chatroom.created')).toHaveLength(1);
  });

  it('returns the accepted invitation when accepted again, changing nothing', async () => {
    const s = await scene();
    const first = (await api.accept(s.bob, s.invitation.id)).json<Invitation>();
    const before = await snapshot(s);
    const again = await api.accept(s.bob, s.invitation.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect(await snapshot(s)).toEqual(before);
  });

  it('refuses an expired invitation with 409 INVITATION_EXPIRED and changes nothing', async () => {
    const s = await scene({}, { expiresAt: later(1) });
    t.clock.advance(HOUR);
    const before = await snapshot(s);
    expect(before.invitation.status).toBe('EXPIRED');
    const res = await api.accept(s.bob, s.invitation.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVITATION_EXPIRED');
    expect(await snapshot(s)).toEqual(before);
    const row = await t.db
      .selectFrom('invitations')
      .select('status')
      .where('id', '=', s.invitation.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('PENDING');
  });

  it('refuses a full activity with 409 ACTIVITY_FULL and leaves the invitation pending', async () => {
    const s = await scene({ maxParticipants: 2 });
    await join(t, s.carol, s.activity.id);
    const before = await snapshot(s);
    const res = await api.accept(s.bob, s.invitation.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTIVITY_FULL');
    expect(await snapshot(s)).toEqual(before);
    expect(before.invitation.status).toBe('PENDING');
  });

  it('gives a receiver waiting on the waitlist the place only if one is free', async () => {
    const s = await scene({ maxParticipants: 2 });
    const [dave] = (await createUsers(t, 1)) as [Actor];
    await join(t, dave, s.activity.id);
    await join(t, s.bob, s.activity.id);
    expect((await api.accept(s.bob, s.invitation.id)).json().code).toBe('ACTIVITY_FULL');
    await t.app.inject({ method: 'POST', url: `/activities/${s.activity.id}/leave`, headers: dave.auth });
    // Bob was first in line: leaving promoted him, and accepting now only opens the room.
    expect((await seatsOf(t.db, s.activity.id)).joined).toEqual([s.alice.id, s.bob.id]);
    expect((await api.accept(s.bob, s.invitation.id)).json().status).toBe('ACCEPTED');
  });

  it('refuses the sender with 403 and a third party with 404, changing nothing', async () => {
    const s = await scene();
    const before = await snapshot(s);
    for (const [user, status] of [
      [s.alice, 403],
      [s.carol, 404],
    ] as const) {
      expect((await api.accept(user, s.invitation.id)).statusCode).toBe(status);
      expect((await api.decline(user, s.invitation.id)).statusCode).toBe(status);
    }
    expect((await api.cancel(s.carol, s.invitation.id)).statusCode).toBe(404);
    expect((await api.cancel(s.bob, s.invitation.id)).statusCode).toBe(403);
    expect(await snapshot(s)).toEqual(before);
  });

  it('refuses a declined invitation with 409 INVITATION_NOT_PENDING', async () => {
    const s = await scene();
    await api.decline(s.bob, s.invitation.id);
    const res = await api.accept(s.bob, s.invitation.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVITATION_NOT_PENDING');
  });

  it('refuses a pair that blocked each other since with 403', async () => {
    const s = await scene();
    await t.app.inject({ method: 'POST', url: '/blocks/', headers: s.alice.auth, payload: { userId: s.bob.id } });
    const res = await api.accept(s.bob, s.invitation.id);
    expect(res.statusCode).toBe(403);
    expect(await seatsOf(t.db, s.activity.id)).toMatchObject({ joined: [s.alice.id] });
  });

  it('refuses an id that is not one with 400', async () => {
    const [alice] = (await createUsers(t, 1)) as [Actor];
    const res = await t.app.inject({ method: 'PUT', url: '/invitations/x/accept', headers: alice.auth });
    expect(res.statusCode).toBe(400);
  });
});

describe('PUT /invitations/:id/decline and /cancel', () => {
  it('lets the receiver decline, telling both', async () => {
    const s = await scene();
    const res = await api.decline(s.bob, s.invitation.id);
    expect(res.statusCode).toBe(200);
    const declined = res.json<Invitation>();
    expect(declined).toEqual({ ...s.invitation, status: 'DECLINED', respondedAt: t.clock.now().toISOString() });
    expect((await eventsOf(t.db, s.alice.id, 'invitation.updated')).map((e) => e.data)).toEqual([declined]);
    expect((await api.decline(s.bob, s.invitation.id)).json()).toEqual(declined);
    expect(await eventsOf(t.db, s.alice.id, 'invitation.updated')).toHaveLength(1);
  });

  it('lets the sender cancel, telling both', async () => {
    const s = await scene();
    const res = await api.cancel(s.alice, s.invitation.id);
    expect(res.json()).toMatchObject({ status: 'CANCELLED' });
    expect((await eventsOf(t.db, s.bob.id, 'invitation.updated')).map((e) => e.data)).toEqual([res.json()]);
    expect((await api.accept(s.bob, s.invitation.id)).json().code).toBe('INVITATION_NOT_PENDING');
  });

  it('refuses to decline or cancel an expired invitation with 409 INVITATION_EXPIRED', async () => {
    const s = await scene({}, { expiresAt: later(1) });
    t.clock.advance(2 * HOUR);
    expect((await api.decline(s.bob, s.invitation.id)).json().code).toBe('INVITATION_EXPIRED');
    expect((await api.cancel(s.alice, s.invitation.id)).json().code).toBe('INVITATION_EXPIRED');
  });
});

describe('GET /invitations/', () => {
  it('lists sent and received newest first, by role and status, page by page', async () => {
    const [me, ...others] = (await createUsers(t, 5)) as Actor[];
    const mine = await createActivity(t, me!, { startTime: later(48), endTime: later(50) });
    const sent = [await invite(t, me!, others[0]!, mine.id), await invite(t, me!, others[1]!, mine.id)];
    const theirs = await createActivity(t, others[2]!, { startTime: later(48), endTime: later(50) });
    const received = await invite(t, others[2]!, me!, theirs.id, { expiresAt: later(1) });
    await api.decline(others[0]!, sent[0]!.id);

    const list = async (query: string) => {
      const res = await api.list(me!, query);
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Invitation[]; nextCursor: string | null }>();
    };
    expect((await list('')).items.map((i) => i.id)).toEqual([received.id, sent[1]!.id, sent[0]!.id]);
    expect((await list('?role=sent')).items.map((i) => i.id)).toEqual([sent[1]!.id, sent[0]!.id]);
    expect((await list('?role=received')).items.map((i) => i.id)).toEqual([received.id]);
    expect((await list('?status=DECLINED')).items.map((i) => i.id)).toEqual([sent[0]!.id]);
    expect((await list('?role=sent&status=PENDING')).items.map((i) => i.id)).toEqual([sent[1]!.id]);

    const first = await list('?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [expect.objectContaining({ id: sent[0]!.id })], nextCursor: null });

    t.clock.advance(HOUR);
    expect((await list('?status=EXPIRED')).items.map((i) => [i.id, i.status])).toEqual([[received.id, 'EXPIRED']]);
    expect((await list('?status=PENDING')).items.map((i) => i.id)).toEqual([sent[1]!.id]);
  });

  it('refuses a bad role, status or cursor with 400', async () => {
    const [me] = (await createUsers(t, 1)) as Actor[];
    for (const query of ['?role=both', '?status=LOST', '?cursor=zzz', '?limit=0']) {
      expect((await api.list(me!, query)).statusCode).toBe(400);
    }
  });
});
