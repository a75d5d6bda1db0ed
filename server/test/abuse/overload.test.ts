import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('overload guard', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Any heap is "too much": the process counts as overloaded from its first sample on.
    t = await startTestApp({ overload: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 1, retryAfterSeconds: 7 } });
  });
  afterAll(() => t.close());

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, and keeps health, readiness and metrics answering', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/users/' });
    for (let waited = 0; res.statusCode !== 503 && waited < 5_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      res = await t.app.inject({ method: 'GET', url: '/users/' });
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });

    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^process_overloaded 1$/m);
  });
});
