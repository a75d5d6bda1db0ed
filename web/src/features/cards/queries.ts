import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useIcebreaker } from '../../app/icebreaker-context';

/** Every key starts with 'connections', so one realtime invalidation refreshes them all. */
export const cardKeys = {
  all: ['connections'] as const,
  list: (name: string) => ['connections', 'list', name] as const,
};

export function useCollectedCards(name: string) {
  const ib = useIcebreaker();
  return useInfiniteQuery({
    queryKey: cardKeys.list(name),
    queryFn: ({ pageParam, signal }) =>
      ib.api.connections.listConnections(
        { limit: 20, ...(name ? { name } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * Whether the viewer holds this person's card. Someone else's profile
 * carries a name card only for those who collected it, so the profile
 * (the same `['users', id]` read the person page makes) says.
 */
export function useHasCard(userId: number) {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: ['users', userId],
    queryFn: ({ signal }) => ib.api.users.getUser({ id: userId }, { signal }),
    select: (user) => user.nameCard !== undefined,
  });
}
