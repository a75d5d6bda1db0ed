import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { InProcessBus, type BusMessage } from '../../src/realtime/bus.js';
import { pruneEvents, readEventsSince, streamBounds } from '../../src/modules/events/repository.js';
import { transactionWithEvents } from '../../src/modules/events/publish.js';
import { insertUsers } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let ctx: AppContext;
let published: BusMessage[];

beforeAll(async () => {
  t = await startTestApp();
  const bus = new InProcessBus();
  published = [];
  bus.subscribe((m) => published.push(m));
  ctx = { db: t.db, clock: t.clock, bus } as unknown as AppContext;
});
afterAll(() => t.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('durable event streams', () => {
  it('gives each recipient its own gapless sequence, in the transaction of the change', async () => {
    const [a, b] = await insertUsers(t.db, 2);
    await transactionWithEvents(ctx, (_trx, events) => events.emit([b!, a!], 'test.one', { n: 1 }));
    await transactionWithEvents(ctx, (_trx, events) => events.emit([a!], 'test.two', { n: 2 }));
    expect((await readEventsSince(t.db, a!, 0, 10)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'test.one'],
      [2, 'test.two'],
    ]);
    expect((await readEventsSince(t.db, b!, 0, 10)).map((e) => [e.seq, e.type])).toEqual([[1, 'test.one']]);
    expect(await readEventsSince(t.db, a!, 1, 10)).toEqual([expect.objectContaining({ seq: 2, data: { n: 2 } })]);
  });

  it('publishes only after commit, and nothing for a change that rolled back', async () => {
    const [a] = await insertUsers(t.db, 1);
    published.length = 0;
    await expect(
      transactionWithEvents(ctx, async (_trx, events) => {
        events.emit([a!], 'test.rolled-back', {});
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await settle();
    expect(published).toEqual([]);
    expect(await readEventsSince(t.db, a!, 0, 10)).toEqual([]);

    await transactionWithEvents(ctx, (_trx, events) => events.emit([a!], 'test.kept', { ok: true }));
    await settle();
    expect(published).toEqual([
      { kind: 'events', events: [expect.objectContaining({ userId: a, seq: 1, type: 'test.kept' })] },
    ]);
  });

  it('hands out distinct consecutive seqs to concurrent writers', async () => {
    const [a] = await insertUsers(t.db, 1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transactionWithEvents(ctx, (_trx, events) => events.emit([a!], 'test.race', { i })),
      ),
    );
    const seqs = (await readEventsSince(t.db, a!, 0, 100)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('reports the retained bounds after pruning', async () => {
    const [a] = await insertUsers(t.db, 1);
    await transactionWithEvents(ctx, (_trx, events) => events.emit([a!], 'test.old', {}));
    t.clock.advance(10 * 24 * 3600_000);
    await transactionWithEvents(ctx, (_trx, events) => events.emit([a!], 'test.new', {}));
    await pruneEvents(t.db, new Date(t.clock.now().getTime() - 24 * 3600_000));
    expect(await streamBounds(t.db, a!)).toEqual({ head: 2, oldest: 2 });
  });
});
