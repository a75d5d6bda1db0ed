import type { Activity, User } from '@icebreaker/sdk';
import { useQuery } from '@tanstack/react-query';
import { useIcebreaker } from '../app/icebreaker-context';

/** Profiles of several people at once, by id (one request), for lists that show names. */
export function usePeople(ids: readonly number[]): Map<number, User> {
  const ib = useIcebreaker();
  const unique = [...new Set(ids)].sort((a, b) => a - b).slice(0, 100);
  const { data } = useQuery({
    queryKey: ['users', 'by-ids', unique],
    queryFn: async ({ signal }) =>
      (await ib.api.users.listUsers({ ids: unique.join(','), limit: 100 }, { signal })).items,
    enabled: unique.length > 0,
    staleTime: 60_000,
  });
  return new Map((data ?? []).map((user) => [user.id, user]));
}

export function useActivity(activityId: number | null) {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: ['activities', 'detail', activityId],
    queryFn: ({ signal }) => ib.api.activities.getActivity({ id: activityId! }, { signal }),
    enabled: activityId !== null,
  });
}

export const displayNameOf = (people: Map<number, User>, id: number): string =>
  people.get(id)?.displayName ?? 'Someone';

export type { Activity };
