import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import WebSocket, { type ClientOptions } from 'ws';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { DB } from '../../src/db/schema.js';
import { ManualClock } from '../../src/lib/clock.js';
import { loggerOptions } from '../../src/logging.js';
import { transactionWithEvents } from '../../src/modules/events/publish.js';
import { InProcessBus } from '../../src/realtime/bus.js';
import { openTestDatabase } from '../helpers/test-app.js';

export interface Frame {
  type: string;
  data: Record<string, unknown>;
  cursor?: number;
}

export interface Gateway {
  app: FastifyInstance;
  db: Kysely<DB>;
  clock: ManualClock;
  /** Enough of the app's context to write events the way services do. */
  ctx: AppContext;
  url: string;
  logs: string[];
  /** Writes one durable event per entry for `userId`, in one transaction. */
  emit(userId: number, count: number, type?: string): Promise<void>;
  close(): Promise<void>;
}

/** Settings to change; the `websocket` and `events` sections merge with the defaults. */
export type GatewayOverrides = Omit<Partial<Config>, 'websocket' | 'events'> & {
  websocket?: Partial<Config['websocket']>;
  events?: Partial<Config['events']>;
};

/** The app on a real port, with its bus and clock in the test's hands. */
export async function startGateway(
  overrides: GatewayOverrides = {},
  options: { captureLogs?: boolean } = {},
): Promise<Gateway> {
  const { database, drop } = await openTestDatabase();
  const clock = new ManualClock('2026-06-01T12:00:00.000Z');
  const bus = new InProcessBus();
  const defaults = loadConfig({});
  const config: Config & { jwtSecret: string } = {
    ...defaults,
    ...overrides,
    websocket: { ...defaults.websocket, ...overrides.websocket },
    events: { ...defaults.events, ...overrides.events },
    jwtSecret: randomBytes(32).toString('hex'),
  };
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = options.captureLogs ? { ...(loggerOptions('trace') as object), stream } : false;
  const app = await buildApp({ config, database, clock, bus, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const ctx = { db: database.db, clock, bus, config } as unknown as AppContext;
  let counter = 0;
  return {
    app,
    db: database.db,
    clock,
    ctx,
    url: `ws://127.0.0.1:${port}/ws`,
    logs,
    emit: (userId, count, type = 'test.event') =>
      transactionWithEvents(ctx, async (_trx, events) => {
        for (let i = 0; i < count; i += 1) events.emit([userId], type, { n: (counter += 1) });
      }),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** A `ws` client that records every frame and its close. */
export class TestSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.notify();
      });
    });
    ws.on('error', () => {});
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, protocols?: string[], options: ClientOptions = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, protocols, options);
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Opens a socket and authenticates with an access token in the first frame. */
  static async withToken(url: string, token: string, cursor?: number): Promise<TestSocket> {
    const socket = await TestSocket.open(url);
    socket.send({ type: 'auth', data: cursor === undefined ? { token } : { token, cursor } });
    return socket;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame matching, waiting for it if needed. */
  async waitFor(match: (frame: Frame) => boolean, timeoutMs = 5_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForType(type: string, timeoutMs?: number): Promise<Frame> {
    return this.waitFor((f) => f.type === type, timeoutMs);
  }

  /** Waits until `count` durable frames have arrived, and returns them. */
  async durable(count: number, timeoutMs = 10_000): Promise<Frame[]> {
    await this.waitFor(() => this.cursors().length >= count, timeoutMs).catch(() => undefined);
    return this.frames.filter((f) => f.cursor !== undefined);
  }

  cursors(): number[] {
    return this.frames.flatMap((f) => (f.cursor === undefined ? [] : [f.cursor]));
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
