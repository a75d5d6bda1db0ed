/** The server's limit on a rating's comment (server/src/modules/ratings/schemas.ts). */
export const MAX_COMMENT_LENGTH = 1000;

export interface RatingValues {
  /** 1–5, or null before a choice. */
  stars: number | null;
  comment: string;
}

export interface RatingErrors {
  stars?: string;
  comment?: string;
}

const codePoints = (text: string): number => [...text].length;

export function validateRating(values: RatingValues): RatingErrors {
  const errors: RatingErrors = {};
  if (values.stars === null || !Number.isInteger(values.stars) || values.stars < 1 || values.stars > 5) {
    errors.stars = 'Choose from 1 to 5 stars';
  }
  const length = codePoints(values.comment.trim());
  if (length > MAX_COMMENT_LENGTH) {
    errors.comment = `Keep it to ${MAX_COMMENT_LENGTH} characters (${length - MAX_COMMENT_LENGTH} too many)`;
  }
  return errors;
}

export interface RatingBody {
  ratedId: number;
  meetingId: number;
  rating: number;
  comment: string | null;
}

/** The body for a rating that passed `validateRating`; an empty comment is no comment. */
export function toRatingBody(values: RatingValues, ratedId: number, meetingId: number): RatingBody {
  if (values.stars === null) throw new Error('toRatingBody needs a validated rating');
  const comment = values.comment.trim();
  return { ratedId, meetingId, rating: values.stars, comment: comment || null };
}

export const starsLabel = (n: number): string => (n === 1 ? '1 star' : `${n} stars`);

/** "4.25 out of 5 from 12 ratings", or null without any. */
export function describeSummary(summary: { average: number | null; count: number } | null | undefined): string | null {
  if (!summary || summary.count === 0 || summary.average === null) return null;
  const average = Number.isInteger(summary.average) ? String(summary.average) : summary.average.toFixed(1);
  return `${average} out of 5 from ${summary.count} ${summary.count === 1 ? 'rating' : 'ratings'}`;
}
