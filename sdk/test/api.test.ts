import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type Icebreaker } from '../src/index.js';
import { closeClients, newClient, signUp } from './helpers/clients.js';
import { allOperations, operationsReached, recordingFetch, type Recorded } from './helpers/recording-fetch.js';
import { TestServer } from './helpers/server.js';

let server: TestServer;
const log: Recorded[] = [];
let alice: Icebreaker;
let bob: Icebreaker;
let carol: Icebreaker;
let a: { id: number; email: string; password: string };
let b: { id: number };
let c: { id: number };

const client = (): Icebreaker => newClient(server.url, { fetch: recordingFetch(log) });
const hours = (n: number): string => new Date(Date.now() + n * 3_600_000).toISOString();

beforeAll(async () => {
  server = await TestServer.start();
  [alice, bob, carol] = [client(), client(), client()];
  a = await signUp(alice, { interests: ['climbing'] });
  b = await signUp(bob);
  c = await signUp(carol);
});

afterAll(async () => {
  await closeClients();
  await server.close();
});

describe('every SDK method round-trips through the real server', () => {
  it('health', async () => {
    expect(await alice.api.health.health()).toMatchObject({ status: 'ok' });
    expect(await alice.api.health.ready()).toBeDefined();
  });

  it('auth: login, refresh, ws ticket', async () => {
    const other = client();
    const session = await other.api.auth.login({ body: { email: a.email, password: a.password } });
    expect(session.user.id).toBe(a.id);
    expect(other.userId).toBe(a.id);
    const refreshed = await other.api.auth.refreshSession({ body: { refreshToken: session.refreshToken } });
    // The client took the rotated tokens: its next call works, and so would its next refresh.
    expect(other.session.session?.refreshToken).toBe(refreshed.refreshToken);
    expect((await other.api.users.getMe()).id).toBe(a.id);
    const ticket = await other.api.realtime.createWsTicket();
    expect(ticket.ticket.length).toBeGreaterThan(20);
  });

  it('users', async () => {
    expect((await alice.api.users.getMe()).id).toBe(a.id);
    const updated = await alice.api.users.updateMe({ body: { bio: 'Bouldering most evenings' } });
    expect(updated.bio).toBe('Bouldering most evenings');
    expect((await bob.api.users.getUser({ id: a.id })).bio).toBe('Bouldering most evenings');
    const found = await bob.api.users.listUsers({ interest: 'climbing' });
    expect(found.items.map((u) => u.id)).toContain(a.id);
    // The same operation by id, and by path through the openapi-fetch client underneath.
    expect((await bob.call('getUser', { id: a.id })).id).toBe(a.id);
    const { data } = await bob.http.GET('/users/{id}', { params: { path: { id: a.id } } });
    expect(data?.id).toBe(a.id);
    const byIds = await bob.api.users.listUsers({ ids: `${a.id},${c.id}` });
    expect(byIds.items.map((u) => u.id).sort()).toEqual([a.id, c.id].sort());
  });

  it('blocks', async () => {
    const block = await carol.api.blocks.blockUser({ body: { userId: b.id } });
    expect(block.userId).toBe(b.id);
    expect((await carol.api.blocks.listBlocks()).items.map((x) => x.userId)).toEqual([b.id]);
    await carol.api.blocks.unblockUser({ userId: b.id });
    expect((await carol.api.blocks.listBlocks()).items).toEqual([]);
  });

  it('locations', async () => {
    await alice.api.locations.createLocation({ body: { latitude: 52.52, longitude: 13.405, accuracy: 20 } });
    await bob.api.locations.createLocation({ body: { latitude: 52.521, longitude: 13.406, accuracy: 20 } });
    const history = await alice.api.locations.listLocations({ user_id: a.id });
    expect(history.items).toHaveLength(1);
    const batch = await bob.api.locations.batchLocations({ userIds: `${a.id}` });
    expect(batch.items.map((p) => p.userId)).toEqual([a.id]);
    const nearby = await bob.api.locations.nearbyUsers({ radius: 5000 });
    expect(nearby.items.map((n) => n.user.id)).toContain(a.id);
  });

  it('chat', async () => {
    const room = await alice.api.chat.createChatRoom({ body: { participant2Id: b.id } });
    expect((await bob.api.chat.getChatRoom({ id: room.id })).id).toBe(room.id);
    const first = await alice.api.chat.sendChatMessage({
      body: { chatRoomId: room.id, content: 'Coffee?', clientMessageId: 'api-test-1' },
    });
    const again = await alice.api.chat.sendChatMessage({
      body: { chatRoomId: room.id, content: 'Coffee?', clientMessageId: 'api-test-1' },
    });
    expect(again.id).toBe(first.id);
    const history = await bob.api.chat.listChatMessages({ id: room.id });
    expect(history.items.map((m) => m.content)).toEqual(['Coffee?']);
    const pointer = await bob.api.chat.markChatRoomRead({ id: room.id, body: { lastReadSeq: first.seq } });
    expect(pointer).toMatchObject({ lastReadSeq: first.seq, unreadCount: 0 });
    const rooms = await bob.api.chat.listChatRooms({ limit: 10 });
    expect(rooms.items.find((r) => r.id === room.id)?.lastMessage?.id).toBe(first.id);
  });

  it('activities', async () => {
    const activity = await alice.api.activities.createActivity({
      body: { title: 'Climbing', startTime: hours(2), endTime: hours(4), maxParticipants: 3, tags: ['sport'] },
    });
    expect((await bob.api.activities.getActivity({ id: activity.id })).title).toBe('Climbing');
    const renamed = await alice.api.activities.updateActivity({ id: activity.id, body: { title: 'Bouldering' } });
    expect(renamed.title).toBe('Bouldering');
    expect((await bob.api.activities.listActivities({ tags: 'sport' })).items.map((x) => x.id)).toContain(activity.id);
    const joined = await bob.api.activities.joinActivity({ id: activity.id });
    expect(joined.participant).toMatchObject({ userId: b.id, status: 'JOINED' });
    const participants = await alice.api.activities.listActivityParticipants({ id: activity.id });
    expect(participants.items.map((p) => p.userId).sort()).toEqual([a.id, b.id].sort());
    const left = await bob.api.activities.leaveActivity({ id: activity.id });
    expect(left.currentParticipants).toBe(1);
    await alice.api.activities.cancelActivity({ id: activity.id });
    expect((await alice.api.activities.getActivity({ id: activity.id })).isActive).toBe(false);
  });

  it('invitations', async () => {
    const activity = await alice.api.activities.createActivity({
      body: { title: 'Dinner', startTime: hours(3), endTime: hours(5), maxParticipants: 4 },
    });
    const body = { receiverId: b.id, activityId: activity.id, iceBreakerQuestion: 'Best noodles in town?' };
    const headers = { 'idempotency-key': 'invite-bob-dinner' };
    const sent = await alice.api.invitations.createInvitation({ body, headers });
    expect((await alice.api.invitations.createInvitation({ body, headers })).id).toBe(sent.id);
    expect((await bob.api.invitations.getInvitation({ id: sent.id })).status).toBe('PENDING');
    const received = await bob.api.invitations.listInvitations({ role: 'received' });
    expect(received.items.map((i) => i.id)).toContain(sent.id);
    const accepted = await bob.api.invitations.acceptInvitation({ id: sent.id });
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.chatRoomId).not.toBeNull();

    const toCarol = await alice.api.invitations.createInvitation({
      body: { receiverId: c.id, activityId: activity.id },
    });
    expect((await carol.api.invitations.declineInvitation({ id: toCarol.id })).status).toBe('DECLINED');
    const again = await alice.api.invitations.createInvitation({ body: { receiverId: c.id, activityId: activity.id } });
    expect((await alice.api.invitations.cancelInvitation({ id: again.id })).status).toBe('CANCELLED');
  });

  it('connections', async () => {
    // Alice and Bob share a chat room (the chat test opened it).
    const connection = await alice.api.connections.createConnection({ body: { collectedId: b.id } });
    expect(connection).toMatchObject({ collectorId: a.id, collectedId: b.id });
    expect((await alice.api.connections.getConnection({ id: connection.id })).user.id).toBe(b.id);
    const list = await alice.api.connections.listConnections({ limit: 10 });
    expect(list.items.map((x) => x.id)).toEqual([connection.id]);
    await alice.api.connections.deleteConnection({ id: connection.id });
    expect((await alice.api.connections.listConnections()).items).toEqual([]);
  });

  it('ratings', async () => {
    const meeting = await alice.api.activities.createActivity({
      body: { title: 'Run', startTime: hours(1), endTime: hours(2), maxParticipants: 2 },
    });
    await bob.api.activities.joinActivity({ id: meeting.id });
    // The server's clock moves past the start (and past the access tokens' lifetime: they refresh on their own).
    server.clock.advance(90 * 60_000);
    const mine = await alice.api.ratings.rateUser({ body: { ratedId: b.id, meetingId: meeting.id, rating: 5 } });
    expect(mine).toMatchObject({ raterId: a.id, ratedId: b.id, pending: true });
    await bob.api.ratings.rateUser({ body: { ratedId: a.id, meetingId: meeting.id, rating: 4, comment: 'Fun' } });
    const ofBob = await carol.api.ratings.listUserRatings({ userId: b.id });
    expect(ofBob.items.map((r) => r.rating)).toEqual([5]);
  });

  it('logout, and then every route in the document has been called', async () => {
    const other = client();
    await other.login(a.email, a.password);
    await other.api.auth.logout();
    expect(other.userId).toBeNull();
    expect([...operationsReached(log)].sort()).toEqual(allOperations().sort());
  });
});

describe('errors are typed problems', () => {
  it('a 422 carries its code and detail', async () => {
    const error = await alice.api.blocks.blockUser({ body: { userId: a.id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'CANNOT_BLOCK_SELF' });
    expect((error as ApiError).detail).toBeTruthy();
  });

  it('a 400 names the offending fields', async () => {
    const error = (await client()
      .api.users.registerUser({ body: { email: 'not-an-email', password: 'short', displayName: 'X' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors.length).toBeGreaterThan(0);
    expect(error.fieldError(error.errors[0]!.field)).toBe(error.errors[0]!.message);
    expect(error.errors.map((e) => e.field).some((f) => f === 'body.email' || f === 'body.password')).toBe(true);
  });

  it('a 404 for something invisible', async () => {
    await expect(alice.api.users.getUser({ id: 2_000_000_000 })).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});
