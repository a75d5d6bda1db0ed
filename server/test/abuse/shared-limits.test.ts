import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { DB } from '../../src/db/schema.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/lib/clock.js';
import { registerUser } from '../helpers/factories.js';
import { openTestDatabase } from '../helpers/test-app.js';

const redisUrl = process.env.REDIS_URL;

/** Two instances over one database and one Redis, as behind a load balancer. */
describe.skipIf(!redisUrl)('rate limits shared through Redis', () => {
  const apps: FastifyInstance[] = [];
  let drop: () => Promise<void>;
  let db: Kysely<DB>;

  beforeAll(async () => {
    const opened = await openTestDatabase();
    drop = opened.drop;
    db = opened.database.db;
    const defaults = loadConfig({});
    const config = {
      ...defaults,
      redisUrl,
      jwtSecret: randomBytes(32).toString('hex'),
      rateLimits: { ...defaults.rateLimits, loginPerMinute: 3, messagesPerMinute: 5 },
    };
    for (let i = 0; i < 2; i += 1) {
      apps.push(await buildApp({ config, database: opened.database, clock: new ManualClock('2026-06-01T12:00:00Z') }));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await drop();
  });

  it('counts attempts on both instances against one budget', async () => {
    const user = await registerUser(apps[0]!);
    // A fresh address each run: the counters live in Redis, beyond this test's database.
    const address = `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
    const login = (i: number) =>
      apps[i % 2]!.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: user.password },
        remoteAddress: address,
      });
    // Alternating instances: each alone sees two attempts, within its budget of three.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await login(i)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('refuses messages sent at once through both instances with 429 RATE_LIMITED past one shared budget', async () => {
    // Fresh user ids each run: the counters live in Redis, beyond this test's database.
    await sql`SELECT setval('users_id_seq', ${1_000_000 + Math.floor(Math.random() * 1_000_000_000)})`.execute(db);
    const alice = await registerUser(apps[0]!);
    const bob = await registerUser(apps[0]!);
    const room = await apps[0]!.inject({
      method: 'POST',
      url: '/chat/rooms/',
      headers: alice.auth,
      payload: { participant2Id: bob.id },
    });
    const chatRoomId = room.json<{ id: number }>().id;
    // Concurrent: each instance counts its hits together, in one round trip.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        apps[i % 2]!.inject({
          method: 'POST',
          url: '/chat/messages/',
          headers: alice.auth,
          payload: { chatRoomId, content: `hello ${i}` },
          remoteAddress: `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(refused).toHaveLength(3);
    for (const answer of refused) {
      expect(answer.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
