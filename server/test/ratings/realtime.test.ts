import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RatingSweeper } from '../../src/modules/ratings/sweeper.js';
import { createActivity, eventsOf, join, type Actor } from '../activities/helpers.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';
import { startGateway, TestSocket, type Gateway } from '../realtime/gateway-client.js';
import { DAY, HOUR, meeting, rate, ratingsOf, type Rating } from './helpers.js';

describe('ratings in real time', () => {
  let gw: Gateway;
  let world: Pick<TestApp, 'app' | 'db' | 'clock' | 'config'>;
  const sweeper = (batchSize?: number) => new RatingSweeper(gw.ctx, gw.app.log, batchSize);

  beforeAll(async () => {
    // A blind period of two days, to show it is a setting.
    gw = await startGateway({
      accessTokenTtlSeconds: 365 * 86_400,
      ratings: { blindDays: 2, sweepIntervalMs: 3_600_000 },
    });
    world = { app: gw.app, db: gw.db, clock: gw.clock, config: gw.ctx.config as TestApp['config'] };
  });
  afterAll(() => gw.close());

  const connect = async (user: TestUser): Promise<TestSocket> => {
    const socket = await TestSocket.withToken(gw.url, user.accessToken);
    await socket.waitForType('ready');
    return socket;
  };

  // Sockets need real sessions: these two register, and meet at an activity that has started.
  const scene = async () => {
    const [alice, bob] = [await registerUser(gw.app), await registerUser(gw.app)];
    const activity = await createActivity(world, alice);
    await join(world, bob, activity.id);
    gw.clock.advance(HOUR);
    return { alice, bob, activity };
  };

  const ratingFrames = (socket: TestSocket) => socket.frames.filter((f) => f.type.startsWith('rating.'));

  it('sends nothing while a rating is hidden, and both ratings live to both on a rate-back', async () => {
    const { alice, bob, activity } = await scene();
    const [a, b] = [await connect(alice), await connect(bob)];
    const first = await rate(gw, alice, bob, activity.id, 3);
    // A frame written for the hidden rating would arrive before this one.
    await gw.emit(bob.id, 1, 'test.marker');
    await b.waitForType('test.marker');
    expect(ratingFrames(b)).toEqual([]);

    const back = await rate(gw, bob, alice, activity.id, 5);
    const toBob = await b.waitForType('rating.received');
    expect(toBob.data).toEqual({ ...first, pending: false, visibleAt: back.visibleAt });
    expect((await a.waitForType('rating.received')).data).toEqual(back);
    expect(ratingFrames(a)).toHaveLength(1);
    expect(ratingFrames(b)).toHaveLength(1);
    a.close();
    b.close();
  });

  it('announces a rating live when the blind period (a setting) ends, by the sweeper', async () => {
    const { alice, bob, activity } = await scene();
    const given = await rate(gw, alice, bob, activity.id, 4);
    expect(given.visibleAt).toBe(new Date(gw.clock.now().getTime() + 2 * DAY).toISOString());
    const b = await connect(bob);
    gw.clock.advance(2 * DAY - 1);
    await sweeper().sweep();
    expect((await ratingsOf(world, bob as Actor, bob.id)).count).toBe(0);
    gw.clock.advance(1);
    expect(await sweeper().sweep()).toBeGreaterThanOrEqual(1);
    const frame = await b.waitForType('rating.received');
    expect(frame.data).toEqual({ ...given, pending: false });
    await sweeper().sweep();
    expect(await eventsOf(gw.db, bob.id, 'rating.received')).toHaveLength(1);
    b.close();
  });

  it('announces each rating once when several sweepers race', async () => {
    const { users, activity } = await meeting(world, 13);
    const [star, ...raters] = users as [Actor, ...Actor[]];
    const given: Rating[] = [];
    for (const rater of raters) given.push(await rate(gw, rater, star, activity.id, 5));
    gw.clock.advance(2 * DAY);
    const counts = await Promise.all([sweeper(3).sweep(), sweeper(3).sweep(), sweeper(3).sweep()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(12);
    const announced = await eventsOf(gw.db, star.id, 'rating.received');
    expect(announced.map((e) => (e.data as Rating).id).sort((x, y) => x - y)).toEqual(
      given.map((r) => r.id).sort((x, y) => x - y),
    );
    for (const rater of raters) expect(await eventsOf(gw.db, rater.id, 'rating.received')).toEqual([]);
  });
});
