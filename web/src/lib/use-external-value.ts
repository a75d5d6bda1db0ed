import { useMemo, useSyncExternalStore } from 'react';

type Subscribe = (notify: () => void) => () => void;

/** A snapshot that stays the same object until the source says it changed (useSyncExternalStore needs that). */
function cachedStore<T>(subscribe: Subscribe, read: () => T) {
  let cached: { value: T } | undefined;
  return {
    subscribe: (notify: () => void) =>
      subscribe(() => {
        cached = undefined;
        notify();
      }),
    getSnapshot: () => (cached ??= { value: read() }).value,
  };
}

/**
 * A value kept by the SDK (outbox items, who is typing), re-read when the SDK
 * signals a change. Pass a stable `subscribe` and `read` (useCallback).
 */
export function useExternalValue<T>(subscribe: Subscribe, read: () => T): T {
  const store = useMemo(() => cachedStore(subscribe, read), [subscribe, read]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
