import type { BackoffOptions } from '../lib/backoff.js';
import { backoffDelay } from '../lib/backoff.js';
import type { Emitter } from '../lib/emitter.js';
import { sleep } from '../lib/timers.js';
import type { KeyValueStorage } from '../storage/storage.js';
import { CursorStore } from './cursor-store.js';
import type {
  DurableEvents,
  EphemeralEvents,
  PresenceState,
  RealtimeEvent,
  RealtimeEvents,
  ServerFrame,
} from './events.js';
import { TypingTracker } from './typing.js';

export interface InboxOptions {
  storage: KeyValueStorage;
  resyncBackoff: BackoffOptions;
  typingTimeoutMs: number;
  /** The signed-in user, whose own messages end the typing throttle. */
  userId: () => number | undefined;
  /** The backlog is done (`ready`). */
  onReady: () => void;
  /** The user's own message arrived in a room. */
  onOwnMessage: (chatRoomId: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Applies the frames of every socket, one at a time and in order: durable
 * events go to the listeners (whose promises are awaited) before their
 * cursor is kept, a repeated cursor is dropped, `resync.required` waits for
 * the app's refetch, and typing and presence are kept as state.
 */
export class Inbox {
  readonly cursors: CursorStore;
  readonly typing: TypingTracker;
  readonly presence = new Map<number, PresenceState>();
  private chain: Promise<void> = Promise.resolve();
  private resyncs = 0;
  private lastResyncAt = 0;

  constructor(
    private readonly events: Emitter<RealtimeEvents>,
    private readonly options: InboxOptions,
  ) {
    this.cursors = new CursorStore(options.storage, options.onError);
    this.typing = new TypingTracker(options.typingTimeoutMs, (chatRoomId, userIds) =>
      events.emit('typing', { chatRoomId, userIds }),
    );
  }

  /** Takes one text frame off a socket. */
  receive(raw: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(typeof raw === 'string' ? raw : String(raw)) as ServerFrame;
    } catch {
      return;
    }
    this.chain = this.chain.then(() => this.apply(frame)).catch((error: unknown) => this.options.onError(error));
  }

  /** Resolves once every frame received so far is applied. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async apply(frame: ServerFrame): Promise<void> {
    if (typeof frame.cursor === 'number') return this.applyDurable(frame as RealtimeEvent);
    switch (frame.type) {
      case 'ready': {
        const { cursor } = frame.data as { cursor: number };
        this.cursors.advance(cursor);
        this.options.onReady();
        this.events.emit('ready', { cursor });
        return;
      }
      case 'resync.required':
        return this.resync((frame.data as { cursor: number }).cursor);
      case 'typing': {
        const { chatRoomId, userId } = frame.data as EphemeralEvents['typing'];
        this.typing.typing(chatRoomId, userId);
        return;
      }
      case 'presence': {
        const presence = frame.data as EphemeralEvents['presence'];
        this.presence.set(presence.userId, { status: presence.status, lastSeenAt: presence.lastSeenAt });
        this.events.emit('presence', presence);
        return;
      }
      case 'error':
        this.events.emit('error', frame.data as RealtimeEvents['error']);
        return;
    }
  }

  private async applyDurable(event: RealtimeEvent): Promise<void> {
    const last = this.cursors.cursor;
    if (last !== undefined && event.cursor <= last) return;
    if (event.type === 'message.created') {
      const message = event.data as DurableEvents['message.created'];
      this.typing.stopped(message.chatRoomId, message.senderId);
      if (message.senderId === this.options.userId()) this.options.onOwnMessage(message.chatRoomId);
    }
    await this.events.emitAndWait(event.type as keyof DurableEvents, event.data as never);
    await this.events.emitAndWait('event', event);
    this.cursors.advance(event.cursor);
  }

  /**
   * Tells the app to refetch; once its listeners are done, the new cursor is
   * kept. A resync that keeps coming (at every reconnect) waits longer each
   * time, with jitter, so clients do not refetch in a storm.
   */
  private async resync(cursor: number): Promise<void> {
    if (Date.now() - this.lastResyncAt > this.options.resyncBackoff.maxMs * 2) this.resyncs = 0;
    if (this.resyncs > 0) await sleep(backoffDelay(this.resyncs - 1, this.options.resyncBackoff));
    this.resyncs += 1;
    this.lastResyncAt = Date.now();
    await this.events.emitAndWait('resync', { cursor });
    this.cursors.reset(cursor);
  }
}
