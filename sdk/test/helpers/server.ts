import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../../server/src/app.js';
import { loadConfig, type Config } from '../../../server/src/config.js';
import { openDatabase, type Database } from '../../../server/src/db/database.js';
import { migrateToLatest } from '../../../server/src/db/migrator.js';
import type { Clock } from '../../../server/src/lib/clock.js';

/** Real time, plus whatever a test adds: expires tokens without waiting. */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export type ServerOverrides = Partial<Omit<Config, 'rateLimits'>> & { rateLimits?: Partial<Config['rateLimits']> };

/**
 * The real server app on a real port, with its PGlite database in a data
 * folder of its own. `stop` and `start` take it down and bring it back on
 * the same port and the same data, as a restart would.
 */
export class TestServer {
  readonly clock = new OffsetClock();
  private app: FastifyInstance | undefined;
  private database: Database | undefined;
  private port = 0;
  private readonly config: Config & { jwtSecret: string };

  private constructor(
    private readonly dataDir: string,
    overrides: ServerOverrides,
  ) {
    const defaults = loadConfig({});
    this.config = {
      ...defaults,
      ...overrides,
      rateLimits: {
        ...defaults.rateLimits,
        registerPerMinute: 10_000,
        loginPerMinute: 10_000,
        ...overrides.rateLimits,
      },
      jwtSecret: randomBytes(32).toString('hex'),
    };
  }

  static async start(overrides: ServerOverrides = {}): Promise<TestServer> {
    const folder = await mkdtemp(join(tmpdir(), 'icebreaker-sdk-'));
    const server = new TestServer(join(folder, 'db'), overrides);
    const template = await readFile(inject('pgliteTemplate'));
    await server.start(new Blob([template]));
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.app !== undefined;
  }

  /** The app, to prepare data with `inject` while no socket can reach it yet. */
  get instance(): FastifyInstance {
    if (!this.app) throw new Error('the server is stopped');
    return this.app;
  }

  /** Opens the database and builds the app; listens unless told not to (see `listen`). */
  async start(template?: Blob, options: { listen?: boolean } = {}): Promise<void> {
    this.database = await openDatabase({
      kind: 'pglite',
      dataDir: this.dataDir,
      ...(template ? { loadDataDir: template } : {}),
    });
    await migrateToLatest(this.database.db);
    this.app = await buildApp({ config: this.config, database: this.database, clock: this.clock });
    if (options.listen !== false) await this.listen();
  }

  async listen(): Promise<void> {
    await this.instance.listen({ port: this.port, host: '127.0.0.1' });
    const address = this.instance.server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  /** Closes every socket and the database, as a clean shutdown does. */
  async stop(): Promise<void> {
    await this.app?.close();
    await this.database?.close();
    this.app = undefined;
    this.database = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    await rm(join(this.dataDir, '..'), { recursive: true, force: true });
  }
}
