/** A user came online (a first device anywhere) or went offline (the last device left). */
export interface PresenceChange {
  userId: number;
  status: 'online' | 'offline';
  /** Online: the moment it happened. Offline: when the last device was last known to be there. */
  lastSeenAt: Date;
}

/**
 * Whether a user is online on any instance, not just this one. The gateway
 * calls `attach` when this instance opens a user's first socket and `detach`
 * when it closes their last one, and announces the changes it gets back.
 * Presence is ephemeral: nothing here is stored as an event or replayed.
 */
export interface PresenceTracker {
  /** Resolves with the change when this brought the user online. Never rejects: a failure means no change. */
  attach(userId: number): Promise<PresenceChange | null>;
  /** Resolves with the change when this took the user offline everywhere. Never rejects. */
  detach(userId: number): Promise<PresenceChange | null>;
  /**
   * Changes no socket of this instance caused: users of a crashed instance
   * going offline, or this instance's users coming back after an outage of
   * the shared store.
   */
  onChange(listener: (change: PresenceChange) => void): () => void;
  /** When the user's last device left; null while they are online, or when that is unknown or too old. */
  lastSeen(userId: number): Promise<Date | null>;
  /**
   * Shutdown. Announces nobody offline: the sockets this instance closes
   * reconnect to another one. What it held expires on its own, so a user who
   * does not come back goes offline then.
   */
  close(): Promise<void>;
}

/** How long a last-seen time is kept once the user went offline. */
export const LAST_SEEN_KEPT_MS = 30 * 24 * 3600 * 1000;
