import type { PresenceState } from '@icebreaker/sdk';
import { useCallback } from 'react';
import { useIcebreaker } from '../../app/icebreaker-context';
import { useExternalValue } from '../../lib/use-external-value';

/** The last presence heard for a chat partner (online, or when they were last seen). */
export function usePresence(userId: number): PresenceState | undefined {
  const ib = useIcebreaker();
  const subscribe = useCallback((notify: () => void) => ib.realtime.on('presence', notify), [ib]);
  const read = useCallback(() => ib.realtime.presenceOf(userId), [ib, userId]);
  return useExternalValue(subscribe, read);
}
