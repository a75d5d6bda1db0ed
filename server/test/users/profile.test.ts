import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { manyRegistrations, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(manyRegistrations);
});
afterAll(() => t.close());

const card = { jobTitle: 'Engineer', company: 'Acme', links: [{ label: 'Site', url: 'https://ada.example.com' }] };
const getMe = (user: TestUser) => t.app.inject({ method: 'GET', url: '/users/me', headers: user.auth });
const getUser = (user: TestUser, id: number | string) =>
  t.app.inject({ method: 'GET', url: `/users/${id}`, headers: user.auth });
const patchMe = (user: TestUser, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url: '/users/me', headers: user.auth, payload: payload as object });

describe('GET /users/me', () => {
  it('returns your own profile with its private fields', async () => {
    const ada = await registerUser(t.app, { displayName: 'Ada', nameCard: card, hideDistance: true });
    const res = await getMe(ada);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: ada.id,
      email: ada.email,
      displayName: 'Ada',
      isDiscoverable: true,
      hideDistance: true,
      nameCard: card,
    });
  });
});

describe('GET /users/:id', () => {
  it('shows another user only the public profile and its rating summary', async () => {
    const ada = await registerUser(t.app, { displayName: 'Ada', bio: 'Engines', nameCard: card });
    const bob = await registerUser(t.app);
    const res = await getUser(bob, ada.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: ada.id,
      displayName: 'Ada',
      bio: 'Engines',
      interests: [],
      avatarUrl: null,
      createdAt: expect.any(String),
      ratingSummary: { average: null, count: 0 },
    });
  });

  it('adds the name card, and nothing else private, for a user who collected it', async () => {
    const ada = await registerUser(t.app, { displayName: 'Ada', nameCard: card });
    const bob = await registerUser(t.app);
    const before = (await getUser(bob, ada.id)).json();
    const room = await t.app.inject({
      method: 'POST',
      url: '/chat/rooms/',
      headers: bob.auth,
      payload: { participant2Id: ada.id },
    });
    expect(room.statusCode).toBe(201);
    const collected = await t.app.inject({
      method: 'POST',
      url: '/connections/',
      headers: bob.auth,
      payload: { collectedId: ada.id },
    });
    expect(collected.statusCode).toBe(201);
    expect((await getUser(bob, ada.id)).json()).toEqual({ ...before, nameCard: card });
    // Collecting a card does not show the collector's own card to its owner.
    expect((await getUser(ada, bob.id)).json()).not.toHaveProperty('nameCard');
  });

  it('shows the owner every field of their own profile', async () => {
    const ada = await registerUser(t.app, { nameCard: card });
    const res = await getUser(ada, ada.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual((await getMe(ada)).json());
    expect(res.json()).toHaveProperty('email', ada.email);
    expect(res.json()).toHaveProperty('nameCard', card);
  });

  it('answers 404 NOT_FOUND for an unknown user', async () => {
    const ada = await registerUser(t.app);
    const res = await getUser(ada, 2_147_483_647);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it.each(['abc', '1.5', '0', '-3', '2147483648'])('refuses the id %s with 400 VALIDATION_FAILED', async (id) => {
    const ada = await registerUser(t.app);
    const res = await getUser(ada, id);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'params.id' }] });
  });
});

describe('PATCH /users/me', () => {
  it('updates the profile, normalised, and others see the change', async () => {
    const ada = await registerUser(t.app, { avatarUrl: 'https://cdn.example.com/a.png' });
    const bob = await registerUser(t.app);
    const res = await patchMe(ada, {
      displayName: ' Ada King ',
      bio: 'Countess',
      interests: ['Poetry', ' maths'],
      avatarUrl: null,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: 'Ada King',
      bio: 'Countess',
      interests: ['poetry', 'maths'],
      avatarUrl: null,
    });
    expect((await getMe(ada)).json()).toEqual(res.json());
    expect((await getUser(bob, ada.id)).json()).toMatchObject({ displayName: 'Ada King', bio: 'Countess' });
  });

  it('changes the settings isDiscoverable and hideDistance', async () => {
    const ada = await registerUser(t.app);
    const res = await patchMe(ada, { isDiscoverable: false, hideDistance: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isDiscoverable: false, hideDistance: true });
    expect((await patchMe(ada, { isDiscoverable: true })).json()).toMatchObject({
      isDiscoverable: true,
      hideDistance: true,
    });
  });

  it('updates the name card field by field, keeping the fields not sent', async () => {
    const ada = await registerUser(t.app, { nameCard: card });
    const res = await patchMe(ada, { nameCard: { jobTitle: 'Founder' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().nameCard).toEqual({ ...card, jobTitle: 'Founder' });
    const cleared = await patchMe(ada, { nameCard: { company: null, links: [] } });
    expect(cleared.json().nameCard).toEqual({ jobTitle: 'Founder', company: null, links: [] });
  });

  it.each([
    ['an empty body', {}, 'body'],
    ['an unknown field', { displayName: 'New', email: 'new@example.com' }, 'body.email'],
    ['an unknown name-card field', { nameCard: { phone: '123' } }, 'body.nameCard.phone'],
    ['a blank display name', { displayName: ' ' }, 'body.displayName'],
    ['a setting given as a string', { hideDistance: 'true' }, 'body.hideDistance'],
    ['an avatar URL that is not https', { avatarUrl: 'ftp://example.com/a.png' }, 'body.avatarUrl'],
  ])('refuses %s with 400 VALIDATION_FAILED and changes nothing', async (_case, payload, field) => {
    const ada = await registerUser(t.app, { nameCard: card });
    const before = (await getMe(ada)).json();
    const res = await patchMe(ada, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await getMe(ada)).json()).toEqual(before);
  });
});

describe('every users route but registration', () => {
  it.each([
    ['GET', '/users/'],
    ['GET', '/users/me'],
    ['PATCH', '/users/me'],
    ['GET', '/users/1'],
  ])('%s %s refuses a request without a token with 401 UNAUTHENTICATED', async (method, url) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      ...(method === 'PATCH' ? { payload: { bio: 'x' } } : {}),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses a forged token with 401 INVALID_TOKEN', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/users/me',
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_TOKEN');
  });
});
