import { ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError } from './data-dir.js';
import { openConfiguredDatabase } from './open.js';
import { migrateToLatest } from './migrator.js';

async function migrate(): Promise<void> {
  const config = loadConfig();
  const { database, unlock } = await openConfiguredDatabase(config);
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await database.close();
    await unlock();
  }
}

migrate().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Migration failed:', error);
  }
  process.exitCode = 1;
});
