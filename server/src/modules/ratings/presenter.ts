import type { RatingRow } from './repository.js';
import type { Rating } from './schemas.js';

/** `pending` is read with the request's clock: a rating past its blind period is visible whether or not it was announced. */
export function presentRating(row: RatingRow, now: Date): Rating {
  return {
    id: row.id,
    raterId: row.rater_id,
    ratedId: row.rated_id,
    meetingId: row.meeting_id,
    rating: row.score,
    comment: row.comment,
    createdAt: row.created_at,
    pending: row.visible_at.getTime() > now.getTime(),
    visibleAt: row.visible_at,
  };
}
