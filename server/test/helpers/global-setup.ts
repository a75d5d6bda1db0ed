import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Runs once: builds a migrated PGlite data folder that every test file loads
 * (much faster than initdb per file) and installs PostgreSQL's extensions in
 * `public`, where every per-file test schema finds them.
 */
export default async function setup(project: TestProject): Promise<void> {
  const template = join(tmpdir(), `icebreaker-pglite-template-${process.pid}.tar`);
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  await writeFile(template, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', template);

  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance;');
    await client.end();
  }
}
