import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { MemoryPresenceTracker } from '../../src/realtime/presence/memory-tracker.js';
import { LAST_SEEN_KEPT_MS } from '../../src/realtime/presence/tracker.js';

describe('MemoryPresenceTracker', () => {
  it('reports online on attach and offline, with the time the last device left, on detach', async () => {
    const clock = new ManualClock('2026-06-01T12:00:00.000Z');
    const presence = new MemoryPresenceTracker(clock);

    expect(await presence.attach(7)).toEqual({ userId: 7, status: 'online', lastSeenAt: clock.now() });
    expect(await presence.attach(7)).toBeNull();
    clock.advance(60_000);
    expect(await presence.detach(7)).toEqual({
      userId: 7,
      status: 'offline',
      lastSeenAt: new Date('2026-06-01T12:01:00.000Z'),
    });
    expect(await presence.detach(7)).toBeNull();
  });

  it('keeps last seen while the user is away, for the kept window only', async () => {
    const clock = new ManualClock('2026-06-01T12:00:00.000Z');
    const presence = new MemoryPresenceTracker(clock);
    expect(await presence.lastSeen(7)).toBeNull();

    await presence.attach(7);
    await presence.detach(7);
    await presence.attach(8);
    expect(await presence.lastSeen(7)).toEqual(new Date('2026-06-01T12:00:00.000Z'));
    expect(await presence.lastSeen(8)).toBeNull();

    clock.advance(LAST_SEEN_KEPT_MS + 1);
    expect(await presence.lastSeen(7)).toBeNull();
  });
});
