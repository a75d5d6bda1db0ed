import { EventEmitter } from 'node:events';

/**
 * What instances tell each other. Durable events are already committed in
 * the database when they are published: the bus is a doorbell that saves a
 * read, never the only copy. Ephemeral frames (typing, presence) exist only
 * here and may be lost.
 */
export type BusMessage =
  | { kind: 'events'; events: DeliveredEvent[] }
  | { kind: 'ephemeral'; userIds: number[]; frame: { type: string; data: unknown } };

/** A durable event as delivered to one recipient; `seq` is that user's cursor. */
export interface DeliveredEvent {
  userId: number;
  seq: number;
  type: string;
  /** Sent as its JSON (dates in ISO form), which is what the stream stored. */
  data: unknown;
  createdAt: string;
}

export interface EventBus {
  /** Resolves once handed to the transport; never rejects (a lost doorbell costs latency, not data). */
  publish(message: BusMessage): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  /** Called after the bus was interrupted, when messages may have been missed: catch up from the database. */
  onResume(listener: () => void): () => void;
  healthy(): boolean;
  close(): Promise<void>;
}

/** The embedded default: one process, delivery through an in-memory emitter. */
export class InProcessBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(message: BusMessage): Promise<void> {
    // Asynchronous like a real transport, so publishers never run listeners inline.
    queueMicrotask(() => {
      for (const listener of this.emitter.listeners('message') as ((m: BusMessage) => void)[]) {
        try {
          listener(message);
        } catch (error) {
          // One failing listener must not keep the message from the others, nor crash the process.
          this.emitter.emit('listener-error', error);
        }
      }
    });
    return Promise.resolve();
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }

  onResume(_listener: () => void): () => void {
    return () => {};
  }

  healthy(): boolean {
    return true;
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
