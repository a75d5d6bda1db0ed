import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BusMessage } from '../../src/realtime/bus.js';
import { createRedisBus, type BusLogger, type RedisBus } from '../../src/realtime/redis-bus.js';
import { RedisServer } from '../helpers/redis-server.js';
import { freePort } from '../process/server-process.js';

// A shared Redis: tests never stop it, they only drop their own connections.
// Tests that kill Redis or lock a client out get a redis-server of their own.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const UNREACHABLE_URL = 'redis://127.0.0.1:1';

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

function recordingLogger(): BusLogger & { entries: LogEntry[]; messages(level: LogEntry['level']): string[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (obj, msg) => entries.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => entries.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => entries.push({ level: 'error', obj, msg }),
    messages: (level) => entries.filter((entry) => entry.level === level).map((entry) => entry.msg),
  };
}

function ephemeral(n: number): BusMessage {
  return { kind: 'ephemeral', userIds: [n], frame: { type: 'typing', data: { n } } };
}

function numbersOf(messages: BusMessage[]): number[] {
  return messages.map((message) => (message.kind === 'ephemeral' ? message.userIds[0]! : -1));
}

const admin = createClient({ url: REDIS_URL });
const buses: RedisBus[] = [];

async function startBus(channel: string, url = REDIS_URL) {
  const logger = recordingLogger();
  const bus = await createRedisBus(url, logger, { channel });
  buses.push(bus);
  const received: BusMessage[] = [];
  bus.subscribe((message) => received.push(message));
  let resumes = 0;
  bus.onResume(() => resumes++);
  return { bus, logger, received, resumes: () => resumes };
}

/** Drops connections from the server side, as a Redis restart or a network cut would. */
async function killConnections(namePrefix: string): Promise<number> {
  const victims = (await admin.clientList()).filter((client) => client.name.startsWith(namePrefix));
  for (const { id } of victims) await admin.sendCommand(['CLIENT', 'KILL', 'ID', String(id)]);
  return victims.length;
}

const waitLong = { timeout: 5_000, interval: 20 };

beforeAll(async () => {
  admin.on('error', () => {});
  await admin.connect();
});

afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

afterAll(async () => {
  await admin.close();
});

describe('RedisBus', () => {
  it('delivers a burst of 1,000 messages in order to subscribers on both instances, the publisher included', async () => {
    const channel = `icebreaker:test:${randomUUID()}`;
    const a = await startBus(channel);
    const b = await startBus(channel);
    expect(a.bus.healthy()).toBe(true);
    expect(b.bus.healthy()).toBe(true);

    const expected = Array.from({ length: 1_000 }, (_, n) => n);
    await Promise.all(expected.map((n) => a.bus.publish(ephemeral(n))));

    await vi.waitFor(() => {
      expect(a.received).toHaveLength(1_000);
      expect(b.received).toHaveLength(1_000);
    }, waitLong);
    expect(numbersOf(a.received)).toEqual(expected);
    expect(numbersOf(b.received)).toEqual(expected);
  });

  it('keeps delivering when a listener throws or a malformed message arrives', async () => {
    const channel = `icebreaker:test:${randomUUID()}`;
    const a = await startBus(channel);
    a.bus.subscribe(() => {
      throw new Error('listener bug');
    });

    await admin.publish(channel, 'not json');
    await a.bus.publish(ephemeral(1));
    await a.bus.publish(ephemeral(2));

    // Its own messages arrive in process, the malformed one through Redis: in no particular order.
    await vi.waitFor(() => {
      expect(numbersOf(a.received)).toEqual([1, 2]);
      expect(a.logger.messages('warn')).toContain('redis bus ignored a malformed message');
    }, waitLong);
    expect(a.logger.messages('error').filter((msg) => msg === 'redis bus listener failed')).toHaveLength(2);
  });

  it('resolves publish and delivers in process, without crashing or flooding the log, while Redis is unreachable', async () => {
    const down = await startBus(`icebreaker:test:${randomUUID()}`, UNREACHABLE_URL);
    expect(down.bus.healthy()).toBe(false);

    await expect(Promise.all(Array.from({ length: 100 }, (_, n) => down.bus.publish(ephemeral(n))))).resolves.toEqual(
      Array(100).fill(undefined),
    );
    // Let a few reconnection attempts fail too.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(down.bus.healthy()).toBe(false);
    // This instance's own subscribers do not depend on Redis.
    expect(numbersOf(down.received)).toEqual(Array.from({ length: 100 }, (_, n) => n));
    expect(down.logger.messages('warn').filter((msg) => msg.includes('message dropped'))).toHaveLength(1);
    expect(down.logger.messages('warn').filter((msg) => msg === 'redis bus connection error')).toHaveLength(2);
  });

  it('resubscribes after its subscriber connection drops, fires onResume, and delivers again', async () => {
    const channel = `icebreaker:test:${randomUUID()}`;
    const a = await startBus(channel);
    const b = await startBus(channel);

    expect(await killConnections(`${channel}:subscriber`)).toBe(2);

    await vi.waitFor(() => {
      expect(a.resumes()).toBe(1);
      expect(b.resumes()).toBe(1);
    }, waitLong);
    expect(a.logger.messages('info')).toContain('redis bus resubscribed');
    expect(b.logger.messages('info')).toContain('redis bus resubscribed');
    expect(a.bus.healthy()).toBe(true);
    // Redis itself sees both subscriptions again.
    const subscribers = (await admin.clientList()).filter((client) => client.name === `${channel}:subscriber`);
    expect(subscribers.map((client) => client.sub)).toEqual([1, 1]);

    await a.bus.publish(ephemeral(7));
    await b.bus.publish(ephemeral(8));
    // Each instance hears its own first: between publishers the bus keeps no order (durable events carry seqs).
    await vi.waitFor(() => {
      expect(numbersOf(a.received).sort()).toEqual([7, 8]);
      expect(numbersOf(b.received).sort()).toEqual([7, 8]);
    }, waitLong);
    expect([a.resumes(), b.resumes()]).toEqual([1, 1]);
  });

  it('does not catch up when only its publisher connection drops and no publish was lost', async () => {
    const channel = `icebreaker:test:${randomUUID()}`;
    const a = await startBus(channel);
    const b = await startBus(channel);

    expect(await killConnections(`${channel}:publisher`)).toBe(2);
    // Logged when the connection was lost, healthy once it is back.
    await vi.waitFor(() => {
      for (const side of [a, b]) {
        expect(side.logger.messages('warn')).toContain('redis bus connection error');
        expect(side.bus.healthy()).toBe(true);
      }
    }, waitLong);

    await a.bus.publish(ephemeral(3));
    await vi.waitFor(() => {
      expect(numbersOf(a.received)).toEqual([3]);
      expect(numbersOf(b.received)).toEqual([3]);
    }, waitLong);
    expect([a.resumes(), b.resumes()]).toEqual([0, 0]);
  });

  it('closes promptly, whether Redis is up or unreachable', async () => {
    const channel = `icebreaker:test:${randomUUID()}`;
    const up = await startBus(channel);
    const down = await startBus(channel, UNREACHABLE_URL);

    const started = Date.now();
    await Promise.all([up.bus.close(), down.bus.close()]);
    expect(Date.now() - started).toBeLessThan(500);

    expect(up.bus.healthy()).toBe(false);
    await expect(up.bus.publish(ephemeral(1))).resolves.toBeUndefined();
    const left = (await admin.clientList()).filter((client) => client.name.startsWith(`${channel}:`));
    expect(left).toEqual([]);
  });
});

describe('RedisBus on a Redis of its own', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = new RedisServer(await freePort(), ['bus-a', 'bus-b']);
    await redis.start();
  });

  afterAll(async () => {
    await redis?.kill();
  });

  it('catches up exactly once per bus when Redis is killed and restarted', async () => {
    const channel = `icebreaker:test:${randomUUID()}`;
    const a = await startBus(channel, redis.url());
    const b = await startBus(channel, redis.url());

    await redis.kill();
    await vi.waitFor(() => {
      expect(a.bus.healthy()).toBe(false);
      expect(b.bus.healthy()).toBe(false);
    }, waitLong);
    // Down long enough for reconnection attempts to fail: still one interruption.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.start();

    await vi.waitFor(() => {
      expect(a.bus.healthy()).toBe(true);
      expect(b.bus.healthy()).toBe(true);
    }, waitLong);
    await b.bus.publish(ephemeral(9));
    await vi.waitFor(() => {
      expect(numbersOf(a.received)).toEqual([9]);
      expect(numbersOf(b.received)).toEqual([9]);
    }, waitLong);
    expect([a.resumes(), b.resumes()]).toEqual([1, 1]);
    expect(a.logger.messages('info')).toContain('redis bus resubscribed');
    expect(b.logger.messages('info')).toContain('redis bus resubscribed');
  });

  it('tells the other instances to catch up (bus.resumed) once it is back, when it dropped a publish while cut off', async () => {
    const channel = `icebreaker:test:${randomUUID()}`;
    const a = await startBus(channel, redis.url('bus-a'));
    const b = await startBus(channel, redis.url('bus-b'));

    // A loses Redis and cannot reconnect; B keeps its connections.
    await redis.command('ACL', 'SETUSER', 'bus-a', 'off');
    await redis.command('CLIENT', 'KILL', 'USER', 'bus-a');
    await vi.waitFor(() => expect(a.bus.healthy()).toBe(false), waitLong);
    await a.bus.publish(ephemeral(1));
    await vi.waitFor(
      () => expect(a.logger.messages('warn')).toContain('redis bus publish failed, message dropped'),
      waitLong,
    );
    // B's bus saw nothing wrong: without A's word it would never look.
    expect(b.bus.healthy()).toBe(true);
    expect(b.resumes()).toBe(0);

    await redis.command('ACL', 'SETUSER', 'bus-a', 'on');
    await vi.waitFor(() => {
      expect(a.bus.healthy()).toBe(true);
      expect(b.resumes()).toBe(1);
    }, waitLong);
    // Published after A's notice, so once A has it, A has seen its own notice come back too.
    await b.bus.publish(ephemeral(2));
    await vi.waitFor(() => {
      // A delivered its own message in process while cut off; B never got it but was told to catch up.
      expect(numbersOf(a.received)).toEqual([1, 2]);
      expect(numbersOf(b.received)).toEqual([2]);
    }, waitLong);
    // A once for its own gap, not again for its own notice; B once, for A's.
    expect([a.resumes(), b.resumes()]).toEqual([1, 1]);
  });
});
