import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json<Document>();
});
afterAll(() => t.close());

const key = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`;

/** "METHOD /path" of every route the app serves, read from Fastify's route tree. */
function registeredRoutes(tree: string): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    prefixes.length = depth;
    const path = `${prefixes.join('')}${match[2]}`;
    prefixes.push(match[2]!);
    for (const method of match[3]?.split(', ') ?? []) routes.push(key(method, path));
  }
  return routes;
}

const operations = (): [string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, Operation] => [key(method, path), op]),
  );

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document, served without a token', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it('lists every route the app serves', () => {
    const served = registeredRoutes(t.app.printRoutes({ commonPrefix: false }))
      .filter((r) => !/^(HEAD|OPTIONS) /.test(r))
      // The documentation's own routes, and the Prometheus scrape, which is not part of the JSON API.
      .filter((r) => !/^GET \/(docs|openapi\.json|metrics$)/.test(r));
    expect(served).toContain('POST /blocks');
    expect(served).toContain('DELETE /blocks/{userId}');
    const documented = operations().map(([k]) => k);
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !served.includes(r))).toEqual([]);
  });

  it('gives every operation an id, a summary and a tag', () => {
    for (const [name, op] of operations()) {
      expect({ name, operationId: op.operationId, summary: op.summary, tags: op.tags?.length }).toEqual({
        name,
        operationId: expect.any(String),
        summary: expect.any(String),
        tags: 1,
      });
    }
    const ids = operations().map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents 401 on every protected operation, and 400, 413 and 415 on every one with a body', () => {
    const missing = operations().flatMap(([name, op]) => {
      const expected = [
        ...(op.security?.length === 0 ? [] : ['401']),
        ...(op.requestBody ? ['400', '413', '415'] : []),
      ];
      return expected.filter((status) => !(status in op.responses)).map((status) => `${name} ${status}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('every operation the document marks as protected', () => {
  it('refuses a request without a token with 401 UNAUTHENTICATED, and the public ones do not', async () => {
    const wrong: string[] = [];
    for (const [name, op] of operations()) {
      const [method, path] = name.split(' ') as [string, string];
      const res = await t.app.inject({
        method: method as 'GET',
        url: path.replace(/\{\w+\}/g, '1'),
        ...(op.requestBody ? { payload: {} } : {}),
      });
      const isPublic = op.security?.length === 0;
      if ((res.statusCode === 401) === isPublic) wrong.push(`${name} answered ${res.statusCode}`);
      if (!isPublic && res.statusCode === 401 && res.json().code !== 'UNAUTHENTICATED') wrong.push(`${name} code`);
    }
    expect(wrong).toEqual([]);
  });
});
