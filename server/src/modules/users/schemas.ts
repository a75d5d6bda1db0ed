import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, Limit } from '../../http/schemas.js';

const HttpsUrl = Type.String({ format: 'uri', pattern: '^https://', maxLength: 2048 });
const DisplayName = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' });
const Interest = Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' });

export const ContactLinkSchema = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 40 }), url: HttpsUrl },
  { additionalProperties: false },
);

export const NameCardSchema = Type.Object(
  {
    jobTitle: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    company: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    links: Type.Array(ContactLinkSchema, { maxItems: 10 }),
  },
  { $id: 'NameCard', additionalProperties: false, title: 'NameCard' },
);

export const NameCardInput = Type.Partial(NameCardSchema, { additionalProperties: false });

export const RatingSummarySchema = Type.Object(
  {
    average: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], {
      description: 'Mean of the visible ratings, to two decimals; null when there is none',
    }),
    count: Type.Integer({ minimum: 0, description: 'Visible ratings' }),
  },
  { title: 'RatingSummary' },
);
export type RatingSummary = Static<typeof RatingSummarySchema>;

export const UserSchema = Type.Object(
  {
    id: Type.Integer(),
    displayName: Type.String(),
    bio: Type.String(),
    interests: Type.Array(Type.String()),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    email: Type.Optional(Type.String({ description: 'Only on your own profile' })),
    isDiscoverable: Type.Optional(Type.Boolean({ description: 'Only on your own profile' })),
    hideDistance: Type.Optional(Type.Boolean({ description: 'Only on your own profile' })),
    nameCard: Type.Optional(Type.Ref('NameCard', { description: 'Only for you and those who collected your card' })),
    ratingSummary: Type.Optional({
      ...RatingSummarySchema,
      description:
        'On profile reads (`/users/`, `/users/{id}`, `/users/me`): ratings others can see; hidden ones never count',
    }),
  },
  { $id: 'User', title: 'User' },
);

const profileFields = {
  displayName: DisplayName,
  bio: Type.String({ maxLength: 500 }),
  interests: Type.Array(Interest, { maxItems: 20, uniqueItems: true }),
  avatarUrl: Type.Union([HttpsUrl, Type.Null()]),
  nameCard: NameCardInput,
  isDiscoverable: Type.Boolean({ description: 'Appear in nearby results' }),
  hideDistance: Type.Boolean({ description: 'Show no distance to others' }),
};

export const RegisterBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 8, maxLength: 128 }),
    displayName: DisplayName,
    bio: Type.Optional(profileFields.bio),
    interests: Type.Optional(profileFields.interests),
    avatarUrl: Type.Optional(profileFields.avatarUrl),
    nameCard: Type.Optional(profileFields.nameCard),
    isDiscoverable: Type.Optional(profileFields.isDiscoverable),
    hideDistance: Type.Optional(profileFields.hideDistance),
  },
  { additionalProperties: false, title: 'UserCreate' },
);
export type RegisterInput = Static<typeof RegisterBody>;

export const UpdateMeBody = Type.Partial(Type.Object(profileFields), {
  additionalProperties: false,
  minProperties: 1,
  title: 'UserUpdate',
});
export type UpdateMeInput = Static<typeof UpdateMeBody>;

export const ListUsersQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Part of the display name' })),
    interest: Type.Optional(Interest),
    ids: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,10}(,[0-9]{1,10}){0,99}$',
        description: 'Comma-separated user ids (at most 100)',
      }),
    ),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type ListUsersInput = Static<typeof ListUsersQuery>;

export interface User {
  id: number;
  displayName: string;
  bio: string;
  interests: string[];
  avatarUrl: string | null;
  createdAt: Date;
  email?: string;
  isDiscoverable?: boolean;
  hideDistance?: boolean;
  nameCard?: { jobTitle: string | null; company: string | null; links: { label: string; url: string }[] };
  ratingSummary?: RatingSummary;
}
