import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyRegistrations, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(manyRegistrations);
});
afterAll(() => t.close());

const register = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/users/', payload });
const countUsers = async (): Promise<number> =>
  Number(
    (
      await t.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

let emails = 0;
const valid = (): Record<string, unknown> => {
  emails += 1;
  return { email: `person${emails}@example.com`, password: 'long enough pw', displayName: 'Person' };
};

describe('POST /users/', () => {
  it('registers with a full profile, normalised, and returns it with tokens', async () => {
    const res = await register({
      email: 'Grace.Hopper@Example.COM',
      password: 'a very long password',
      displayName: '  Grace Hopper  ',
      bio: 'Compilers, mostly.',
      interests: [' Chess ', 'HIKING', 'chess'],
      avatarUrl: 'https://cdn.example.com/grace.png',
      nameCard: {
        jobTitle: 'Rear admiral',
        company: 'US Navy',
        links: [{ label: 'Site', url: 'https://grace.example.com' }],
      },
      isDiscoverable: false,
      hideDistance: true,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toEqual({
      id: expect.any(Number),
      email: 'grace.hopper@example.com',
      displayName: 'Grace Hopper',
      bio: 'Compilers, mostly.',
      interests: ['chess', 'hiking'],
      avatarUrl: 'https://cdn.example.com/grace.png',
      nameCard: {
        jobTitle: 'Rear admiral',
        company: 'US Navy',
        links: [{ label: 'Site', url: 'https://grace.example.com' }],
      },
      isDiscoverable: false,
      hideDistance: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain('password');

    const me = await t.app.inject({
      method: 'GET',
      url: '/users/me',
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    // A profile read adds the rating summary.
    expect(me.json()).toEqual({ ...body.user, ratingSummary: { average: null, count: 0 } });
  });

  it('gives a minimal registration the default profile and settings', async () => {
    const res = await register({ email: 'min@example.com', password: 'long enough pw', displayName: 'Min' });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({
      displayName: 'Min',
      bio: '',
      interests: [],
      avatarUrl: null,
      nameCard: { jobTitle: null, company: null, links: [] },
      isDiscoverable: true,
      hideDistance: false,
    });
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'body.email'],
    ['a password shorter than 8 characters', { password: 'short12' }, 'body.password'],
    ['an unknown field', { role: 'admin' }, 'body.role'],
    ['a display name that is not a string', { displayName: 42 }, 'body.displayName'],
    ['interests that are not a list', { interests: 'chess' }, 'body.interests'],
    ['a setting given as a string', { isDiscoverable: 'yes' }, 'body.isDiscoverable'],
    ['a blank display name', { displayName: '   ' }, 'body.displayName'],
    ['an avatar URL that is not https', { avatarUrl: 'http://cdn.example.com/a.png' }, 'body.avatarUrl'],
    [
      'a name-card link that is not https',
      { nameCard: { links: [{ label: 'x', url: 'javascript:alert(1)' }] } },
      'body.nameCard.links.0.url',
    ],
    ['a missing password', { password: undefined }, 'body.password'],
  ])('refuses %s with 400 VALIDATION_FAILED and creates nobody', async (_case, change, field) => {
    const before = await countUsers();
    const res = await register({ ...valid(), ...change });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countUsers()).toBe(before);
  });
});
