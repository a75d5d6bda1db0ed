import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../http/errors.js';
import type { EventContext } from '../events/publish.js';
import { clientKey, findMessagesByClientIds } from './message-repository.js';
import { presentMessage } from './presenter.js';
import { findParticipantRoom, type MessageRow } from './repository.js';
import type { ChatMessage } from './schemas.js';
import { roomNotFound, storeMessages, type SendOutcome, type SendRequest } from './store-messages.js';

export type { SendRequest } from './store-messages.js';

export interface SendResult {
  message: ChatMessage;
  /** False when an earlier request with the same idempotency key stored it. */
  created: boolean;
}

interface Pending extends SendRequest {
  /** performance.now() when it was queued. */
  queuedAt: number;
  resolve(result: SendResult): void;
  reject(error: unknown): void;
}

export interface MessageWriterLimits {
  /** Messages stored per statement at most. */
  maxBatch: number;
  /** Messages waiting at most; past it senders get 503 and retry. */
  maxQueued: number;
  /** Batches written at once, each for its own share of the rooms. */
  lanes: number;
}

/**
 * Stores messages by group commit: while one batch's statement runs, new
 * messages queue, and the next statement stores all of them at once. One
 * message alone is written at once; under load, batches grow and the cost
 * per message falls, so throughput follows the load instead of the number of
 * round trips.
 *
 * Rooms are shared among a few lanes (by id), each writing one batch at a
 * time, so the database works on several batches at once while a room's
 * messages keep the order they were sent in (a socket's messages to a room
 * take seqs in the order it sent them). One lane alone would leave the
 * database idle while this process handles a batch's answers, and bound the
 * rate by the time one connection takes per message.
 */
export class MessageWriter {
  private readonly queues: Pending[][];
  private readonly running: (Promise<void> | null)[];
  private closed = false;

  constructor(
    private readonly ctx: EventContext,
    private readonly limits: MessageWriterLimits = { maxBatch: 500, maxQueued: 20_000, lanes: 2 },
    /**
     * Told of every committed batch: its size, how many messages it newly
     * stored, and how long its oldest message waited from queue to commit.
     */
    private readonly onBatch?: (size: number, stored: number, oldestWaitMs: number) => void,
  ) {
    this.queues = Array.from({ length: limits.lanes }, () => []);
    this.running = this.queues.map(() => null);
  }

  /** Queues a message synchronously (so calls keep their order) and resolves once it is committed. */
  send(request: SendRequest): Promise<SendResult> {
    if (this.closed) return Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down; retry'));
    if (this.queued >= this.limits.maxQueued) {
      return Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'Too many messages are waiting to be stored; retry'));
    }
    const lane = request.roomId % this.queues.length;
    return new Promise((resolve, reject) => {
      this.queues[lane]!.push({ ...request, queuedAt: performance.now(), resolve, reject });
      this.running[lane] ??= this.run(lane);
    });
  }

  /** Messages waiting for a statement. */
  get queued(): number {
    return this.queues.reduce((n, queue) => n + queue.length, 0);
  }

  /** Refuses new messages and waits for the queued ones to be stored. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.running);
  }

  private async run(lane: number): Promise<void> {
    // Lets every frame read in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    const queue = this.queues[lane]!;
    while (queue.length > 0) await this.write(queue.splice(0, this.limits.maxBatch));
    this.running[lane] = null;
  }

  private async write(batch: Pending[]): Promise<void> {
    let outcomes: SendOutcome[];
    try {
      outcomes = await storeMessages(this.ctx, batch);
    } catch (error) {
      // One request must not fail the others (a key that raced another
      // instance, a user deleted meanwhile): each is tried on its own.
      if (batch.length > 1) {
        for (const pending of batch) await this.write([pending]);
      } else {
        await this.fail(batch[0]!, error);
      }
      return;
    }
    this.onBatch?.(
      batch.length,
      outcomes.filter((outcome) => outcome.kind === 'created').length,
      performance.now() - batch[0]!.queuedAt,
    );
    const replays: Promise<void>[] = [];
    const later: Pending[] = [];
    outcomes.forEach((outcome, i) => {
      const pending = batch[i]!;
      switch (outcome.kind) {
        case 'created':
          return pending.resolve({ message: outcome.message, created: true });
        case 'stored':
          return void replays.push(this.replay(pending, outcome.row));
        case 'refused':
          return pending.reject(outcome.error);
        case 'later':
          later.push(pending);
      }
    });
    await Promise.all(replays);
    // Their twin is committed now, so each finds it and is answered with it.
    for (const pending of later) await this.write([pending]);
  }

  private async fail(pending: Pending, error: unknown): Promise<void> {
    const key = pending.clientMessageId;
    if (key !== null && isUniqueViolation(error)) {
      // An identical request committed first, on another instance: its row is the answer.
      try {
        const row = (
          await findMessagesByClientIds(this.ctx.db, [{ senderId: pending.senderId, clientMessageId: key }])
        ).get(clientKey(pending.senderId, key));
        if (row) return await this.replay(pending, row);
      } catch (lookupError) {
        return pending.reject(lookupError);
      }
    }
    // A foreign key: the sender's account was deleted while the message waited.
    pending.reject(isForeignKeyViolation(error) ? roomNotFound() : error);
  }

  /**
   * A retry with the same key and body gets the stored message (its read
   * state as of now); the same key with another body is refused.
   */
  private async replay(pending: Pending, row: MessageRow): Promise<void> {
    const same =
      row.room_id === pending.roomId && row.message_type === pending.messageType && row.content === pending.content;
    if (!same) {
      pending.reject(
        new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          'clientMessageId was already used for a different message; use a new key for a new message',
        ),
      );
      return;
    }
    try {
      const room = await findParticipantRoom(this.ctx.db, row.room_id, pending.senderId);
      if (!room) return pending.reject(roomNotFound());
      const pointers = { mine: room.my_read_seq, theirs: room.their_read_seq };
      pending.resolve({ message: presentMessage(row, pending.senderId, pointers), created: false });
    } catch (error) {
      pending.reject(error);
    }
  }
}
