import { ApiError } from '../http/errors.js';
import type { OutboxKind, OutboxWrites } from './writes.js';

/** One write waiting to reach the server. */
export type OutboxItem<K extends OutboxKind = OutboxKind> = {
  [P in K]: {
    /** The idempotency key: `clientMessageId` of a message, `Idempotency-Key` of an invitation. */
    id: string;
    kind: P;
    input: OutboxWrites[P];
    createdAt: string;
    /** `pending` (queued or waiting to retry), `sending`, or `failed` (refused; kept until retried or discarded). */
    state: 'pending' | 'sending' | 'failed';
    attempts: number;
    /** Why the last attempt failed: a transient problem for `pending`, the refusal for `failed`. */
    error?: ItemError;
    /** When the next attempt is due, after a transient failure (ms since the epoch). */
    retryAt?: number;
  };
}[K];

export interface ItemError {
  /** Absent when there was no answer (`code` is then `NETWORK`). */
  status?: number;
  code: string;
  detail: string;
}

/** An item and its storage key, which sorts in the order the items were made. */
export interface Stored {
  key: string;
  item: OutboxItem;
}

export const keyPrefix = (userId: number): string => `icebreaker:outbox:${userId}:`;

export function itemError(error: unknown): ItemError {
  if (error instanceof ApiError) return { status: error.status, code: error.code, detail: error.detail };
  return { code: 'NETWORK', detail: error instanceof Error ? error.message : String(error) };
}

/** The refusal of a failed item, as the ApiError its `whenSent` rejects with. */
export function refusalOf(error: unknown): ApiError {
  return error instanceof ApiError ? error : storedRefusal(itemError(error));
}

/** The refusal of an item failed in an earlier run, from what was stored of it. */
export function storedRefusal({ status, code, detail }: ItemError): ApiError {
  return new ApiError({ type: 'about:blank', title: 'Not sent', status: status ?? 0, code, detail });
}
