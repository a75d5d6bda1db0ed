import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanUp,
  freePort,
  holdRequest,
  migrateEntry,
  runToExit,
  ServerProcess,
  stackTrace,
  startServer,
  tempDataDir,
} from './server-process.js';

interface Session {
  user: { id: number };
  accessToken: string;
}

// The embedded mode does not depend on the test database: run it once, in the PGlite project.
// The tests form one story on one data folder, so they run in order.
describe.skipIf(process.env.TEST_DATABASE === 'postgres')('embedded default (PGlite in DATA_DIR)', () => {
  const password = 'correct horse battery';
  const ada = { email: 'ada@example.com', password, displayName: 'Ada' };
  const late = { email: 'late@example.com', password, displayName: 'Late' };
  let dataDir: string;
  let server: ServerProcess;
  let adaSession: Session;

  beforeAll(async () => {
    dataDir = await tempDataDir();
    server = await startServer({ DATA_DIR: dataDir });
  }, 90_000);
  afterAll(cleanUp);

  const lockPath = (): string => join(dataDir, 'icebreaker.lock');

  it('answers /health and /ready and registers a user with no configuration but PORT and DATA_DIR', async () => {
    expect((await server.request('GET', '/health')).status, server.output).toBe(200);
    const ready = await server.request('GET', '/ready');
    expect(ready, server.output).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', bus: 'ok' } },
    });

    const registered = await server.request('POST', '/users/', { body: ada });
    expect(registered.status, server.output).toBe(201);
    adaSession = registered.body as Session;
    expect(adaSession.accessToken).toEqual(expect.any(String));
    expect(existsSync(lockPath())).toBe(true);
  });

  it('refuses a second process on the same data directory while the first keeps serving', async () => {
    const second = new ServerProcess(await freePort(), { DATA_DIR: dataDir });
    const exit = await second.waitForExit();
    expect(exit.code, second.output).not.toBe(0);
    expect(second.output).toMatch(/data directory .+ is in use by another Icebreaker process/);
    expect(second.output).not.toMatch(stackTrace);

    expect((await server.request('GET', '/ready')).status, server.output).toBe(200);
    const me = await server.request('GET', '/users/me', { token: adaSession.accessToken });
    expect(me.status, server.output).toBe(200);
  });

  it('lets an in-flight request finish on SIGTERM, then exits 0 promptly and releases the data directory', async () => {
    const registration = await holdRequest(server, '/users/', late);

    const stopping = server.stop('SIGTERM');
    await server.waitForOutput(/"shutting down"/);
    // New connections are refused, but the request the server already has goes on, database included.
    await expect.poll(() => server.acceptsConnections(), { timeout: 5_000 }).toBe(false);
    const res = await registration.finish();
    expect(res.status, `${res.text}\n${server.output}`).toBe(201);

    const exit = await stopping;
    expect(exit, server.output).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);
    expect(existsSync(lockPath())).toBe(false);
  });

  it('keeps its users and its generated signing secret across a restart', async () => {
    server = await startServer({ DATA_DIR: dataDir });

    const login = await server.request('POST', '/auth/login', { body: { email: ada.email, password } });
    expect(login.status, server.output).toBe(200);
    expect((login.body as Session).user.id).toBe(adaSession.user.id);
    // A token signed before the restart still verifies: the secret was kept beside the data.
    const me = await server.request('GET', '/users/me', { token: adaSession.accessToken });
    expect(me.status, server.output).toBe(200);
    expect(me.body).toMatchObject({ id: adaSession.user.id, email: ada.email });
    // The registration that was in flight at the shutdown was committed.
    const lateLogin = await server.request('POST', '/auth/login', { body: { email: late.email, password } });
    expect(lateLogin.status, server.output).toBe(200);
  });

  it('exits 0 on SIGINT, even a repeated one, and a new process can then take the data directory', async () => {
    // A request in flight keeps the shutdown going while Ctrl-C arrives a second time
    // (a terminal often delivers it both directly and through npm).
    const login = await holdRequest(server, '/auth/login', { email: ada.email, password });
    const stopping = server.stop('SIGINT');
    await server.waitForOutput(/"shutting down"/);
    server.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.running, server.output).toBe(true);
    expect((await login.finish()).status, server.output).toBe(200);

    const exit = await stopping;
    expect(exit, server.output).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);
    expect(existsSync(lockPath())).toBe(false);

    const migrate = await runToExit(migrateEntry, { DATA_DIR: dataDir });
    expect(migrate.code, migrate.output).toBe(0);
    expect(migrate.output).toContain('The database is up to date.');
  });
});
