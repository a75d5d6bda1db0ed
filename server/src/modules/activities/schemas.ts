import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, IdSchema, Limit } from '../../http/schemas.js';

export const MAX_PARTICIPANTS = 1000;
export const DEFAULT_SEARCH_RADIUS_METERS = 10_000;
export const MAX_SEARCH_RADIUS_METERS = 100_000;

const Title = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Description = Type.String({ maxLength: 2000 });
const Place = Type.String({ maxLength: 200, description: 'Where to meet, as people would say it' });
const Tag = Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' });
const Tags = Type.Array(Tag, { maxItems: 10, description: 'Stored trimmed and lower-cased, without repeats' });
const latitude = (description = 'Degrees north (WGS 84)') => Type.Number({ minimum: -90, maximum: 90, description });
const longitude = (description = 'Degrees east (WGS 84)') => Type.Number({ minimum: -180, maximum: 180, description });
const Capacity = Type.Integer({
  minimum: 1,
  maximum: MAX_PARTICIPANTS,
  description: 'Places, the creator included',
});
const Time = (description: string) => Type.String({ format: 'date-time', description });

export const ActivitySchema = Type.Object(
  {
    id: Type.Integer(),
    creatorId: Type.Integer(),
    title: Type.String(),
    description: Type.String(),
    location: Type.String(),
    latitude: Type.Union([Type.Number(), Type.Null()]),
    longitude: Type.Union([Type.Number(), Type.Null()]),
    startTime: DateTime,
    endTime: DateTime,
    maxParticipants: Type.Integer(),
    currentParticipants: Type.Integer({ description: 'Places taken; never more than maxParticipants' }),
    tags: Type.Array(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
    isActive: Type.Boolean({ description: 'False once the creator cancelled it' }),
  },
  { $id: 'Activity', title: 'ActivityRead' },
);

export const PARTICIPANT_STATUSES = ['JOINED', 'WAITLISTED'] as const;

export const ParticipantSchema = Type.Object(
  {
    activityId: Type.Integer(),
    userId: Type.Integer(),
    status: Type.Enum([...PARTICIPANT_STATUSES]),
    joinedAt: Type.Union([DateTime, Type.Null()], { description: 'Null while on the waitlist' }),
    waitlistPosition: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: '1 for the head of the waitlist; null once joined',
    }),
  },
  { $id: 'ActivityParticipant', title: 'ActivityParticipant' },
);

export const ParticipationSchema = Type.Object(
  { activity: Type.Ref('Activity'), participant: Type.Ref('ActivityParticipant') },
  { $id: 'ActivityParticipation', title: 'ActivityParticipation' },
);

const activityFields = {
  title: Title,
  description: Description,
  location: Place,
  latitude: Type.Union([latitude(), Type.Null()], { description: 'Degrees north; give both or neither' }),
  longitude: Type.Union([longitude(), Type.Null()], { description: 'Degrees east; give both or neither' }),
  startTime: Time('When it starts'),
  endTime: Time('When it ends; after startTime and in the future'),
  maxParticipants: Capacity,
  tags: Tags,
};

export const ActivityCreateBody = Type.Object(
  {
    creatorId: Type.Optional(IdSchema('You; optional, and must be your own id when given')),
    title: activityFields.title,
    description: Type.Optional(activityFields.description),
    location: Type.Optional(activityFields.location),
    latitude: Type.Optional(activityFields.latitude),
    longitude: Type.Optional(activityFields.longitude),
    startTime: activityFields.startTime,
    endTime: activityFields.endTime,
    maxParticipants: activityFields.maxParticipants,
    tags: Type.Optional(activityFields.tags),
  },
  { additionalProperties: false, title: 'ActivityCreate' },
);
export type ActivityCreateInput = Static<typeof ActivityCreateBody>;

export const ActivityUpdateBody = Type.Object(
  {
    creatorId: Type.Optional(IdSchema('You; optional, and must be your own id when given')),
    title: Type.Optional(activityFields.title),
    description: Type.Optional(activityFields.description),
    location: Type.Optional(activityFields.location),
    latitude: Type.Optional(activityFields.latitude),
    longitude: Type.Optional(activityFields.longitude),
    startTime: Type.Optional(activityFields.startTime),
    endTime: Type.Optional(activityFields.endTime),
    maxParticipants: Type.Optional(activityFields.maxParticipants),
    tags: Type.Optional(activityFields.tags),
  },
  { additionalProperties: false, minProperties: 1, title: 'ActivityUpdate' },
);
export type ActivityUpdateInput = Static<typeof ActivityUpdateBody>;

export const ActivityParams = Type.Object({ id: IdSchema('The activity') }, { additionalProperties: false });

export const ListActivitiesQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Text in the title, description or location' }),
    ),
    tags: Type.Optional(
      Type.String({
        pattern: '^[^,]{1,32}(,[^,]{1,32}){0,9}$',
        description: 'Comma-separated tags (at most 10); an activity with any of them matches',
      }),
    ),
    from: Type.Optional(Time('Only activities still running at or after this time')),
    to: Type.Optional(Time('Only activities starting before this time')),
    lat: Type.Optional(latitude('Search point; give lat and lon together')),
    lon: Type.Optional(longitude('Search point; give lat and lon together')),
    radius: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_SEARCH_RADIUS_METERS,
        description: `Metres around lat/lon (default ${DEFAULT_SEARCH_RADIUS_METERS}); activities without coordinates are left out`,
      }),
    ),
    creatorId: Type.Optional(IdSchema('Only activities this user created')),
    participantId: Type.Optional(IdSchema('Only activities this user has joined')),
    mine: Type.Optional(
      Type.Boolean({ description: 'Only activities you created, joined or wait for (true); false is ignored' }),
    ),
    active: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'true (default): not cancelled and not over; false: cancelled or over',
      }),
    ),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type ListActivitiesInput = Static<typeof ListActivitiesQuery>;

export const ListParticipantsQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Enum([...PARTICIPANT_STATUSES], {
        default: 'JOINED',
        description: 'JOINED (default) in the order they joined, or WAITLISTED in waitlist order',
      }),
    ),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type ListParticipantsInput = Static<typeof ListParticipantsQuery>;

export interface Activity {
  id: number;
  creatorId: number;
  title: string;
  description: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  startTime: Date;
  endTime: Date;
  maxParticipants: number;
  currentParticipants: number;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  isActive: boolean;
}

export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface Participant {
  activityId: number;
  userId: number;
  status: ParticipantStatus;
  joinedAt: Date | null;
  waitlistPosition: number | null;
}

export interface Participation {
  activity: Activity;
  participant: Participant;
}
