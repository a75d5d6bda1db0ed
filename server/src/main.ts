import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir.js';
import { openConfiguredDatabase } from './db/open.js';
import { migrateToLatest } from './db/migrator.js';
import { loggerOptions } from './logging.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { database, jwtSecret, unlock } = await openConfiguredDatabase(config);
  await migrateToLatest(database.db);
  const app = await buildApp({ config: { ...config, jwtSecret }, database, logger: loggerOptions(config.logLevel) });

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      await unlock();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    `Icebreaker is running on http://localhost:${config.port}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Icebreaker failed to start:', error);
  }
  process.exit(1);
});
