import { describe, expect, it } from 'vitest';
import { describeSummary, toRatingBody, validateRating } from './rating-values';

describe('rating values', () => {
  it('needs 1 to 5 whole stars', () => {
    expect(validateRating({ stars: null, comment: '' })).toEqual({ stars: 'Choose from 1 to 5 stars' });
    expect(validateRating({ stars: 0, comment: '' }).stars).toBeDefined();
    expect(validateRating({ stars: 2.5, comment: '' }).stars).toBeDefined();
    expect(validateRating({ stars: 5, comment: '' })).toEqual({});
  });

  it('limits the comment to 1000 characters, counted as the server counts them', () => {
    expect(validateRating({ stars: 3, comment: '👍'.repeat(1000) })).toEqual({});
    expect(validateRating({ stars: 3, comment: 'a'.repeat(1002) })).toEqual({
      comment: 'Keep it to 1000 characters (2 too many)',
    });
  });

  it('sends an empty comment as none and trims the rest', () => {
    expect(toRatingBody({ stars: 4, comment: '   ' }, 2, 9)).toEqual({
      ratedId: 2,
      meetingId: 9,
      rating: 4,
      comment: null,
    });
    expect(toRatingBody({ stars: 4, comment: ' Fun ' }, 2, 9).comment).toBe('Fun');
  });

  it('describes a summary, or nothing without ratings', () => {
    expect(describeSummary({ average: null, count: 0 })).toBeNull();
    expect(describeSummary(undefined)).toBeNull();
    expect(describeSummary({ average: 4, count: 1 })).toBe('4 out of 5 from 1 rating');
    expect(describeSummary({ average: 4.67, count: 3 })).toBe('4.7 out of 5 from 3 ratings');
  });
});
