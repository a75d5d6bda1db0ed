import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityClient, createActivity, createUsers, eventsOf, join, type Actor } from '../activities/helpers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  collect,
  connectionClient,
  countConnections,
  openRoom,
  setCard,
  type Connection,
  type NameCard,
} from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof connectionClient>;
beforeAll(async () => {
  // Tokens outlive the clock's jumps past the end of activities.
  t = await startTestApp({ accessTokenTtlSeconds: 365 * 86_400 });
  api = connectionClient(t);
});
afterAll(() => t.close());

const card: NameCard = {
  jobTitle: 'Engineer',
  company: 'Acme',
  links: [{ label: 'Site', url: 'https://bob.example.com' }],
};

/** Alice and Bob share a chat room; Bob has a name card; Carol is a stranger to both. */
async function scene() {
  const [alice, bob, carol] = (await createUsers(t, 3)) as [Actor, Actor, Actor];
  await setCard(t.db, bob.id, card);
  await openRoom(t, alice, bob);
  return { alice, bob, carol };
}

const block = (blocker: Actor, blocked: Actor) =>
  t.app.inject({ method: 'POST', url: '/blocks/', headers: blocker.auth, payload: { userId: blocked.id } });

describe('POST /connections/', () => {
  it("collects the card of someone you share a chat room with, and tells them (and the collector's devices)", async () => {
    const { alice, bob } = await scene();
    const res = await api.create(alice, { collectorId: alice.id, collectedId: bob.id });
    expect(res.statusCode).toBe(201);
    const connection = res.json<Connection>();
    expect(connection).toEqual({
      id: expect.any(Number),
      collectorId: alice.id,
      collectedId: bob.id,
      meetingId: null,
      collectedAt: t.clock.now().toISOString(),
      user: expect.objectContaining({ id: bob.id, nameCard: card }),
    });
    expect(connection.user).not.toHaveProperty('email');
    for (const user of [bob, alice]) {
      expect((await eventsOf(t.db, user.id, 'connection.created')).map((e) => e.data)).toEqual([connection]);
    }
  });

  it('collects the card of someone who joined the same activity, with or without naming it', async () => {
    const [alice, bob, carol] = (await createUsers(t, 3)) as [Actor, Actor, Actor];
    const activity = await createActivity(t, alice);
    await join(t, bob, activity.id);
    await join(t, carol, activity.id);
    expect((await collect(t, bob, alice, { meetingId: activity.id })).meetingId).toBe(activity.id);
    expect((await collect(t, bob, carol)).meetingId).toBeNull();
    expect((await collect(t, carol, bob, { meetingId: null })).meetingId).toBeNull();
  });

  it('still counts an activity that is over', async () => {
    const [alice, bob] = (await createUsers(t, 2)) as [Actor, Actor];
    const activity = await createActivity(t, alice);
    await join(t, bob, activity.id);
    t.clock.advance(5 * 3_600_000);
    expect((await activityClient(t).list(alice, `?creatorId=${alice.id}`)).json().items).toEqual([]);
    expect((await collect(t, bob, alice, { meetingId: activity.id })).meetingId).toBe(activity.id);
  });

  it('refuses a stranger with 403 NOT_MET and creates nothing', async () => {
    const { alice, carol } = await scene();
    const before = await countConnections(t.db);
    const res = await api.create(carol, { collectedId: alice.id });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'NOT_MET', status: 403 });
    expect(await countConnections(t.db)).toBe(before);
    expect(await eventsOf(t.db, alice.id, 'connection.created')).toEqual([]);
  });

  it('does not count a place on the waitlist as having met', async () => {
    const [alice, bob] = (await createUsers(t, 2)) as [Actor, Actor];
    const activity = await createActivity(t, alice, { maxParticipants: 1 });
    expect((await join(t, bob, activity.id)).participant.status).toBe('WAITLISTED');
    expect((await api.create(bob, { collectedId: alice.id })).json().code).toBe('NOT_MET');
    expect((await api.create(bob, { collectedId: alice.id, meetingId: activity.id })).json().code).toBe('NOT_MET');
  });

  it('with meetingId, needs that activity: 403 NOT_MET when only a room is shared, 404 for an unknown one', async () => {
    const { alice, bob } = await scene();
    const other = await createActivity(t, alice);
    expect((await api.create(alice, { collectedId: bob.id, meetingId: other.id })).json().code).toBe('NOT_MET');
    const unknown = await api.create(alice, { collectedId: bob.id, meetingId: 2_147_483_647 });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a second collection of the same card with 409 ALREADY_CONNECTED; the other way round is separate', async () => {
    const { alice, bob } = await scene();
    const first = await collect(t, alice, bob);
    const again = await api.create(alice, { collectedId: bob.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_CONNECTED' });
    expect((await eventsOf(t.db, bob.id, 'connection.created')).map((e) => (e.data as Connection).id)).toEqual([
      first.id,
    ]);
    expect((await collect(t, bob, alice)).collectorId).toBe(bob.id);
  });

  it('refuses your own card (422), an unknown user (404), a blocked pair (403) and acting as someone else (403)', async () => {
    const { alice, bob, carol } = await scene();
    const before = await countConnections(t.db);
    const self = await api.create(alice, { collectedId: alice.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().code).toBe('RULE_VIOLATED');
    expect((await api.create(alice, { collectedId: 2_147_483_647 })).statusCode).toBe(404);
    const as = await api.create(alice, { collectorId: carol.id, collectedId: bob.id });
    expect(as.statusCode).toBe(403);
    expect(as.json().code).toBe('FORBIDDEN');
    expect((await block(bob, alice)).statusCode).toBe(201);
    const blocked = await api.create(alice, { collectedId: bob.id });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('FORBIDDEN');
    expect(await countConnections(t.db)).toBe(before);
  });

  it.each([
    ['no collectedId', {}, 'body.collectedId'],
    ['a collectedId given as a string', { collectedId: '5' }, 'body.collectedId'],
    ['a collectedId of 0', { collectedId: 0 }, 'body.collectedId'],
    ['a collectedId past the id range', { collectedId: 2_147_483_648 }, 'body.collectedId'],
    ['a fractional meetingId', { collectedId: 5, meetingId: 1.5 }, 'body.meetingId'],
    ['an unknown field', { collectedId: 5, note: 'hi' }, 'body.note'],
  ])('refuses %s with 400 VALIDATION_FAILED and creates nothing', async (_case, payload, field) => {
    const { alice } = await scene();
    const before = await countConnections(t.db);
    const res = await api.create(alice, payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countConnections(t.db)).toBe(before);
  });

  it('refuses a body that is not JSON with a 4xx problem', async () => {
    const { alice } = await scene();
    const res = await t.app.inject({
      method: 'POST',
      url: '/connections/',
      headers: { ...alice.auth, 'content-type': 'application/json' },
      payload: '{"collectedId":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_JSON');
  });
});

describe('GET /connections/', () => {
  it('lists your collected cards newest first with their fields, page by page', async () => {
    const [me, ...others] = (await createUsers(t, 4)) as Actor[];
    const collected: Connection[] = [];
    for (const other of others) {
      await setCard(t.db, other.id, { ...card, jobTitle: `Job ${other.id}` });
      await openRoom(t, me!, other);
      collected.push(await collect(t, me!, other));
    }
    const first = await api.list(me!, '?limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ items: Connection[]; nextCursor: string }>();
    expect(page1.items.map((c) => c.id)).toEqual([collected[2]!.id, collected[1]!.id]);
    expect(page1.items[0]!.user.nameCard).toEqual({ ...card, jobTitle: `Job ${others[2]!.id}` });
    const page2 = (await api.list(me!, `?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toEqual({ items: [collected[0]], nextCursor: null });
    // The collected users do not see the collector's list.
    expect((await api.list(others[0]!)).json().items).toEqual([]);
  });

  it('searches by part of the name, taking % and _ literally', async () => {
    const [me, ada, bea] = (await createUsers(t, 3)) as [Actor, Actor, Actor];
    await t.db.updateTable('users').set({ display_name: 'Ada 100% Lovelace' }).where('id', '=', ada.id).execute();
    await t.db.updateTable('users').set({ display_name: 'Bea 100 Smith' }).where('id', '=', bea.id).execute();
    for (const other of [ada, bea]) {
      await openRoom(t, me, other);
      await collect(t, me, other);
    }
    const ids = async (query: string) =>
      (await api.list(me, query)).json<{ items: Connection[] }>().items.map((c) => c.collectedId);
    expect(await ids('?name=lovelace')).toEqual([ada.id]);
    expect(await ids('?name=100')).toEqual([bea.id, ada.id]);
    expect(await ids(`?name=${encodeURIComponent('100%')}`)).toEqual([ada.id]);
    expect(await ids('?name=nobody')).toEqual([]);
  });

  it('leaves out the card of someone in a blocked pair with you', async () => {
    const { alice, bob } = await scene();
    const connection = await collect(t, alice, bob);
    await block(bob, alice);
    expect((await api.list(alice)).json().items).toEqual([]);
    expect((await api.get(alice, connection.id)).statusCode).toBe(404);
  });

  it.each([
    ['a limit of 0', '?limit=0'],
    ['a limit over 100', '?limit=101'],
    ['an empty name', '?name='],
    ['an unknown parameter', '?sort=name'],
    ['a forged cursor', '?cursor=bm90LWEtY3Vyc29y'],
  ])('refuses %s with 400', async (_case, query) => {
    const { alice } = await scene();
    const res = await api.list(alice, query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('GET /connections/:id', () => {
  it('shows a connection to its collector only; to anyone else, the collected user too, it does not exist', async () => {
    const { alice, bob, carol } = await scene();
    const connection = await collect(t, alice, bob);
    const mine = await api.get(alice, connection.id);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual(connection);
    for (const other of [bob, carol]) {
      const res = await api.get(other, connection.id);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await api.get(alice, 'abc')).statusCode).toBe(400);
  });
});

describe('DELETE /connections/:id', () => {
  it('lets only the collector give a card back, telling only their own devices', async () => {
    const { alice, bob, carol } = await scene();
    const connection = await collect(t, alice, bob);
    for (const other of [bob, carol]) expect((await api.remove(other, connection.id)).statusCode).toBe(404);
    expect((await api.get(alice, connection.id)).statusCode).toBe(200);

    const res = await api.remove(alice, connection.id);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await api.get(alice, connection.id)).statusCode).toBe(404);
    expect((await api.remove(alice, connection.id)).statusCode).toBe(404);
    expect((await eventsOf(t.db, alice.id, 'connection.deleted')).map((e) => e.data)).toEqual([
      { id: connection.id, collectorId: alice.id, collectedId: bob.id },
    ]);
    expect(await eventsOf(t.db, bob.id, 'connection.deleted')).toEqual([]);
    // The card can be collected again.
    expect((await collect(t, alice, bob)).id).not.toBe(connection.id);
  });
});

describe('name-card fields on profiles', () => {
  const profile = (viewer: Actor, id: number) =>
    t.app.inject({ method: 'GET', url: `/users/${id}`, headers: viewer.auth });
  const listed = async (viewer: Actor, id: number) =>
    (await t.app.inject({ method: 'GET', url: `/users/?ids=${id}`, headers: viewer.auth })).json().items[0];

  it('shows them to exactly the users who collected the card, until they give it back', async () => {
    const { alice, bob, carol } = await scene();
    await openRoom(t, carol, bob);
    expect((await profile(alice, bob.id)).json()).not.toHaveProperty('nameCard');
    const connection = await collect(t, alice, bob);
    expect((await profile(alice, bob.id)).json().nameCard).toEqual(card);
    expect((await listed(alice, bob.id)).nameCard).toEqual(card);
    // Not to someone else who merely could collect it, and not the other way round.
    expect((await profile(carol, bob.id)).json()).not.toHaveProperty('nameCard');
    expect(await listed(carol, bob.id)).not.toHaveProperty('nameCard');
    expect((await profile(bob, alice.id)).json()).not.toHaveProperty('nameCard');
    await api.remove(alice, connection.id);
    expect((await profile(alice, bob.id)).json()).not.toHaveProperty('nameCard');
    expect(await listed(alice, bob.id)).not.toHaveProperty('nameCard');
  });

  it("follows the card's changes", async () => {
    const { alice, bob } = await scene();
    await collect(t, alice, bob);
    await setCard(t.db, bob.id, { ...card, company: 'Initech' });
    expect((await profile(alice, bob.id)).json().nameCard).toEqual({ ...card, company: 'Initech' });
    const [connection] = (await api.list(alice)).json<{ items: Connection[] }>().items;
    expect(connection!.user.nameCard).toEqual({ ...card, company: 'Initech' });
  });
});

describe('every connections route', () => {
  it.each([
    ['POST', '/connections/'],
    ['GET', '/connections/'],
    ['GET', '/connections/1'],
    ['DELETE', '/connections/1'],
  ])('%s %s refuses a request without a token with 401 UNAUTHENTICATED', async (method, url) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      ...(method === 'POST' ? { payload: { collectedId: 1 } } : {}),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
