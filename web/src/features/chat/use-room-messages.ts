import type { ChatMessage } from '@icebreaker/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useIcebreaker } from '../../app/icebreaker-context';
import { chatKeys, earlierThan, hasEarlierMessages, markReadUpTo, mergeMessages } from './chat-cache';

const PAGE = 100;

/**
 * The latest messages of a room, oldest first; live ones are added by the
 * app's real-time sync. A refetch keeps the earlier pages already loaded.
 */
export function useRoomMessages(roomId: number) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: chatKeys.messages(roomId),
    queryFn: async ({ signal }) => {
      const latest = (await ib.api.chat.listChatMessages({ id: roomId, limit: PAGE }, { signal })).items;
      const cached = queryClient.getQueryData<ChatMessage[]>(chatKeys.messages(roomId)) ?? [];
      return mergeMessages(earlierThan(cached, latest), latest);
    },
  });
}

/** Loads the page before the oldest message shown into the room's cache. */
export function useEarlierMessages(roomId: number, messages: readonly ChatMessage[]) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const oldest = messages[0]?.seq;
  const load = useMutation({
    mutationFn: async () => (await ib.api.chat.listChatMessages({ id: roomId, before: oldest!, limit: PAGE })).items,
    onSuccess: (page) =>
      queryClient.setQueryData<ChatMessage[]>(chatKeys.messages(roomId), (cached) => mergeMessages(cached ?? [], page)),
  });
  return { hasEarlier: hasEarlierMessages(messages), load };
}

/** While the room is shown, the other person's messages count as read (through the outbox, so offline too). */
export function useMarkRead(roomId: number, messages: readonly { senderId: number; seq: number; isRead: boolean }[]) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const lastMarked = useRef(0);
  const unreadUpTo = Math.max(0, ...messages.filter((m) => m.senderId !== ib.userId && !m.isRead).map((m) => m.seq));
  useEffect(() => {
    if (unreadUpTo <= lastMarked.current || document.visibilityState === 'hidden') return;
    lastMarked.current = unreadUpTo;
    void ib.outbox.markRead(roomId, unreadUpTo).then(() => {
      markReadUpTo(queryClient, { chatRoomId: roomId, userId: ib.userId!, lastReadSeq: unreadUpTo }, ib.userId);
      return queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
    });
  }, [ib, queryClient, roomId, unreadUpTo]);
}
