import type { OutboxItem } from '@icebreaker/sdk';
import { useCallback } from 'react';
import { useIcebreaker } from '../../app/icebreaker-context';
import { useExternalValue } from '../../lib/use-external-value';

/** The outbox's items (pending, sending, failed), re-rendering on every change. */
export function useOutboxItems(): readonly OutboxItem[] {
  const ib = useIcebreaker();
  const subscribe = useCallback((notify: () => void) => ib.outbox.on('change', notify), [ib]);
  const read = useCallback(() => ib.outbox.items, [ib]);
  return useExternalValue(subscribe, read);
}
