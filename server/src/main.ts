// First, so the flags hold before anything runs.
import './v8-flags.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import type { Database } from './db/database.js';
import { DataDirLockedError } from './db/data-dir.js';
import { openConfiguredDatabase } from './db/open.js';
import { migrateToLatest } from './db/migrator.js';
import { loggerOptions } from './logging.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { database, jwtSecret, unlock } = await openConfiguredDatabase(config);
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(database.db);
    app = await buildApp({ config: { ...config, jwtSecret }, database, logger: loggerOptions(config.logLevel) });
    closeOnSignals(app, database, unlock);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // Close the database and release the data folder even when startup fails.
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    await unlock().catch(() => {});
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    `Icebreaker is running on http://localhost:${port}`,
  );
}

/** Stops accepting connections, lets in-flight requests finish, closes the database, releases the folder. */
function closeOnSignals(app: FastifyInstance, database: Database, unlock: () => Promise<void>): void {
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
  // `on`, not `once`: a repeated signal (Ctrl-C twice, or a supervisor and the
  // terminal both) must not kill the process halfway through closing the database.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Icebreaker failed to start:', error);
  }
  process.exit(1);
});
