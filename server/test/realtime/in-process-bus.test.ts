import { describe, expect, it } from 'vitest';
import { InProcessBus, type BusMessage } from '../../src/realtime/bus.js';

const message: BusMessage = { kind: 'ephemeral', userIds: [1], frame: { type: 'typing', data: {} } };

describe('InProcessBus', () => {
  it('delivers to every subscriber, asynchronously, and stops after unsubscribe', async () => {
    const bus = new InProcessBus();
    const first: BusMessage[] = [];
    const second: BusMessage[] = [];
    const unsubscribeFirst = bus.subscribe((m) => first.push(m));
    bus.subscribe((m) => second.push(m));

    const published = bus.publish(message);
    // Publishers never run listeners inline.
    expect(first).toEqual([]);
    expect(second).toEqual([]);
    await published;
    await Promise.resolve();
    expect(first).toEqual([message]);
    expect(second).toEqual([message]);

    unsubscribeFirst();
    await bus.publish(message);
    await Promise.resolve();
    expect(first).toEqual([message]);
    expect(second).toEqual([message, message]);

    expect(bus.healthy()).toBe(true);
    await bus.close();
  });
});
