import type { Config } from '../config.js';
import { openDatabase, type Database } from './database.js';
import { embeddedJwtSecret, lockDataDir } from './data-dir.js';

/** Opens the configured database: PostgreSQL, or PGlite in a locked data folder. */
export async function openConfiguredDatabase(
  config: Config,
): Promise<{ database: Database; jwtSecret: string; unlock: () => Promise<void> }> {
  if (config.databaseUrl) {
    const database = await openDatabase({
      kind: 'postgres',
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
      poolIdleSeconds: config.databasePoolIdleSeconds,
      preparedStatements: config.databasePreparedStatements,
    });
    return { database, jwtSecret: config.jwtSecret as string, unlock: async () => {} };
  }
  const unlock = await lockDataDir(config.dataDir);
  try {
    const jwtSecret = config.jwtSecret ?? (await embeddedJwtSecret(config.dataDir));
    const database = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    return { database, jwtSecret, unlock };
  } catch (error) {
    await unlock();
    throw error;
  }
}
