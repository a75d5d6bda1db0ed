import type { Activity, ActivityParticipant, Icebreaker, User } from '@icebreaker/sdk';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useIcebreaker } from '../../app/icebreaker-context';
import type { ActivityListQuery } from './search-filters';

type ParticipantStatus = ActivityParticipant['status'];

/** Every key starts with 'activities', so one realtime invalidation refreshes them all. */
export const activityKeys = {
  all: ['activities'] as const,
  list: (query: ActivityListQuery) => ['activities', 'list', query] as const,
  detail: (id: number) => ['activities', 'detail', id] as const,
  participants: (id: number, status: ParticipantStatus) =>
    ['activities', 'detail', id, 'participants', status] as const,
  myPlace: (id: number, userId: number) => ['activities', 'detail', id, 'place', userId] as const,
};

const PAGE_SIZE = 20;

export function useActivityList(query: ActivityListQuery, enabled = true) {
  const ib = useIcebreaker();
  return useInfiniteQuery({
    enabled,
    queryKey: activityKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      ib.api.activities.listActivities(
        { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useActivity(id: number) {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: activityKeys.detail(id),
    queryFn: ({ signal }) => ib.api.activities.getActivity({ id }, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useParticipants(id: number, status: ParticipantStatus) {
  const ib = useIcebreaker();
  return useInfiniteQuery({
    queryKey: activityKeys.participants(id, status),
    queryFn: ({ pageParam, signal }) =>
      ib.api.activities.listActivityParticipants(
        { id, status, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * The viewer's own participant row, if any. The API has no "my place"
 * read, so this walks the waitlist (short) and then the participants,
 * 100 at a time, until it finds the viewer.
 */
async function findMyParticipant(
  ib: Icebreaker,
  activityId: number,
  userId: number,
  signal: AbortSignal,
): Promise<ActivityParticipant | null> {
  for (const status of ['WAITLISTED', 'JOINED'] as const) {
    let cursor: string | null = null;
    do {
      const page: { items: ActivityParticipant[]; nextCursor: string | null } =
        await ib.api.activities.listActivityParticipants(
          { id: activityId, status, limit: 100, ...(cursor ? { cursor } : {}) },
          { signal },
        );
      const mine = page.items.find((p) => p.userId === userId);
      if (mine) return mine;
      cursor = page.nextCursor;
    } while (cursor);
  }
  return null;
}

export function useMyParticipant(activity: Activity | undefined, userId: number | undefined) {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: activityKeys.myPlace(activity?.id ?? 0, userId ?? 0),
    queryFn: ({ signal }) => findMyParticipant(ib, activity!.id, userId!, signal),
    enabled: activity !== undefined && userId !== undefined,
  });
}

/** Profiles of up to 100 people at once (a page of participants), by id. */
export function usePeople(ids: number[]) {
  const ib = useIcebreaker();
  const sorted = [...new Set(ids)].sort((a, b) => a - b).slice(0, 100);
  return useQuery({
    queryKey: ['users', 'by-ids', sorted] as const,
    queryFn: async ({ signal }) => {
      const page = await ib.api.users.listUsers({ ids: sorted.join(','), limit: 100 }, { signal });
      return new Map<number, User>(page.items.map((user) => [user.id, user]));
    },
    enabled: sorted.length > 0,
    staleTime: 60_000,
  });
}
