import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const refresh = (refreshToken: string) =>
  t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });

describe('POST /auth/logout', () => {
  it('ends the session with 204: its refresh token no longer works', async () => {
    const user = await registerUser(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: user.auth });
    expect(res.statusCode).toBe(204);
    const after = await refresh(user.refreshToken);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
  });

  it('also revokes refresh tokens the session rotated to before logging out', async () => {
    const user = await registerUser(t.app);
    const rotated = (await refresh(user.refreshToken)).json<{ accessToken: string; refreshToken: string }>();
    await t.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${rotated.accessToken}` },
    });
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
  });

  it('leaves the same user’s other sessions alive', async () => {
    const user = await registerUser(t.app);
    const other = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    await t.app.inject({ method: 'POST', url: '/auth/logout', headers: user.auth });
    expect((await refresh(other.json<{ refreshToken: string }>().refreshToken)).statusCode).toBe(200);
  });

  it('refuses a request without a token with 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/logout' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});
