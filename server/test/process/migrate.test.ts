import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, migrateEntry, runToExit, stackTrace, tempDataDir } from './server-process.js';

// `npm run migrate` on the embedded database; the PostgreSQL variant is in postgres.test.ts.
describe.skipIf(process.env.TEST_DATABASE === 'postgres')('the migrate command on a data folder', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDataDir();
  });
  afterAll(cleanUp);

  it('applies every migration to a fresh data folder', async () => {
    const run = await runToExit(migrateEntry, { DATA_DIR: dataDir }, 60_000);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/^Applied: 0001-foundation/m);
    expect(run.output).not.toMatch(stackTrace);
  }, 60_000);

  it('says the database is up to date on a second run', async () => {
    const run = await runToExit(migrateEntry, { DATA_DIR: dataDir });
    expect(run.code, run.output).toBe(0);
    expect(run.output.trim()).toBe('The database is up to date.');
  });
});
