import type { Activity } from '@icebreaker/sdk';
import { ApiError } from '@icebreaker/sdk';
import { fromDateTimeLocal, toDateTimeLocal } from './datetime-local';

/** The server's limits (server/src/modules/activities/schemas.ts), checked here first for instant feedback. */
export const LIMITS = {
  title: 100,
  description: 2000,
  location: 200,
  tag: 32,
  tags: 10,
  maxParticipants: 1000,
} as const;

/** What the form holds: text as typed, times as `datetime-local` values in the viewer's zone. */
export interface ActivityFormValues {
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  maxParticipants: string;
  tags: string;
  /** Set from the browser's position, or kept from the activity; null for none. */
  coordinates: { latitude: number; longitude: number } | null;
}

export type ActivityField = Exclude<keyof ActivityFormValues, 'coordinates'>;
export type ActivityFormErrors = Partial<Record<ActivityField, string>>;

export interface ActivityBody {
  title: string;
  description: string;
  location: string;
  startTime: string;
  endTime: string;
  maxParticipants: number;
  tags: string[];
  latitude: number | null;
  longitude: number | null;
}

const HOUR = 3_600_000;

/** A new activity starts on the next full hour and lasts two hours. */
export function emptyActivityForm(now: Date): ActivityFormValues {
  const start = new Date(now.getTime() + HOUR);
  start.setMinutes(0, 0, 0);
  return {
    title: '',
    description: '',
    location: '',
    startsAt: toDateTimeLocal(start),
    endsAt: toDateTimeLocal(new Date(start.getTime() + 2 * HOUR)),
    maxParticipants: '4',
    tags: '',
    coordinates: null,
  };
}

export function activityFormFrom(activity: Activity): ActivityFormValues {
  return {
    title: activity.title,
    description: activity.description,
    location: activity.location,
    startsAt: toDateTimeLocal(activity.startTime),
    endsAt: toDateTimeLocal(activity.endTime),
    maxParticipants: String(activity.maxParticipants),
    tags: activity.tags.join(', '),
    coordinates:
      activity.latitude !== null && activity.longitude !== null
        ? { latitude: activity.latitude, longitude: activity.longitude }
        : null,
  };
}

/** Tags as the server stores them: trimmed, lower-cased, without repeats or empty ones. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Length as JSON Schema counts it: in code points, so an emoji is one character as on the server. */
const length = (text: string): number => [...text].length;

const tooLong = (max: number): string => `Use at most ${max} characters`;

/**
 * Checks the form the way the server will, so most mistakes are explained
 * beside their field before anything is sent. `minParticipants` is the
 * number of places already taken when editing.
 */
export function validateActivityForm(
  values: ActivityFormValues,
  options: { now: Date; minParticipants?: number },
): ActivityFormErrors {
  const errors: ActivityFormErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'Give your activity a title';
  else if (length(title) > LIMITS.title) errors.title = tooLong(LIMITS.title);
  if (length(values.description) > LIMITS.description) errors.description = tooLong(LIMITS.description);
  if (length(values.location) > LIMITS.location) errors.location = tooLong(LIMITS.location);

  const start = fromDateTimeLocal(values.startsAt);
  const end = fromDateTimeLocal(values.endsAt);
  if (!start) errors.startsAt = values.startsAt ? 'This time does not exist here' : 'Choose when it starts';
  if (!end) errors.endsAt = values.endsAt ? 'This time does not exist here' : 'Choose when it ends';
  else if (start && end.getTime() <= start.getTime()) errors.endsAt = 'It must end after it starts';
  else if (end.getTime() <= options.now.getTime()) errors.endsAt = 'It must end in the future';

  const capacity = Number(values.maxParticipants);
  const minimum = Math.max(1, options.minParticipants ?? 1);
  if (!/^\s*\d+\s*$/.test(values.maxParticipants)) errors.maxParticipants = 'Enter a whole number of places';
  else if (capacity < 1 || capacity > LIMITS.maxParticipants) {
    errors.maxParticipants = `Choose between 1 and ${LIMITS.maxParticipants} places`;
  } else if (capacity < minimum) {
    errors.maxParticipants = `${minimum} places are already taken; it cannot hold fewer`;
  }

  const tags = parseTags(values.tags);
  if (tags.length > LIMITS.tags) errors.tags = `Use at most ${LIMITS.tags} tags`;
  else if (tags.some((tag) => length(tag) > LIMITS.tag)) errors.tags = `Keep each tag to ${LIMITS.tag} characters`;
  return errors;
}

export const hasErrors = (errors: ActivityFormErrors): boolean => Object.keys(errors).length > 0;

/** The request body for a form that passed `validateActivityForm`. */
export function toActivityBody(values: ActivityFormValues): ActivityBody {
  const start = fromDateTimeLocal(values.startsAt);
  const end = fromDateTimeLocal(values.endsAt);
  if (!start || !end) throw new Error('toActivityBody needs a validated form');
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    location: values.location.trim(),
    startTime: start.toISOString(),
    endTime: end.toISOString(),
    maxParticipants: Number(values.maxParticipants),
    tags: parseTags(values.tags),
    latitude: values.coordinates?.latitude ?? null,
    longitude: values.coordinates?.longitude ?? null,
  };
}

const sameTags = (a: string[], b: string[]): boolean => a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * Only what changed, so that an edit never rewrites a field someone else
 * (or the server's normalisation) set meanwhile. Times compare to the
 * minute, as the form shows them. Empty when nothing changed.
 */
export function toActivityChanges(values: ActivityFormValues, original: Activity): Partial<ActivityBody> {
  const next = toActivityBody(values);
  const before = toActivityBody(activityFormFrom(original));
  const changes: Partial<ActivityBody> = {};
  if (next.title !== before.title) changes.title = next.title;
  if (next.description !== original.description.trim()) changes.description = next.description;
  if (next.location !== original.location.trim()) changes.location = next.location;
  if (next.startTime !== before.startTime) changes.startTime = next.startTime;
  if (next.endTime !== before.endTime) changes.endTime = next.endTime;
  if (next.maxParticipants !== original.maxParticipants) changes.maxParticipants = next.maxParticipants;
  if (!sameTags(next.tags, original.tags)) changes.tags = next.tags;
  if (next.latitude !== original.latitude || next.longitude !== original.longitude) {
    changes.latitude = next.latitude;
    changes.longitude = next.longitude;
  }
  return changes;
}

const serverFields: Record<string, ActivityField> = {
  'body.title': 'title',
  'body.description': 'description',
  'body.location': 'location',
  'body.startTime': 'startsAt',
  'body.endTime': 'endsAt',
  'body.maxParticipants': 'maxParticipants',
  'body.tags': 'tags',
};

/** The server's field errors placed beside the form's fields (`body.endTime` → "Ends"). */
export function serverFieldErrors(error: unknown): ActivityFormErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: ActivityFormErrors = {};
  for (const { field, message } of error.errors) {
    const key = serverFields[field] ?? serverFields[field.replace(/\.\d+$/, '')];
    if (key && !errors[key]) errors[key] = message.charAt(0).toUpperCase() + message.slice(1);
  }
  return errors;
}
