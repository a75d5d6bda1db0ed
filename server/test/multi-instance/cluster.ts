import { randomBytes } from 'node:crypto';
import { TestSocket, type Frame } from '../realtime/gateway-client.js';
import { admin, withSearchPath } from '../helpers/postgres-admin.js';
import { RedisServer } from '../helpers/redis-server.js';
import { cleanUp, freePort, type ServerProcess, startServer, tempDataDir } from '../process/server-process.js';

/**
 * A deployment of real server processes sharing one PostgreSQL schema and a
 * Redis of their own: a private redis-server, so the test can kill and
 * restart it without touching the Redis other suites use, and so no other
 * suite's bus messages reach these servers.
 */

export interface Session {
  id: number;
  accessToken: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const INSTANCE_NAMES = ['instance-a', 'instance-b'] as const;
export type InstanceName = (typeof INSTANCE_NAMES)[number];

export class Cluster {
  readonly servers: ServerProcess[] = [];
  private counter = 0;

  private constructor(
    readonly schema: string,
    readonly redis: RedisServer,
    private readonly env: Record<string, string>,
  ) {}

  /** A fresh schema, a private Redis, and no servers yet. */
  static async create(): Promise<Cluster> {
    const schema = `multi_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    const redis = new RedisServer(await freePort(), [...INSTANCE_NAMES]);
    const cluster = new Cluster(schema, redis, {
      DATABASE_URL: withSearchPath(process.env.DATABASE_URL!, schema),
      // Tokens signed by one instance must be accepted by the other.
      JWT_SECRET: randomBytes(32).toString('hex'),
      // These tests post as fast as they can; abuse limits are tested elsewhere.
      RATE_LIMIT_MESSAGES_PER_MINUTE: '1000000',
    });
    await redis.start();
    return cluster;
  }

  /**
   * One more server process, connecting to Redis as its own ACL user (named
   * after it). Started one at a time, so only the first runs the migrations.
   */
  async startServer(name: InstanceName): Promise<ServerProcess> {
    const server = await startServer({ ...this.env, REDIS_URL: this.redis.url(name), DATA_DIR: await tempDataDir() });
    this.servers.push(server);
    return server;
  }

  /** Like `startServer`, with settings of its own on top (a short heartbeat, say). */
  async startServerWith(name: InstanceName, env: Record<string, string>): Promise<ServerProcess> {
    const server = await startServer({
      ...this.env,
      REDIS_URL: this.redis.url(name),
      DATA_DIR: await tempDataDir(),
      ...env,
    });
    this.servers.push(server);
    return server;
  }

  /** Drops every Redis connection of one instance and refuses its reconnects; the other keeps its own. */
  async cutOff(name: InstanceName): Promise<void> {
    await this.redis.command('ACL', 'SETUSER', name, 'off');
    await this.redis.command('CLIENT', 'KILL', 'USER', name);
  }

  async reconnect(name: InstanceName): Promise<void> {
    await this.redis.command('ACL', 'SETUSER', name, 'on');
  }

  /** Every child's output, for failure messages. */
  output(): string {
    const servers = this.servers.map((s, i) => `--- server ${i} (:${s.port}) ---\n${s.output}`);
    return [...servers, `--- redis (:${this.redis.port}) ---\n${this.redis.output}`].join('\n');
  }

  async register(server: ServerProcess): Promise<Session> {
    this.counter += 1;
    const body = {
      email: `multi${this.counter}-${randomBytes(4).toString('hex')}@example.com`,
      password: 'correct horse battery',
      displayName: `Multi ${this.counter}`,
    };
    const res = await server.request('POST', '/users/', { body });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status}\n${this.output()}`);
    const session = res.body as { user: { id: number }; accessToken: string };
    return { id: session.user.id, accessToken: session.accessToken };
  }

  async openRoom(server: ServerProcess, a: Session, b: Session): Promise<number> {
    const res = await server.request('POST', '/chat/rooms/', { body: { participant2Id: b.id }, token: a.accessToken });
    if (res.status !== 201) throw new Error(`room creation failed: ${res.status}\n${this.output()}`);
    return (res.body as { id: number }).id;
  }

  /** Opens `/ws` on `server` with a ticket from that server, resuming after `cursor` when given. */
  async connect(server: ServerProcess, user: Session, cursor?: number): Promise<TestSocket> {
    const res = await server.request('POST', '/auth/ws-ticket', { token: user.accessToken });
    if (res.status !== 200) throw new Error(`ws-ticket failed: ${res.status}\n${this.output()}`);
    const { ticket } = res.body as { ticket: string };
    const query = `ticket=${encodeURIComponent(ticket)}${cursor === undefined ? '' : `&cursor=${cursor}`}`;
    const socket = await TestSocket.open(`ws://127.0.0.1:${server.port}/ws?${query}`);
    await socket.waitForType('ready', 10_000);
    return socket;
  }

  /** Kills every child, removes the data folders and drops the schema. */
  async destroy(): Promise<void> {
    await Promise.allSettled([cleanUp(), this.redis.kill()]);
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`));
  }
}

/** Posts one message with a client key; resolves with the status and, on 201, the message id. */
export async function post(
  server: ServerProcess,
  sender: Session,
  chatRoomId: number,
  key: string,
): Promise<{ status: number; id?: number }> {
  try {
    const res = await server.request('POST', '/chat/messages/', {
      body: { chatRoomId, content: `message ${key}`, clientMessageId: key },
      token: sender.accessToken,
    });
    return { status: res.status, id: res.status === 201 ? (res.body as { id: number }).id : undefined };
  } catch {
    // The instance is gone (killed): the message may or may not be stored, and is not acknowledged.
    return { status: 0 };
  }
}

/** The `message.created` frames' message ids, in the order they arrived. */
export function messageIds(frames: Frame[]): number[] {
  return frames.filter((f) => f.type === 'message.created').map((f) => f.data.id as number);
}

/** The cursor of the last durable frame, which a client stores once it has applied it. */
export function lastCursor(socket: TestSocket): number | undefined {
  return socket.cursors().at(-1);
}

/** Waits until `check` holds, polling; throws with `describe()` when it never does. */
export async function eventually(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${describe()}`);
    await sleep(50);
  }
}

export { sleep };
