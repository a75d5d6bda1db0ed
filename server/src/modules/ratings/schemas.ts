import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, IdSchema, Limit } from '../../http/schemas.js';

export const MAX_COMMENT_LENGTH = 1000;

const Stars = Type.Integer({ minimum: 1, maximum: 5, description: '1 to 5 stars' });

export const RatingSchema = Type.Object(
  {
    id: Type.Integer(),
    raterId: Type.Integer(),
    ratedId: Type.Integer(),
    meetingId: Type.Integer({ description: 'The activity they both took part in' }),
    rating: Stars,
    comment: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    pending: Type.Boolean({
      description: 'Still hidden from everyone but you, its rater: the rated user has not rated you back yet',
    }),
    visibleAt: Type.String({
      format: 'date-time',
      description: 'When it became, or will at the latest become, visible to the rated user and others',
    }),
  },
  { $id: 'Rating', title: 'RatingRead' },
);

export const RatingCreateBody = Type.Object(
  {
    raterId: Type.Optional(IdSchema('You; optional, and must be your own id when given')),
    ratedId: IdSchema('Whom you rate'),
    meetingId: IdSchema('An activity that has started, which you have both joined'),
    rating: Stars,
    comment: Type.Optional(
      Type.Union([Type.String({ maxLength: MAX_COMMENT_LENGTH }), Type.Null()], {
        description: `At most ${MAX_COMMENT_LENGTH} characters`,
      }),
    ),
  },
  { additionalProperties: false, title: 'RatingCreate' },
);
export type RatingCreateInput = Static<typeof RatingCreateBody>;

export const UserRatingsParams = Type.Object({ userId: IdSchema('The rated user') }, { additionalProperties: false });

export const ListRatingsQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(CursorParam) },
  { additionalProperties: false },
);
export type ListRatingsInput = Static<typeof ListRatingsQuery>;

const StarCount = Type.Integer({ minimum: 0 });

export const UserRatingsSchema = Type.Object(
  {
    userId: Type.Integer(),
    average: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], {
      description: 'Mean of the visible ratings, to two decimals; null when there is none',
    }),
    count: Type.Integer({ minimum: 0, description: 'Visible ratings' }),
    distribution: Type.Object(
      { '1': StarCount, '2': StarCount, '3': StarCount, '4': StarCount, '5': StarCount },
      { description: 'Visible ratings by number of stars' },
    ),
    items: Type.Array(Type.Ref('Rating')),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Cursor of the next page, or null at the end',
    }),
  },
  { title: 'UserRatings' },
);

export interface Rating {
  id: number;
  raterId: number;
  ratedId: number;
  meetingId: number;
  rating: number;
  comment: string | null;
  createdAt: Date;
  pending: boolean;
  visibleAt: Date;
}

export type Distribution = Record<'1' | '2' | '3' | '4' | '5', number>;

export interface UserRatings {
  userId: number;
  average: number | null;
  count: number;
  distribution: Distribution;
  items: Rating[];
  nextCursor: string | null;
}
