import { AppError, notFound } from '../../http/errors.js';
import { transactionWithEvents, type EventContext } from '../events/publish.js';
import { appendMessages, clientKey, findMessagesByClientIds, lockRoomsForSending } from './message-repository.js';
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
 * Stores a batch of messages in one transaction, in a fixed number of
 * statements whatever its size: one read of the idempotency keys, one lock
 * of the rooms (participants and blocks checked under it), one bump of the
 * rooms' seqs, one insert, and the recipients' events. Within a room the
 * batch's messages take seqs in the order given.
 */
export function storeMessages(ctx: EventContext, sends: SendRequest[]): Promise<SendOutcome[]> {
  return transactionWithEvents(ctx, async (trx, events) => {
    const outcomes: (SendOutcome | undefined)[] = new Array<SendOutcome | undefined>(sends.length);

    const firstWithKey = new Map<string, number>();
    sends.forEach((s, i) => {
      if (s.clientMessageId === null) return;
      const key = clientKey(s.senderId, s.clientMessageId);
      if (firstWithKey.has(key)) outcomes[i] = { kind: 'later' };
      else firstWithKey.set(key, i);
    });
    const stored = await findMessagesByClientIds(
      trx,
      [...firstWithKey.values()].map((i) => ({
        senderId: sends[i]!.senderId,
        clientMessageId: sends[i]!.clientMessageId!,
      })),
    );
    for (const [key, i] of firstWithKey) {
      const row = stored.get(key);
      if (row) outcomes[i] = { kind: 'stored', row };
    }

    const open = sends.flatMap((s, i) => (outcomes[i] === undefined ? [{ s, i }] : []));
    if (open.length === 0) return outcomes as SendOutcome[];
    const rooms = await lockRoomsForSending(trx, [...new Set(open.map(({ s }) => s.roomId))]);
    const accepted: { s: SendRequest; i: number; otherId: number }[] = [];
    for (const { s, i } of open) {
      const room = rooms.get(s.roomId);
      if (!room || (room.participant1_id !== s.senderId && room.participant2_id !== s.senderId)) {
        outcomes[i] = { kind: 'refused', error: roomNotFound() };
      } else if (!room.allowed) {
        outcomes[i] = { kind: 'refused', error: new AppError('FORBIDDEN', 'You cannot message this user') };
      } else {
        const otherId = room.participant1_id === s.senderId ? room.participant2_id : room.participant1_id;
        accepted.push({ s, i, otherId });
      }
    }
    if (accepted.length === 0) return outcomes as SendOutcome[];

    const now = ctx.clock.now();
    const rows = await appendMessages(
      trx,
      accepted.map(({ s }) => ({
        room_id: s.roomId,
        sender_id: s.senderId,
        message_type: s.messageType,
        content: s.content,
        client_message_id: s.clientMessageId,
        created_at: now,
      })),
      now,
    );
    accepted.forEach(({ s, i, otherId }, n) => {
      const row = rows[n]!;
      // No read pointer can be past a seq that was not committed yet: unread for both.
      const message = presentMessage(row, s.senderId, { mine: 0, theirs: 0 });
      events.emit([s.senderId, otherId], 'message.created', message);
      outcomes[i] = { kind: 'created', message };
    });
    return outcomes as SendOutcome[];
  });
}
