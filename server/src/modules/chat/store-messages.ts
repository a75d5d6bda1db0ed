import { AppError, notFound } from '../../http/errors.js';
import type { EventContext } from '../events/publish.js';
import type { DeliveredEvent } from '../../realtime/bus.js';
import { shareJson } from '../../realtime/shared-json.js';
import { clientKey, storeMessageBatch, type MessageDraft } from './message-repository.js';
import { presentMessage } from './presenter.js';
import type { MessageRow } from './repository.js';
import type { ChatMessage, MessageType } from './schemas.js';

/** A message to store, already validated but for who may send it where. */
export interface SendRequest {
  senderId: number;
  roomId: number;
  messageType: MessageType;
  content: string;
  clientMessageId: string | null;
}

/** What became of one request of a batch. */
export type SendOutcome =
  | { kind: 'created'; message: ChatMessage }
  /** Its idempotency key was used before: the answer depends on the stored row. */
  | { kind: 'stored'; row: MessageRow }
  | { kind: 'refused'; error: AppError }
  /** Its key repeats an earlier request of the same batch: it must wait for that one. */
  | { kind: 'later' };

/** A stranger learns nothing about a room, not even that it exists. */
export const roomNotFound = (): AppError => notFound('Chat room');

/**
 * Stores a batch of messages and their events in one statement (one round
 * trip, whatever the batch's size; see storeMessageBatch), then rings the bus
 * for the events it committed. Within a room the batch's messages take seqs
 * in the order given.
 */
export async function storeMessages(ctx: EventContext, sends: SendRequest[]): Promise<SendOutcome[]> {
  const outcomes: (SendOutcome | undefined)[] = new Array<SendOutcome | undefined>(sends.length);
  const seen = new Set<string>();
  const open: number[] = [];
  sends.forEach((s, i) => {
    if (s.clientMessageId !== null) {
      const key = clientKey(s.senderId, s.clientMessageId);
      if (seen.has(key)) return void (outcomes[i] = { kind: 'later' });
      seen.add(key);
    }
    open.push(i);
  });
  if (open.length === 0) return outcomes as SendOutcome[];

  const now = ctx.clock.now();
  const results = await storeMessageBatch(
    ctx.db,
    open.map((i): MessageDraft => {
      const s = sends[i]!;
      return {
        room_id: s.roomId,
        sender_id: s.senderId,
        message_type: s.messageType,
        content: s.content,
        client_message_id: s.clientMessageId,
      };
    }),
    now,
  );

  const createdAt = now.toISOString();
  const events: DeliveredEvent[] = [];
  results.forEach((result, n) => {
    const i = open[n]!;
    switch (result.status) {
      case 'stored':
        return void (outcomes[i] = { kind: 'stored', row: result.row });
      case 'not_found':
        return void (outcomes[i] = { kind: 'refused', error: roomNotFound() });
      case 'blocked':
        return void (outcomes[i] = {
          kind: 'refused',
          error: new AppError('FORBIDDEN', 'You cannot message this user'),
        });
      case 'created': {
        const { row } = result;
        // No read pointer can be past a seq that was not committed yet: unread for both.
        const message = presentMessage(row, row.sender_id, { mine: 0, theirs: 0 });
        // One serialization for the ack and every frame that carries the event.
        shareJson(message, JSON.stringify(message));
        events.push(
          { userId: row.sender_id, seq: result.senderEventSeq, type: 'message.created', data: message, createdAt },
          { userId: result.otherId, seq: result.otherEventSeq, type: 'message.created', data: message, createdAt },
        );
        outcomes[i] = { kind: 'created', message };
      }
    }
  });
  if (events.length > 0) await ctx.bus.publish({ kind: 'events', events });
  return outcomes as SendOutcome[];
}
