import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useIcebreaker } from '../../app/icebreaker-context';
import { chatKeys, markReadUpTo } from './chat-cache';

const PAGE = 100;

/** The latest messages of a room, oldest first; live ones are added by the app's real-time sync. */
export function useRoomMessages(roomId: number) {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: chatKeys.messages(roomId),
    queryFn: async ({ signal }) =>
      (await ib.api.chat.listChatMessages({ id: roomId, limit: PAGE }, { signal })).items.slice().reverse(),
  });
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
