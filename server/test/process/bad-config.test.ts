import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, freePort, mainEntry, migrateEntry, runToExit, stackTrace, tempDataDir } from './server-process.js';

// Configuration is checked before any database is opened, so one project is enough.
describe.skipIf(process.env.TEST_DATABASE === 'postgres')('bad configuration', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDataDir();
  });
  afterAll(cleanUp);

  async function expectRefused(entry: string, env: Record<string, string>, mentions: string): Promise<void> {
    const run = await runToExit(entry, { DATA_DIR: dataDir, ...env });
    expect(run.code, run.output).not.toBe(0);
    expect(run.signal).toBeNull();
    expect(run.output).toMatch(/^Invalid configuration: /m);
    expect(run.output).toContain(mentions);
    expect(run.output).not.toMatch(stackTrace);
  }

  it('refuses to start the server with a PORT that is not a number', async () => {
    await expectRefused(mainEntry, { PORT: 'abc' }, 'PORT');
  });

  it('refuses to start the server with DATABASE_URL but no JWT_SECRET', async () => {
    await expectRefused(
      mainEntry,
      { PORT: String(await freePort()), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      'JWT_SECRET',
    );
  });

  it('refuses to run migrations with bad configuration', async () => {
    await expectRefused(migrateEntry, { LOG_LEVEL: 'loud' }, 'LOG_LEVEL');
  });
});
