import type { Icebreaker, User } from '@icebreaker/sdk';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

const IcebreakerContext = createContext<Icebreaker | null>(null);

export function IcebreakerProvider({ client, children }: { client: Icebreaker; children: ReactNode }) {
  return <IcebreakerContext.Provider value={client}>{children}</IcebreakerContext.Provider>;
}

/** The SDK instance of the app. */
export function useIcebreaker(): Icebreaker {
  const client = useContext(IcebreakerContext);
  if (!client) throw new Error('useIcebreaker must be used inside <IcebreakerProvider>');
  return client;
}

/** The signed-in user's id, or null; follows sign-in and sign-out. */
export function useUserId(): number | null {
  const ib = useIcebreaker();
  return useSyncExternalStore(
    (notify) => ib.session.on('change', notify),
    () => ib.userId,
  );
}

export const meQueryKey = ['users', 'me'] as const;

/** The signed-in user's own profile (with email, name card and visibility settings). */
export function useMe(): UseQueryResult<User> {
  const ib = useIcebreaker();
  const userId = useUserId();
  return useQuery({
    queryKey: [...meQueryKey, userId],
    queryFn: ({ signal }) => ib.api.users.getMe(undefined, { signal }),
    enabled: userId !== null,
  });
}
