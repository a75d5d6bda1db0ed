import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, IdSchema, Limit } from '../../http/schemas.js';

const userId = IdSchema;
const latitude = (description = 'Degrees north (WGS 84)') => Type.Number({ minimum: -90, maximum: 90, description });
const longitude = (description = 'Degrees east (WGS 84)') => Type.Number({ minimum: -180, maximum: 180, description });
const dateTime = (description: string) => Type.String({ format: 'date-time', description });

export const DEFAULT_ACCURACY_METERS = 50;

export const LocationCreateBody = Type.Object(
  {
    userId: Type.Optional(userId('Optional; when present it must be your own id')),
    latitude: latitude(),
    longitude: longitude(),
    accuracy: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100_000,
        default: DEFAULT_ACCURACY_METERS,
        description: 'Radius of uncertainty in metres',
      }),
    ),
    recordedAt: Type.Optional(
      dateTime('When the device took the fix; now if absent. At most 24 h old and not in the future.'),
    ),
  },
  { additionalProperties: false, title: 'LocationCreate' },
);
export type LocationCreateInput = Static<typeof LocationCreateBody>;

export const LocationSchema = Type.Object(
  {
    id: Type.Integer(),
    userId: Type.Integer(),
    latitude: Type.Number(),
    longitude: Type.Number(),
    accuracy: Type.Number({ description: 'Metres' }),
    recordedAt: DateTime,
    createdAt: DateTime,
  },
  { title: 'LocationRead', description: 'An exact fix; only ever shown to its owner' },
);

export interface Location {
  id: number;
  userId: number;
  latitude: number;
  longitude: number;
  accuracy: number;
  recordedAt: string;
  createdAt: string;
}

export const HistoryParams = Type.Object({ user_id: userId() }, { additionalProperties: false });

export const HistoryQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(CursorParam) },
  { additionalProperties: false },
);
export type HistoryInput = Static<typeof HistoryQuery>;

export const BatchQuery = Type.Object(
  {
    userIds: Type.String({
      pattern: '^[0-9]{1,10}(,[0-9]{1,10}){0,99}$',
      description: 'Comma-separated user ids (at most 100)',
    }),
  },
  { additionalProperties: false },
);

export const PublishedPositionSchema = Type.Object(
  {
    userId: Type.Integer(),
    latitude: Type.Number({ description: 'Centre of the published cell, not the exact position' }),
    longitude: Type.Number({ description: 'Centre of the published cell, not the exact position' }),
    cellSizeMeters: Type.Integer({ description: 'The position is only known to within a cell of this size' }),
    updatedAt: dateTime('When the published cell last changed'),
  },
  { title: 'PublishedPosition' },
);

export interface PublishedPosition {
  userId: number;
  latitude: number;
  longitude: number;
  cellSizeMeters: number;
  updatedAt: string;
}

export const BatchResponse = Type.Object(
  { items: Type.Array(PublishedPositionSchema) },
  { title: 'LocationBatch', description: 'Only users who share their position with you; others are left out' },
);

/** The radius bounds come from the configuration. */
export function nearbyQuerySchema(nearby: { defaultRadiusMeters: number; maxRadiusMeters: number }) {
  return Type.Object(
    {
      lat: Type.Optional(latitude('Search point; give lat and lon together, or neither')),
      lon: Type.Optional(longitude('Search point; give lat and lon together, or neither')),
      radius: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: nearby.maxRadiusMeters,
          default: nearby.defaultRadiusMeters,
          description: 'Metres',
        }),
      ),
      limit: Type.Optional(Limit),
      cursor: Type.Optional(CursorParam),
    },
    { additionalProperties: false },
  );
}
export type NearbyInput = Static<ReturnType<typeof nearbyQuerySchema>>;

export const DistanceBucketSchema = Type.Object(
  {
    label: Type.String({ examples: ['< 1 km', '3–4 km'] }),
    minMeters: Type.Integer(),
    maxMeters: Type.Union([Type.Integer(), Type.Null()], { description: 'Null for the last, open-ended bucket' }),
  },
  { title: 'DistanceBucket', description: 'Distance between cell centres, as a range' },
);

export const NearbyUserSchema = Type.Object(
  {
    user: Type.Ref('User'),
    distance: Type.Union([DistanceBucketSchema, Type.Null()], {
      description: 'Null when the user hides their distance',
    }),
  },
  { title: 'NearbyUser' },
);
