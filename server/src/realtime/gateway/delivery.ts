import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { readEventsSince, streamBounds } from '../../modules/events/repository.js';
import type { DeliveredEvent } from '../bus.js';
import type { ServerFrame } from './frames.js';

/** The socket side of a durable stream. */
export interface DeliverySink {
  /** False when the frame could not be queued (socket closing or too far behind). */
  send(frame: ServerFrame, kind: 'durable' | 'control'): boolean;
  /** Resolves true once the send buffer has drained enough for another page, false if the socket went away. */
  waitForRoom(): Promise<boolean>;
}

export const eventFrame = (event: DeliveredEvent): ServerFrame => ({
  type: event.type,
  data: event.data,
  cursor: event.seq,
});

/**
 * Delivers one user's durable events to one socket exactly once and in seq
 * order. `lastSentSeq` is the only state: the database is the mail, live
 * events from the bus are a doorbell. While a catch-up runs, live events are
 * not sent; they only ask for one more read, which finds them (they are
 * committed before they are published). Once idle, a live event that is
 * exactly the next seq goes straight out, an older one is a duplicate, and
 * one that skips ahead means a bell was missed: the gap is read first.
 */
export class EventDelivery {
  private lastSentSeq: number | null = null;
  /** Stream tasks run one at a time, in order: start, then catch-ups. */
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private catchUpQueued = false;
  private stopped = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly userId: number,
    private readonly pageSize: number,
    private readonly sink: DeliverySink,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /**
   * Starts (or restarts) after the client's cursor, or live from the head
   * without one. A cursor outside what is retained gets `resync.required`.
   * `ready` marks the end of the backlog and carries the cursor reached.
   */
  start(cursor: number | undefined): void {
    this.enqueue(async () => {
      const { head, oldest } = await streamBounds(this.db, this.userId);
      const pruned = cursor !== undefined && cursor < head && (oldest === null || oldest > cursor + 1);
      if (cursor === undefined) {
        this.lastSentSeq = head;
      } else if (cursor > head || pruned) {
        if (!this.sink.send({ type: 'resync.required', data: { cursor: head } }, 'control')) return this.stop();
        this.lastSentSeq = head;
      } else {
        this.lastSentSeq = cursor;
      }
      if (!(await this.catchUp())) return;
      this.sink.send({ type: 'ready', data: { cursor: this.lastSentSeq } }, 'control');
    });
  }

  /** A live event for this user, from the bus. */
  offer(event: DeliveredEvent): void {
    if (this.stopped) return;
    if (this.pending > 0 || this.lastSentSeq === null) {
      if (this.lastSentSeq === null || event.seq > this.lastSentSeq) this.requestCatchUp();
      return;
    }
    if (event.seq <= this.lastSentSeq) return;
    if (event.seq > this.lastSentSeq + 1) return this.requestCatchUp();
    if (this.sink.send(eventFrame(event), 'durable')) this.lastSentSeq = event.seq;
    else this.stop();
  }

  /** Reads whatever is past `lastSentSeq` (after a missed bell, or a bus reconnect). */
  requestCatchUp(): void {
    if (this.stopped || this.catchUpQueued || (this.lastSentSeq === null && this.pending === 0)) return;
    this.catchUpQueued = true;
    this.enqueue(async () => {
      this.catchUpQueued = false;
      await this.catchUp();
    });
  }

  stop(): void {
    this.stopped = true;
  }

  /** Sends every stored event after `lastSentSeq`, page by page; false if the socket went away. */
  private async catchUp(): Promise<boolean> {
    for (;;) {
      if (this.stopped || this.lastSentSeq === null) return false;
      const page = await readEventsSince(this.db, this.userId, this.lastSentSeq, this.pageSize);
      for (const event of page) {
        if (this.stopped) return false;
        // Seqs have no holes, so one here means retention pruned it mid-way.
        const hole = event.seq !== this.lastSentSeq + 1;
        if (hole && !this.sink.send({ type: 'resync.required', data: { cursor: event.seq - 1 } }, 'control')) {
          return this.stopAndFail();
        }
        if (!this.sink.send(eventFrame(event), 'durable')) return this.stopAndFail();
        this.lastSentSeq = event.seq;
      }
      if (page.length < this.pageSize) return true;
      if (!(await this.sink.waitForRoom())) return this.stopAndFail();
    }
  }

  private stopAndFail(): false {
    this.stop();
    return false;
  }

  private enqueue(task: () => Promise<void>): void {
    this.pending += 1;
    this.chain = this.chain
      .then(() => (this.stopped ? undefined : task()))
      .catch((error: unknown) => {
        this.stop();
        this.onFailure(error);
      })
      .finally(() => {
        this.pending -= 1;
      });
  }
}
