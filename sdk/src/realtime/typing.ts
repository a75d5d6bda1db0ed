import { backgroundTimeout } from '../lib/timers.js';

/**
 * Who is typing where, on the receiving side. The server only says "typing"
 * (never "stopped"), so each entry expires on its own unless renewed; a
 * message from that user ends it at once.
 */
export class TypingTracker {
  private readonly rooms = new Map<number, Map<number, ReturnType<typeof setTimeout>>>();

  constructor(
    private readonly timeoutMs: number,
    private readonly changed: (chatRoomId: number, userIds: number[]) => void,
  ) {}

  typing(chatRoomId: number, userId: number): void {
    let room = this.rooms.get(chatRoomId);
    if (!room) this.rooms.set(chatRoomId, (room = new Map()));
    const renewed = room.has(userId);
    clearTimeout(room.get(userId));
    room.set(
      userId,
      backgroundTimeout(() => this.stopped(chatRoomId, userId), this.timeoutMs),
    );
    if (!renewed) this.changed(chatRoomId, this.usersIn(chatRoomId));
  }

  stopped(chatRoomId: number, userId: number): void {
    const room = this.rooms.get(chatRoomId);
    if (!room?.has(userId)) return;
    clearTimeout(room.get(userId));
    room.delete(userId);
    if (room.size === 0) this.rooms.delete(chatRoomId);
    this.changed(chatRoomId, this.usersIn(chatRoomId));
  }

  usersIn(chatRoomId: number): number[] {
    return [...(this.rooms.get(chatRoomId)?.keys() ?? [])];
  }

  clear(): void {
    for (const [chatRoomId, room] of [...this.rooms]) {
      for (const userId of [...room.keys()]) this.stopped(chatRoomId, userId);
    }
  }
}

/** The sending side: at most one typing frame per room per `intervalMs`, well inside the receivers' expiry. */
export class TypingThrottle {
  private readonly lastSent = new Map<number, number>();

  constructor(private readonly intervalMs: number) {}

  /** True when a frame should go out now for this room. */
  take(chatRoomId: number, now = Date.now()): boolean {
    const last = this.lastSent.get(chatRoomId);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.lastSent.set(chatRoomId, now);
    return true;
  }

  /** After sending a message, the next keystroke says "typing" again at once. */
  reset(chatRoomId: number): void {
    this.lastSent.delete(chatRoomId);
  }
}
