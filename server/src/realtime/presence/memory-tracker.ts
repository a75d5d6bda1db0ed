import type { Clock } from '../../lib/clock.js';
import { LAST_SEEN_KEPT_MS, type PresenceChange, type PresenceTracker } from './tracker.js';

/**
 * The embedded default: one instance holds every socket, so its own sockets
 * are the whole truth and every change comes from them.
 */
export class MemoryPresenceTracker implements PresenceTracker {
  private readonly online = new Set<number>();
  /** Oldest first (re-inserted on every update), so expired entries are pruned from the front. */
  private readonly lastSeenAt = new Map<number, Date>();

  constructor(private readonly clock: Clock) {}

  async attach(userId: number): Promise<PresenceChange | null> {
    if (this.online.has(userId)) return null;
    this.online.add(userId);
    return { userId, status: 'online', lastSeenAt: this.clock.now() };
  }

  async detach(userId: number): Promise<PresenceChange | null> {
    if (!this.online.delete(userId)) return null;
    const now = this.clock.now();
    this.remember(userId, now);
    return { userId, status: 'offline', lastSeenAt: now };
  }

  onChange(_listener: (change: PresenceChange) => void): () => void {
    return () => {};
  }

  async lastSeen(userId: number): Promise<Date | null> {
    if (this.online.has(userId)) return null;
    const at = this.lastSeenAt.get(userId);
    return at && at.getTime() > this.clock.now().getTime() - LAST_SEEN_KEPT_MS ? at : null;
  }

  async close(): Promise<void> {}

  private remember(userId: number, at: Date): void {
    this.lastSeenAt.delete(userId);
    this.lastSeenAt.set(userId, at);
    const cutoff = at.getTime() - LAST_SEEN_KEPT_MS;
    for (const [oldUserId, oldAt] of this.lastSeenAt) {
      if (oldAt.getTime() > cutoff) break;
      this.lastSeenAt.delete(oldUserId);
    }
  }
}
