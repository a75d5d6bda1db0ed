import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../server/src/db/database.js';
import { migrateToLatest } from '../../../server/src/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

const sdkRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs once: a migrated PGlite data folder that every test server starts
 * from (much faster than migrating per file), and the SDK built to `dist`,
 * which the example imports as `@icebreaker/sdk`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = promisify(execFile)(process.execPath, [tsc, '-p', sdkRoot]);
  const template = join(tmpdir(), `icebreaker-sdk-pglite-template-${process.pid}.tar`);
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  await writeFile(template, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', template);
  await build;
  return () => rm(template, { force: true });
}
