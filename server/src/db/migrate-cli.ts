import { loadConfig } from '../config.js';
import { openConfiguredDatabase } from './open.js';
import { migrateToLatest } from './migrator.js';

const config = loadConfig();
const { database, unlock } = await openConfiguredDatabase(config);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
  await unlock();
}
