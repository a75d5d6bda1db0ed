import type { InjectOptions } from 'fastify';
import type { Actor } from '../activities/helpers.js';
import type { freshResources, Role, World } from './world.js';

export interface MatrixContext {
  w: World;
  fresh: ReturnType<typeof freshResources>;
  /** Who sends the request (the owner for `anonymous`, whose token is then left off). */
  actor: Actor;
}

type Request = Omit<InjectOptions, 'headers'> & { method: string; url: string; headers?: Record<string, string> };

export interface MatrixEntry {
  /** Reachable without a token: the status is the same whether or not one is sent. */
  public?: true;
  /**
   * The status per role. `participant` and `stranger` are left out where the
   * route names no resource of someone else's (it acts on the caller's own data).
   */
  expect: { anonymous: number; owner: number; participant?: number; stranger?: number };
  request(role: Role, c: MatrixContext): Request | Promise<Request>;
}

const get = (url: string): Request => ({ method: 'GET', url });

/** Every operation of the OpenAPI document, by `METHOD path`. */
export const matrix: Record<string, MatrixEntry> = {
  'GET /health': { public: true, expect: { anonymous: 200, owner: 200 }, request: () => get('/health') },
  'GET /ready': { public: true, expect: { anonymous: 200, owner: 200 }, request: () => get('/ready') },
  'POST /auth/login': {
    public: true,
    expect: { anonymous: 200, owner: 200 },
    request: (_r, { w }) => ({
      method: 'POST',
      url: '/auth/login',
      payload: { email: w.owner.email, password: w.owner.password },
    }),
  },
  'POST /auth/refresh': {
    public: true,
    expect: { anonymous: 200, owner: 200 },
    request: async (_r, { fresh }) => ({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: (await fresh.session()).refreshToken },
    }),
  },
  'POST /users/': {
    public: true,
    expect: { anonymous: 201, owner: 201 },
    request: () => ({
      method: 'POST',
      url: '/users/',
      payload: {
        email: `new-${Math.random().toString(36).slice(2)}@example.com`,
        password: 'long enough',
        displayName: 'New',
      },
    }),
  },
  'POST /auth/logout': {
    expect: { anonymous: 401, owner: 204 },
    request: async (role, { fresh }) => {
      const headers: Record<string, string> = {};
      if (role !== 'anonymous') headers.authorization = `Bearer ${(await fresh.session()).accessToken}`;
      return { method: 'POST', url: '/auth/logout', headers };
    },
  },
  'POST /auth/ws-ticket': {
    expect: { anonymous: 401, owner: 200 },
    request: () => ({ method: 'POST', url: '/auth/ws-ticket' }),
  },
  'GET /ws': {
    // The upgrade is checked over a real socket by the test; this is the plain GET without one.
    expect: { anonymous: 400, owner: 400 },
    request: () => get('/ws'),
  },

  'GET /users/': { expect: { anonymous: 401, owner: 200 }, request: () => get('/users/') },
  'GET /users/me': { expect: { anonymous: 401, owner: 200 }, request: () => get('/users/me') },
  'PATCH /users/me': {
    expect: { anonymous: 401, owner: 200 },
    request: () => ({ method: 'PATCH', url: '/users/me', payload: { bio: 'Updated' } }),
  },
  'GET /users/{id}': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 200 },
    request: (_r, { w }) => get(`/users/${w.owner.id}`),
  },
  'GET /users/nearby': {
    expect: { anonymous: 401, owner: 200 },
    request: () => get('/users/nearby?lat=52.52&lon=13.405&radius=1000'),
  },

  'POST /blocks/': {
    expect: { anonymous: 401, owner: 201 },
    request: (_r, { fresh }) => ({ method: 'POST', url: '/blocks/', payload: { userId: fresh.nextExtra().id } }),
  },
  'GET /blocks/': { expect: { anonymous: 401, owner: 200 }, request: () => get('/blocks/') },
  'DELETE /blocks/{userId}': {
    // Someone else's block is invisible: there is nothing of theirs to delete.
    expect: { anonymous: 401, owner: 204, participant: 404, stranger: 404 },
    request: async (_r, { fresh }) => ({ method: 'DELETE', url: `/blocks/${(await fresh.blocked()).id}` }),
  },

  'POST /locations/': {
    // Recording for someone else, by naming their id, is refused.
    expect: { anonymous: 401, owner: 201, stranger: 403 },
    request: (_r, { w }) => ({
      method: 'POST',
      url: '/locations/',
      payload: { userId: w.owner.id, latitude: 52.5201, longitude: 13.4051 },
    }),
  },
  'GET /locations/batch': {
    expect: { anonymous: 401, owner: 200 },
    request: (_r, { w }) => get(`/locations/batch?userIds=${w.owner.id},${w.participant.id}`),
  },
  'GET /locations/{user_id}': {
    expect: { anonymous: 401, owner: 200, participant: 403, stranger: 403 },
    request: (_r, { w }) => get(`/locations/${w.owner.id}`),
  },

  'POST /chat/rooms/': {
    // The pair's room already exists; a stranger may not open it on the owner's behalf.
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 403 },
    request: (role, { w }) => ({
      method: 'POST',
      url: '/chat/rooms/',
      payload:
        role === 'participant'
          ? { participant2Id: w.owner.id }
          : { participant1Id: w.owner.id, participant2Id: w.participant.id },
    }),
  },
  'GET /chat/rooms/': { expect: { anonymous: 401, owner: 200 }, request: () => get('/chat/rooms/') },
  'GET /chat/rooms/{id}': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 404 },
    request: (_r, { w }) => get(`/chat/rooms/${w.room.id}`),
  },
  'GET /chat/rooms/{id}/messages': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 404 },
    request: (_r, { w }) => get(`/chat/rooms/${w.room.id}/messages`),
  },
  'POST /chat/messages/': {
    expect: { anonymous: 401, owner: 201, participant: 201, stranger: 404 },
    request: (_r, { w }) => ({
      method: 'POST',
      url: '/chat/messages/',
      payload: { chatRoomId: w.room.id, content: 'Matrix says hi' },
    }),
  },
  'PUT /chat/rooms/{id}/read': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 404 },
    request: (_r, { w }) => ({ method: 'PUT', url: `/chat/rooms/${w.room.id}/read`, payload: { lastReadSeq: 1 } }),
  },

  'POST /activities/': {
    expect: { anonymous: 401, owner: 201, stranger: 403 },
    request: (_r, { w }) => {
      const start = new Date(w.upcoming.startTime).getTime();
      return {
        method: 'POST',
        url: '/activities/',
        payload: {
          creatorId: w.owner.id,
          title: 'Matrix walk',
          startTime: new Date(start).toISOString(),
          endTime: new Date(start + 3_600_000).toISOString(),
          maxParticipants: 4,
        },
      };
    },
  },
  'GET /activities/': { expect: { anonymous: 401, owner: 200 }, request: () => get('/activities/') },
  'GET /activities/{id}': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 200 },
    request: (_r, { w }) => get(`/activities/${w.upcoming.id}`),
  },
  'PUT /activities/{id}': {
    expect: { anonymous: 401, owner: 200, participant: 403, stranger: 403 },
    request: async (_r, { fresh }) => ({
      method: 'PUT',
      url: `/activities/${(await fresh.activity()).id}`,
      payload: { title: 'Renamed' },
    }),
  },
  'DELETE /activities/{id}': {
    expect: { anonymous: 401, owner: 204, participant: 403, stranger: 403 },
    request: async (_r, { fresh }) => ({ method: 'DELETE', url: `/activities/${(await fresh.activity()).id}` }),
  },
  'POST /activities/{id}/join': {
    // Joining again changes nothing and answers 200; a stranger joins.
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 201 },
    request: async (_r, { fresh }) => ({ method: 'POST', url: `/activities/${(await fresh.activity()).id}/join` }),
  },
  'POST /activities/{id}/leave': {
    // The creator cannot leave their own activity; a stranger has nothing to leave.
    expect: { anonymous: 401, owner: 422, participant: 200, stranger: 409 },
    request: async (_r, { fresh }) => ({ method: 'POST', url: `/activities/${(await fresh.activity()).id}/leave` }),
  },
  'GET /activities/{id}/participants': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 200 },
    request: (_r, { w }) => get(`/activities/${w.meeting.id}/participants`),
  },

  'POST /invitations/': {
    expect: { anonymous: 401, owner: 201, stranger: 403 },
    request: async (_r, { w, fresh }) => {
      const activity = await fresh.activity();
      return {
        method: 'POST',
        url: '/invitations/',
        payload: { senderId: w.owner.id, receiverId: w.stranger.id, activityId: activity.id },
      };
    },
  },
  'GET /invitations/': { expect: { anonymous: 401, owner: 200 }, request: () => get('/invitations/') },
  'GET /invitations/{id}': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 404 },
    request: (_r, { w }) => get(`/invitations/${w.invitation.id}`),
  },
  'PUT /invitations/{id}/accept': {
    expect: { anonymous: 401, owner: 403, participant: 200, stranger: 404 },
    request: async (_r, { fresh }) => ({ method: 'PUT', url: `/invitations/${(await fresh.invitation()).id}/accept` }),
  },
  'PUT /invitations/{id}/decline': {
    expect: { anonymous: 401, owner: 403, participant: 200, stranger: 404 },
    request: async (_r, { fresh }) => ({
      method: 'PUT',
      url: `/invitations/${(await fresh.invitation()).id}/decline`,
    }),
  },
  'PUT /invitations/{id}/cancel': {
    expect: { anonymous: 401, owner: 200, participant: 403, stranger: 404 },
    request: async (_r, { fresh }) => ({ method: 'PUT', url: `/invitations/${(await fresh.invitation()).id}/cancel` }),
  },

  'POST /connections/': {
    expect: { anonymous: 401, owner: 201, stranger: 403 },
    request: (_r, { w, fresh }) => ({
      method: 'POST',
      url: '/connections/',
      payload: { collectorId: w.owner.id, collectedId: fresh.nextExtra().id },
    }),
  },
  'GET /connections/': { expect: { anonymous: 401, owner: 200 }, request: () => get('/connections/') },
  'GET /connections/{id}': {
    // A connection is the collector's own record: the collected user does not see it.
    expect: { anonymous: 401, owner: 200, participant: 404, stranger: 404 },
    request: (_r, { w }) => get(`/connections/${w.connection.id}`),
  },
  'DELETE /connections/{id}': {
    expect: { anonymous: 401, owner: 204, participant: 404, stranger: 404 },
    request: async (_r, { fresh }) => ({ method: 'DELETE', url: `/connections/${(await fresh.connection()).id}` }),
  },

  'POST /ratings/': {
    expect: { anonymous: 401, owner: 201, stranger: 403 },
    request: (_r, { w, fresh }) => ({
      method: 'POST',
      url: '/ratings/',
      payload: { raterId: w.owner.id, ratedId: fresh.nextExtra().id, meetingId: w.meeting.id, rating: 5 },
    }),
  },
  'GET /ratings/user/{userId}': {
    expect: { anonymous: 401, owner: 200, participant: 200, stranger: 200 },
    request: (_r, { w }) => get(`/ratings/user/${w.participant.id}`),
  },
};
