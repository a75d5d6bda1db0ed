import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const indexHtml = '<!doctype html><title>Icebreaker</title><div id="root"></div>';
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function buildFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'icebreaker-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), indexHtml);
  await writeFile(join(dir, 'assets', 'index-Abc123.js'), 'console.log("app")');
  await writeFile(join(dir, 'robots.txt'), 'User-agent: *');
  return dir;
}

describe('the web app served at /', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = await buildFolder();
    t = await startTestApp({ webDir: dir });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers / with index.html, never cached, under a strict Content-Security-Policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(indexHtml);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('answers / with index.html to a client that does not ask for HTML too (curl, a health probe)', async () => {
    for (const headers of [{}, { accept: '*/*' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/', headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(indexHtml);
    }
  });

  it('answers a path inside the app that a browser navigates to with index.html, GET and HEAD', async () => {
    for (const url of ['/chats/3', '/meetups/12/edit', '/people/7?tab=cards', '/inbox']) {
      const res = await t.app.inject({ method: 'GET', url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(indexHtml);
      expect(res.headers['content-security-policy']).toBeDefined();
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/chats/3', headers: html });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
  });

  it('serves hashed assets for a year and other files for revalidation, without a token', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-Abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['cache-control']).toBe('no-cache');
  });

  it('keeps problem+json 404s for API paths, non-HTML requests, other methods and missing files', async () => {
    const cases = [
      { method: 'GET' as const, url: '/users/1/no-such-thing', headers: html },
      { method: 'GET' as const, url: '/chat/rooms/1/nothing', headers: html },
      { method: 'GET' as const, url: '/ws/anything', headers: html },
      { method: 'GET' as const, url: '/chats/3', headers: { accept: 'application/json' } },
      { method: 'GET' as const, url: '/chats/3', headers: {} },
      { method: 'POST' as const, url: '/chats/3', headers: html },
      { method: 'GET' as const, url: '/assets/missing-123.js', headers: {} },
    ];
    for (const request of cases) {
      const res = await t.app.inject(request);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('still asks for a token on API routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/users/me', headers: html });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('leaves the app files out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: object };
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/users/');
    expect(paths.filter((p) => p.startsWith('/assets') || p.endsWith('.html') || p.endsWith('.txt'))).toEqual([]);
  });
});

describe('without a build of the web app', () => {
  it('answers / with the usual 404 problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'icebreaker-no-web-'));
    const t = await startTestApp({ webDir: dir });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/', headers: html });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
