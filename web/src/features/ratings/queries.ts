import type { Activity, Icebreaker, Rating } from '@icebreaker/sdk';
import { useQuery } from '@tanstack/react-query';
import { useIcebreaker } from '../../app/icebreaker-context';

/** Every key starts with 'ratings', so one realtime invalidation refreshes them all. */
export const ratingKeys = {
  all: ['ratings'] as const,
  chances: (userId: number, viewerId: number) => ['ratings', 'chances', userId, viewerId] as const,
};

/** An activity both people joined that has started, with the viewer's rating of the other for it, if any. */
export interface RatingChance {
  activity: Activity;
  myRating: Rating | null;
}

export interface RatingChances {
  /** Started and not cancelled, most recent first. */
  chances: RatingChance[];
  /** The next shared activity still to start: rating it opens then. */
  next: Activity | null;
}

const HOUR = 3_600_000;

/**
 * The activities the viewer shares with someone: not cancelled and joined
 * by both (`participantId` them, `mine` the viewer). Open ones (running or
 * upcoming) and finished ones are two reads. The viewer's own ratings of
 * them, pending ones included, come from the ratings read.
 */
async function ratingChances(
  ib: Icebreaker,
  userId: number,
  viewerId: number,
  signal: AbortSignal,
): Promise<RatingChances> {
  const now = Date.now();
  const shared = { participantId: userId, mine: true, limit: 100 } as const;
  const [open, finished, ratings] = await Promise.all([
    ib.api.activities.listActivities(shared, { signal }),
    ib.api.activities.listActivities({ ...shared, active: false }, { signal }),
    ib.api.ratings.listUserRatings({ userId, limit: 100 }, { signal }),
  ]);
  const mine = new Map(ratings.items.filter((r) => r.raterId === viewerId).map((r) => [r.meetingId, r]));
  const started = (a: Activity) => new Date(a.startTime).getTime() <= now;
  const chances = [...open.items, ...finished.items]
    .filter((a) => a.isActive && started(a))
    .sort((a, b) => b.startTime.localeCompare(a.startTime))
    .map((activity): RatingChance => ({ activity, myRating: mine.get(activity.id) ?? null }));
  // Open activities come soonest first: the first one not started is the next.
  return { chances, next: open.items.find((a) => !started(a)) ?? null };
}

/** Read again when the next shared activity starts (checked at least hourly), so its form appears by itself. */
function untilNextStart(data: RatingChances | undefined): number | false {
  if (!data?.next) return false;
  const wait = new Date(data.next.startTime).getTime() - Date.now();
  return Math.min(Math.max(wait + 1000, 1000), HOUR);
}

export function useRatingChances(userId: number, viewerId: number | undefined) {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: ratingKeys.chances(userId, viewerId ?? 0),
    queryFn: ({ signal }) => ratingChances(ib, userId, viewerId!, signal),
    enabled: viewerId !== undefined && viewerId !== userId,
    refetchInterval: (query) => untilNextStart(query.state.data),
  });
}
