import type { Rating } from '@icebreaker/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIcebreaker, useMe } from '../../app/icebreaker-context';
import { ErrorNotice, Loading } from '../../ui';
import { formatDateTime } from '../../lib/time';
import { ratingKeys, useRatingChances } from './queries';
import { RatingForm } from './rating-form';
import { starsLabel, toRatingBody, type RatingValues } from './rating-values';

const formatDay = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Where a rating given stands: hidden until they rate back (or the blind period ends), or visible. */
function RatingGiven({
  rating,
  userName,
  title,
  justSent,
}: {
  rating: Rating;
  userName: string;
  title: string;
  justSent: boolean;
}) {
  return (
    <div className="rating-given" role={justSent ? 'status' : undefined}>
      <p className="rating-given__headline">{justSent ? 'Rating sent' : `You rated ${userName}`}</p>
      <p className="hint">
        {starsLabel(rating.rating)} for {title}.{' '}
        {rating.pending
          ? `${userName} sees it once they have rated you back, or on ${formatDay(rating.visibleAt)} at the latest.`
          : 'It is visible now.'}
      </p>
    </div>
  );
}

/**
 * A rating form for each activity both joined that has started and for
 * which the viewer has not rated this person yet; nothing for oneself.
 */
export function RatePerson({ userId, userName }: { userId: number; userName: string }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const me = useMe();
  const chances = useRatingChances(userId, me.data?.id);
  // Kept here so "Rating sent" stays after the list refetches with the new rating.
  const [sent, setSent] = useState<ReadonlyMap<number, Rating>>(new Map());

  if (!me.data || me.data.id === userId) return null;
  if (chances.isPending) return <Loading label="Checking your meetings…" />;
  if (chances.isError) return <ErrorNotice error={chances.error} />;
  const { chances: started, next } = chances.data;
  const upcoming = next && (
    <p className="hint">
      You can rate {userName} for {next.title} once it starts, {formatDateTime(next.startTime)}.
    </p>
  );
  if (started.length === 0) {
    return upcoming || <p className="hint">You can rate {userName} once an activity you both joined has started.</p>;
  }

  async function rate(meetingId: number, values: RatingValues) {
    const rating = await ib.api.ratings.rateUser({ body: toRatingBody(values, userId, meetingId) });
    setSent((current) => new Map(current).set(meetingId, rating));
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ratingKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['users', userId] }),
    ]);
  }

  return (
    <section className="card rate-person" aria-label={`Rate ${userName}`}>
      <h2>Rate {userName}</h2>
      <p className="hint">
        Ratings are double-blind: {userName} sees yours only after rating you back, or when the blind period ends, so
        nobody rates in fear of retaliation.
      </p>
      <ul className="list">
        {started.map(({ activity, myRating }) => {
          const given = sent.get(activity.id) ?? myRating;
          return (
            <li key={activity.id}>
              {given ? (
                <RatingGiven
                  rating={given}
                  userName={userName}
                  title={activity.title}
                  justSent={sent.has(activity.id)}
                />
              ) : (
                <RatingForm
                  userName={userName}
                  activityTitle={activity.title}
                  onSubmit={(values) => rate(activity.id, values)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {upcoming}
    </section>
  );
}
