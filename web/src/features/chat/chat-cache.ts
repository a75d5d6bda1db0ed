import type { ChatMessage } from '@icebreaker/sdk';
import type { QueryClient } from '@tanstack/react-query';

export const chatKeys = {
  rooms: ['chat', 'rooms'] as const,
  room: (roomId: number) => ['chat', 'rooms', roomId] as const,
  messages: (roomId: number) => ['chat', 'messages', roomId] as const,
};

/** A room's messages as cached: ascending by seq, each once. */
export function insertMessage(messages: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  const existing = messages.findIndex((m) => m.id === message.id);
  if (existing >= 0) {
    const next = [...messages];
    next[existing] = { ...message, isRead: message.isRead || messages[existing]!.isRead };
    return next;
  }
  const at = messages.findIndex((m) => m.seq > message.seq);
  return at < 0 ? [...messages, message] : [...messages.slice(0, at), message, ...messages.slice(at)];
}

/** A page of a room's messages (any order) into a cached list, each as `insertMessage` places it. */
export const mergeMessages = (cached: readonly ChatMessage[], page: readonly ChatMessage[]): ChatMessage[] =>
  page.reduce<ChatMessage[]>(insertMessage, [...cached]);

/** The cached messages before a fresh page, when they reach it (a gap would hide messages). */
export function earlierThan(cached: readonly ChatMessage[], page: readonly ChatMessage[]): ChatMessage[] {
  if (page.length === 0) return [];
  const oldest = Math.min(...page.map((m) => m.seq));
  const earlier = cached.filter((m) => m.seq < oldest);
  return earlier.at(-1)?.seq === oldest - 1 ? earlier : [];
}

/**
 * Whether older messages exist than those cached: a room's seqs start at 1
 * and have no gaps, so only a list that starts at 1 has them all.
 */
export const hasEarlierMessages = (messages: readonly ChatMessage[]): boolean =>
  messages.length > 0 && messages[0]!.seq > 1;

/** Adds a message that arrived live (or came back from sending) to its room, if that room is cached. */
export function addMessage(queryClient: QueryClient, message: ChatMessage): void {
  queryClient.setQueryData<ChatMessage[]>(chatKeys.messages(message.chatRoomId), (messages) =>
    messages ? insertMessage(messages, message) : messages,
  );
}

/**
 * Someone read a room up to a seq. Read receipts: when the reader is the
 * other person, the viewer's own messages up to there are now read.
 */
export function markReadUpTo(
  queryClient: QueryClient,
  read: { chatRoomId: number; userId: number; lastReadSeq: number },
  viewerId: number | null,
): void {
  queryClient.setQueryData<ChatMessage[]>(chatKeys.messages(read.chatRoomId), (messages) =>
    messages?.map((m) => {
      const readNow = read.userId === viewerId ? m.senderId !== viewerId : m.senderId === viewerId;
      return readNow && m.seq <= read.lastReadSeq && !m.isRead ? { ...m, isRead: true } : m;
    }),
  );
}
