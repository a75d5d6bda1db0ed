import type { User } from '@icebreaker/sdk';
import { describeSummary } from './rating-values';

export type Summary = NonNullable<User['ratingSummary']>;

/** A person's average and number of visible ratings; "No ratings yet" without any. */
export function RatingSummary({ summary }: { summary: Summary | null | undefined }) {
  const text = describeSummary(summary);
  if (!text || !summary || summary.average === null) {
    return <p className="rating-summary rating-summary--none">No ratings yet</p>;
  }
  const filled = Math.round(summary.average);
  return (
    <p className="rating-summary">
      <span className="rating-summary__stars" aria-hidden="true">
        {'★'.repeat(filled)}
        {'☆'.repeat(5 - filled)}
      </span>{' '}
      <span>{text}</span>
    </p>
  );
}
