import type { DurableEventType } from '@icebreaker/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { addMessage, markReadUpTo } from '../features/chat/chat-cache';
import { useIcebreaker } from './icebreaker-context';

/** Which cached lists each durable event makes stale (query keys start with the module name). */
const staleAfter: Record<DurableEventType, string[][]> = {
  'message.created': [['chat', 'rooms']],
  'messages.read': [['chat', 'rooms']],
  'chatroom.created': [['chat', 'rooms']],
  'invitation.created': [['invitations']],
  'invitation.updated': [['invitations'], ['chat', 'rooms']],
  'invitation.expired': [['invitations']],
  'activity.updated': [['activities']],
  'activity.cancelled': [['activities'], ['invitations']],
  'participant.joined': [['activities']],
  'participant.left': [['activities']],
  'waitlist.promoted': [['activities']],
  'connection.created': [['connections'], ['users']],
  'connection.deleted': [['connections'], ['users']],
  'rating.received': [['ratings'], ['users']],
};

/** One subscription for the whole app: real-time events refresh what is cached. */
export function useRealtimeSync(): void {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  useEffect(() => {
    const stops = [
      ib.realtime.on('event', ({ type }) => {
        for (const queryKey of staleAfter[type as DurableEventType] ?? [])
          void queryClient.invalidateQueries({ queryKey });
      }),
      ib.realtime.on('message.created', (message) => addMessage(queryClient, message)),
      ib.realtime.on('messages.read', (read) => markReadUpTo(queryClient, read, ib.userId)),
      // Events were lost to a gap: refetch everything shown (the old data stays until the new lands).
      ib.realtime.on('resync', () => queryClient.invalidateQueries()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [ib, queryClient]);
}
