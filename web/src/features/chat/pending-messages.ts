import type { ChatMessage, OutboxItem } from '@icebreaker/sdk';

/** A message the outbox still holds: shown after the delivered ones until the server has it. */
export interface PendingMessage {
  clientMessageId: string;
  content: string;
  createdAt: string;
  state: 'pending' | 'sending' | 'failed';
  problem?: string;
}

/**
 * The outbox's messages for one room that the delivered list does not show
 * yet, oldest first. A message the server already has (same clientMessageId)
 * is shown once, as delivered, even while the outbox still holds it.
 */
export function pendingMessagesFor(
  roomId: number,
  items: readonly OutboxItem[],
  delivered: readonly ChatMessage[],
): PendingMessage[] {
  const deliveredKeys = new Set(delivered.map((m) => m.clientMessageId).filter(Boolean));
  const pending: PendingMessage[] = [];
  for (const item of items) {
    if (item.kind !== 'chat.message' || item.input.chatRoomId !== roomId || deliveredKeys.has(item.id)) continue;
    pending.push({
      clientMessageId: item.id,
      content: item.input.content,
      createdAt: item.createdAt,
      state: item.state,
      ...(item.state === 'failed' && item.error ? { problem: item.error.code } : {}),
    });
  }
  return pending;
}
