import type { ConnectionStatus } from '@icebreaker/sdk';
import { useSyncExternalStore } from 'react';
import { useIcebreaker, useUserId } from './icebreaker-context';

export function useConnectionStatus(): ConnectionStatus {
  const ib = useIcebreaker();
  return useSyncExternalStore(
    (notify) => ib.realtime.on('status', notify),
    () => ib.realtime.status,
  );
}

const texts: Record<Exclude<ConnectionStatus, 'online'>, string> = {
  connecting: 'Connecting…',
  offline: 'You are offline. Messages you send will go out when the connection is back.',
};

/** Says when live updates are not flowing; nothing while all is well. */
export function ConnectionBanner() {
  const status = useConnectionStatus();
  const userId = useUserId();
  if (userId === null || status === 'online') return null;
  return (
    <div className={`connection-banner connection-${status}`} role="status" aria-live="polite">
      {texts[status]}
    </div>
  );
}
