import type { ChatRoom } from '@icebreaker/sdk';
import { useQuery } from '@tanstack/react-query';
import { useIcebreaker, useUserId } from '../../app/icebreaker-context';
import { chatKeys } from './chat-cache';

/** The user's chat rooms with unread counts and last messages, most recent first. */
export function useChatRooms() {
  const ib = useIcebreaker();
  const userId = useUserId();
  return useQuery({
    queryKey: chatKeys.rooms,
    queryFn: async ({ signal }) => (await ib.api.chat.listChatRooms({ limit: 100 }, { signal })).items,
    enabled: userId !== null,
  });
}

export const partnerOf = (room: ChatRoom, userId: number | null): number =>
  room.participant1Id === userId ? room.participant2Id : room.participant1Id;
