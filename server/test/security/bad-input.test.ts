import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { createSigner } from 'fast-jwt';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/http/errors.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { badRequests, type BadRequest } from './bad-requests.js';
import { databaseDigest } from './db-digest.js';
import { operations } from './openapi-operations.js';
import { buildWorld, generousLimits, type World } from './world.js';

const RUNS = 30;

/** Well-formed tokens that must not pass: another key, and the app's own key with a bad claim or algorithm. */
function forgedTokens(): string[] {
  const now = Math.floor(t.clock.now().getTime() / 1000);
  const claims = { sub: String(w.owner.id), sid: 'forged', iss: 'icebreaker', aud: 'icebreaker-api', exp: now + 600 };
  const sign = (key: string, algorithm: 'HS256' | 'HS512' = 'HS256') =>
    createSigner({ key, algorithm, noTimestamp: true });
  const own = sign(t.config.jwtSecret);
  return [
    sign(randomBytes(32).toString('hex'))(claims),
    own({ ...claims, exp: now - 60 }),
    own({ ...claims, iss: 'someone-else' }),
    own({ ...claims, aud: 'another-api' }),
    own({ ...claims, sub: 'not-a-number' }),
    sign(t.config.jwtSecret, 'HS512')(claims),
  ];
}

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await startTestApp(generousLimits);
  w = await buildWorld(t, 2);
}, 120_000);
afterAll(() => t?.close());

/** A clean refusal: 4xx problem+json with a catalogued code that matches the status, and nothing internal. */
function expectRefusal(res: LightMyRequestResponse, request: BadRequest): void {
  const what = `${request.kind}: ${request.method} ${request.url.slice(0, 120)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (!request.mustRefuse && res.statusCode < 400) return;
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  const body = res.json<{ code: keyof typeof errorCatalogue; status: number }>();
  expect(Object.keys(errorCatalogue), what).toContain(body.code);
  expect(errorCatalogue[body.code].status, what).toBe(res.statusCode);
  expect(body.status, what).toBe(res.statusCode);
  expect(res.body, what).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|SELECT |syntax error/i);
}

describe('bad input to every route', () => {
  it.each(operations.filter((op) => op.key !== 'GET /ws').map((op) => [op.key, op] as const))(
    '%s refuses generated bad requests with a 4xx problem and changes nothing',
    async (_key, op) => {
      const before = await databaseDigest(t.db);
      const callers = op.public ? [undefined, w.owner.auth] : [w.owner.auth];
      await fc.assert(
        fc.asyncProperty(
          badRequests(op, t.config.bodyLimitBytes, forgedTokens()),
          fc.constantFrom(...callers),
          async (request, auth) => {
            const res = await t.app.inject({
              method: request.method as 'GET',
              url: request.url,
              headers: { ...auth, ...request.headers },
              ...(request.payload === undefined ? {} : { payload: request.payload }),
            });
            expectRefusal(res, request);
          },
        ),
        { numRuns: RUNS },
      );
      expect(await databaseDigest(t.db)).toEqual(before);
    },
  );

  it('refuses a path that is not valid percent-encoded UTF-8 with a 400 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/users/%ED%A0%80', headers: w.owner.auth });
    expectRefusal(res, {
      kind: 'bad path encoding',
      mustRefuse: true,
      method: 'GET',
      url: '/users/%ED%A0%80',
      headers: {},
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a path parameter past the length limit with a 400 problem', async () => {
    const url = `/activities/${'9'.repeat(300)}`;
    const res = await t.app.inject({ method: 'GET', url, headers: w.owner.auth });
    expectRefusal(res, { kind: 'long path parameter', mustRefuse: true, method: 'GET', url, headers: {} });
    expect(res.statusCode).toBe(400);
  });

  it('refuses half a surrogate pair in a text field with 400 VALIDATION_FAILED naming it, and stores nothing', async () => {
    const before = await databaseDigest(t.db);
    const payload = '{"displayName":"Ann\\ud800"}';
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/users/me',
      headers: { ...w.owner.auth, 'content-type': 'application/json' },
      payload,
    });
    expectRefusal(res, { kind: 'lone surrogate', mustRefuse: true, method: 'PATCH', url: '/users/me', headers: {} });
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body.displayName' }] });
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('still serves good requests afterwards', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/users/me', headers: w.owner.auth });
    expect(res.statusCode).toBe(200);
  });
});
