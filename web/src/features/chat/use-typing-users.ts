import { useCallback } from 'react';
import { useIcebreaker } from '../../app/icebreaker-context';
import { useExternalValue } from '../../lib/use-external-value';

/** Who else is typing in a room right now; the SDK ends each indicator on its own. */
export function useTypingUsers(roomId: number): number[] {
  const ib = useIcebreaker();
  const subscribe = useCallback((notify: () => void) => ib.realtime.on('typing', notify), [ib]);
  const read = useCallback(() => ib.realtime.typingUsers(roomId).filter((id) => id !== ib.userId), [ib, roomId]);
  return useExternalValue(subscribe, read);
}
