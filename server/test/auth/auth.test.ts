import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('registration', () => {
  it('returns the user with tokens', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/users/',
      payload: { email: 'Ada@Example.com', password: 'long enough pw', displayName: 'Ada', interests: ['Chess'] },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ displayName: 'Ada', email: 'ada@example.com', interests: ['chess'] });
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body.refreshToken).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('user.passwordHash');
  });

  it('rejects a taken email, whatever its case, with 409 EMAIL_TAKEN', async () => {
    const first = await registerUser(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/users/',
      payload: { email: first.email.toUpperCase(), password: 'long enough pw', displayName: 'Copy' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'EMAIL_TAKEN', status: 409 });
  });
});

describe('login', () => {
  it('logs in with the right password and refuses a wrong one', async () => {
    const user = await registerUser(t.app);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.id).toBe(user.id);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: 'wrong password' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('INVALID_CREDENTIALS');
  });
});

describe('refresh tokens', () => {
  it('rotates, and a reused refresh token revokes the whole family', async () => {
    const user = await registerUser(t.app);
    const first = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(first.statusCode).toBe(200);
    const rotated = first.json<{ refreshToken: string }>().refreshToken;
    expect(rotated).not.toBe(user.refreshToken);

    const reuse = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('INVALID_TOKEN');

    // The thief's replay killed the family: the legitimate newest token is dead too.
    const after = await t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: rotated } });
    expect(after.statusCode).toBe(401);
  });
});

describe('access tokens', () => {
  it('refuses a request without a token with 401 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/users/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses an expired token', async () => {
    const user = await registerUser(t.app);
    t.clock.advance((t.config.accessTokenTtlSeconds + 1) * 1000);
    const res = await t.app.inject({ method: 'GET', url: '/users/me', headers: user.auth });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_TOKEN');
  });

  it('refuses a token it accepted before, once it has expired', async () => {
    const user = await registerUser(t.app);
    const me = () => t.app.inject({ method: 'GET', url: '/users/me', headers: user.auth });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance((t.config.accessTokenTtlSeconds + 1) * 1000);
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_TOKEN', detail: 'The access token has expired' });
  });
});
