import type { Api } from '../http/api.js';
import { ApiError, isTransient, SignedOutError } from '../http/errors.js';
import { withLock, type SessionManager } from '../http/session.js';
import type { BackoffOptions } from '../lib/backoff.js';
import { Emitter } from '../lib/emitter.js';
import { newKey } from '../lib/ids.js';
import type { KeyValueStorage } from '../storage/storage.js';
import { itemError, keyPrefix, refusalOf, storedRefusal, type OutboxItem, type Stored } from './item.js';
import { RetrySchedule } from './retry-schedule.js';
import { deliver, type OutboxKind, type OutboxResults, type OutboxWrites } from './writes.js';

export type { OutboxItem };

export interface OutboxEvents {
  /** The items changed (queued, sending, retrying, sent, failed). */
  change: readonly OutboxItem[];
  sent: { item: OutboxItem; result: unknown };
  /** Refused by the server for good (a 4xx other than 408/429): not retried. */
  failed: { item: OutboxItem; error: ApiError };
}

export interface OutboxOptions {
  api: Api;
  session: SessionManager;
  storage: KeyValueStorage;
  backoff: BackoffOptions;
  onError: (error: unknown) => void;
}

/**
 * Writes made offline or while the server has trouble: kept in storage with
 * their idempotency keys and sent one at a time, in the order they were made.
 * Network errors, 408, 429, 502, 503 and 504 are retried with backoff and
 * jitter, never sooner than a `Retry-After`; any other refusal is final and
 * reported, and the queue moves on.
 */
export class Outbox {
  private readonly events = new Emitter<OutboxEvents>();
  private entries: Stored[] = [];
  private loadedFor: number | undefined;
  private running: Promise<void> | undefined;
  private readonly schedule: RetrySchedule;
  private lastOrder = 0;
  private closed = false;
  private wakeRequested = false;
  private serial: Promise<unknown> = Promise.resolve();
  /** Recently settled items, for a `whenSent` that comes after the answer. */
  private readonly settled = new Map<string, { how: 'resolve' | 'reject'; value: unknown }>();
  private readonly waiters = new Map<string, Array<{ resolve(v: unknown): void; reject(e: unknown): void }>>();
  private readonly stopListening: () => void;

  constructor(private readonly options: OutboxOptions) {
    this.schedule = new RetrySchedule(options.backoff);
    this.stopListening = options.session.on('change', () => {
      this.entries = [];
      this.loadedFor = undefined;
      this.schedule.succeeded();
      this.kick();
    });
  }

  on<K extends keyof OutboxEvents>(type: K, listener: (value: OutboxEvents[K]) => unknown): () => void {
    return this.events.on(type, listener);
  }

  /** Every write not yet sent (pending, sending, or failed), oldest first. */
  get items(): readonly OutboxItem[] {
    return this.entries.map((e) => e.item);
  }

  /** Loads what an earlier run left and sends it. */
  async start(): Promise<void> {
    await this.exclusive(() => this.load());
    this.kick();
  }

  /** Queues a chat message; its id is the message's `clientMessageId`, to match the `message.created` event. */
  sendMessage(input: OutboxWrites['chat.message']): Promise<OutboxItem<'chat.message'>> {
    return this.enqueue('chat.message', input);
  }

  /** Queues a read pointer; a newer one for the same room, not yet sent, takes the older one's place. */
  async markRead(chatRoomId: number, lastReadSeq: number): Promise<OutboxItem<'chat.read'>> {
    const merged = await this.exclusive(async () => {
      await this.load();
      const queued = this.entries.find(
        (e): e is Stored & { item: OutboxItem<'chat.read'> } =>
          e.item.kind === 'chat.read' && e.item.state === 'pending' && e.item.input.chatRoomId === chatRoomId,
      );
      if (!queued) return undefined;
      queued.item.input.lastReadSeq = Math.max(queued.item.input.lastReadSeq, lastReadSeq);
      await this.options.storage.set(queued.key, queued.item);
      return queued.item;
    });
    if (!merged) return this.enqueue('chat.read', { chatRoomId, lastReadSeq });
    this.changed();
    return merged;
  }

  invite(input: OutboxWrites['invitation.create']): Promise<OutboxItem<'invitation.create'>> {
    return this.enqueue('invitation.create', input);
  }

  acceptInvitation(invitationId: number): Promise<OutboxItem<'invitation.accept'>> {
    return this.enqueue('invitation.accept', { invitationId });
  }

  declineInvitation(invitationId: number): Promise<OutboxItem<'invitation.decline'>> {
    return this.enqueue('invitation.decline', { invitationId });
  }

  cancelInvitation(invitationId: number): Promise<OutboxItem<'invitation.cancel'>> {
    return this.enqueue('invitation.cancel', { invitationId });
  }

  /** Resolves with the server's answer once the item is sent; rejects with the ApiError that failed it. */
  whenSent<K extends OutboxKind>(item: OutboxItem<K>): Promise<OutboxResults[K]> {
    const done = this.settled.get(item.id);
    if (done) {
      return (done.how === 'resolve' ? Promise.resolve(done.value) : Promise.reject(done.value)) as Promise<
        OutboxResults[K]
      >;
    }
    const failed = this.entries.find((e) => e.item.id === item.id && e.item.state === 'failed')?.item;
    if (failed?.error) return Promise.reject(storedRefusal(failed.error));
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(item.id) ?? [];
      list.push({ resolve: resolve as (v: unknown) => void, reject });
      this.waiters.set(item.id, list);
    });
  }

  /** Tries the waiting items now (back online, say), without going below a server's Retry-After. */
  nudge(): void {
    this.schedule.nudge();
    this.kick();
  }

  /** Queues a failed item again, at its place in the order. */
  async retry(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.item.id === id && e.item.state === 'failed');
    if (!entry) return;
    entry.item.state = 'pending';
    delete entry.item.error;
    await this.persist(entry);
    this.settled.delete(id);
    this.changed();
    this.kick();
  }

  /** Forgets an item that was not sent (a failed one, or one the user no longer wants sent). */
  async discard(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.item.id === id && e.item.state !== 'sending');
    if (!entry) return;
    await this.remove(entry);
    this.settle(id, 'reject', new Error('Discarded from the outbox'));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    this.schedule.wake();
    await this.running;
    this.events.clear();
  }

  private async enqueue<K extends OutboxKind>(kind: K, input: OutboxWrites[K]): Promise<OutboxItem<K>> {
    const item = await this.exclusive(async () => {
      const userId = await this.load();
      if (userId === undefined) throw new SignedOutError();
      const created = { id: newKey(), kind, input, createdAt: new Date().toISOString(), state: 'pending', attempts: 0 };
      const entry: Stored = { key: `${keyPrefix(userId)}${this.nextOrder()}`, item: created as OutboxItem };
      await this.options.storage.set(entry.key, entry.item);
      this.entries.push(entry);
      return entry.item;
    });
    this.changed();
    this.kick();
    return item as OutboxItem<K>;
  }

  /** Changes to the list and to storage happen one at a time; sending happens outside. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.serial.then(task);
    this.serial = result.catch(() => {});
    return result;
  }

  /** Sortable across reloads and, roughly, across tabs: the time, then a counter. */
  private nextOrder(): string {
    this.lastOrder = Math.max(this.lastOrder + 1, Date.now() * 1000);
    return String(this.lastOrder).padStart(20, '0');
  }

  /**
   * The signed-in user's items, as storage has them (other tabs' too, and
   * without those another tab sent); undefined when nobody is signed in.
   * Only inside `exclusive`.
   */
  private async load(): Promise<number | undefined> {
    const userId = this.options.session.session?.userId;
    if (userId === undefined) return undefined;
    const keys = await this.options.storage.keys(keyPrefix(userId));
    const known = new Map((this.loadedFor === userId ? this.entries : []).map((e) => [e.key, e]));
    const entries: Stored[] = [];
    for (const key of keys) {
      const entry = known.get(key) ?? (await this.read(key));
      if (entry) entries.push(entry);
    }
    this.entries = entries;
    if (this.loadedFor !== userId) {
      this.loadedFor = userId;
      this.changed();
    }
    return userId;
  }

  private async read(key: string): Promise<Stored | undefined> {
    const item = await this.options.storage.get<OutboxItem>(key);
    if (!item) return undefined;
    // Sent or not: an attempt cut short by a reload is retried, which the idempotency key makes safe.
    if (item.state === 'sending') item.state = 'pending';
    const order = Number(key.slice(key.lastIndexOf(':') + 1));
    this.lastOrder = Math.max(this.lastOrder, order);
    return { key, item };
  }

  private kick(): void {
    if (this.closed) return;
    this.wakeRequested = true;
    if (this.running) {
      this.schedule.wake();
      return;
    }
    this.running = withLock('icebreaker-outbox', () => this.drain())
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.running = undefined;
        // Something came in after the loop's last look.
        if (this.wakeRequested) this.kick();
      });
  }

  /** Sends the head of the queue until it is empty, waiting out backoffs. */
  private async drain(): Promise<void> {
    while (!this.closed) {
      this.wakeRequested = false;
      const next = await this.exclusive(async () => {
        const userId = await this.load();
        return userId === undefined ? undefined : this.entries.find((e) => e.item.state === 'pending');
      });
      if (!next) return;
      if (!this.schedule.due) {
        await this.schedule.wait();
        continue;
      }
      await this.attemptSend(next);
    }
  }

  private async attemptSend(entry: Stored): Promise<void> {
    const { item } = entry;
    item.state = 'sending';
    item.attempts += 1;
    this.changed();
    try {
      const result = await deliver(this.options.api, item.kind, item.id, item.input as never);
      this.schedule.succeeded();
      await this.remove(entry);
      this.events.emit('sent', { item, result });
      this.settle(item.id, 'resolve', result);
    } catch (error) {
      if (error instanceof SignedOutError) {
        // Kept for when this user signs in again.
        item.state = 'pending';
        this.changed();
        return;
      }
      if (isTransient(error)) return this.later(entry, error);
      const refusal = refusalOf(error);
      item.state = 'failed';
      item.error = itemError(refusal);
      delete item.retryAt;
      await this.persist(entry);
      this.changed();
      this.events.emit('failed', { item, error: refusal });
      this.settle(item.id, 'reject', refusal);
    }
  }

  private async later(entry: Stored, error: unknown): Promise<void> {
    const { item } = entry;
    item.state = 'pending';
    item.retryAt = this.schedule.failed(error instanceof ApiError ? error.retryAfterMs : undefined);
    item.error = itemError(error);
    await this.persist(entry);
    this.changed();
  }

  private persist(entry: Stored): Promise<void> {
    return this.exclusive(() => this.options.storage.set(entry.key, entry.item));
  }

  private async remove(entry: Stored): Promise<void> {
    await this.exclusive(async () => {
      this.entries = this.entries.filter((e) => e !== entry);
      await this.options.storage.delete(entry.key);
    });
    this.changed();
  }

  private settle(id: string, how: 'resolve' | 'reject', value: unknown): void {
    this.settled.set(id, { how, value });
    if (this.settled.size > 200) this.settled.delete(this.settled.keys().next().value!);
    const list = this.waiters.get(id);
    this.waiters.delete(id);
    for (const waiter of list ?? []) waiter[how](value);
  }

  private changed(): void {
    this.events.emit('change', this.items);
  }
}
