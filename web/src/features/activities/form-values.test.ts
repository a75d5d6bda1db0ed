import type { Activity } from '@icebreaker/sdk';
import { ApiError } from '@icebreaker/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activityFormFrom,
  emptyActivityForm,
  parseTags,
  serverFieldErrors,
  toActivityBody,
  toActivityChanges,
  validateActivityForm,
  type ActivityFormValues,
} from './form-values';

const originalZone = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'Europe/Paris';
});
afterEach(() => {
  process.env.TZ = originalZone;
});

const now = new Date('2026-05-01T08:10:00.000Z');

const filled = (changes: Partial<ActivityFormValues> = {}): ActivityFormValues => ({
  title: 'Bouldering',
  description: 'Beginners welcome',
  location: 'Climbing hall',
  startsAt: '2026-05-02T18:00',
  endsAt: '2026-05-02T20:00',
  maxParticipants: '6',
  tags: 'Sport, climbing',
  coordinates: null,
  ...changes,
});

const activity = (changes: Partial<Activity> = {}): Activity => ({
  id: 7,
  creatorId: 1,
  title: 'Bouldering',
  description: 'Beginners welcome',
  location: 'Climbing hall',
  latitude: null,
  longitude: null,
  startTime: '2026-05-02T16:00:00.000Z',
  endTime: '2026-05-02T18:00:00.000Z',
  maxParticipants: 6,
  currentParticipants: 3,
  tags: ['sport', 'climbing'],
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
  isActive: true,
  ...changes,
});

describe('activity form', () => {
  it('starts a new activity on the next full hour, for two hours', () => {
    const form = emptyActivityForm(now);
    expect(form.startsAt).toBe('2026-05-01T11:00');
    expect(form.endsAt).toBe('2026-05-01T13:00');
    expect(validateActivityForm(form, { now })).toEqual({ title: 'Give your activity a title' });
  });

  it('accepts a complete form and sends UTC times with normalised tags', () => {
    expect(validateActivityForm(filled(), { now })).toEqual({});
    expect(toActivityBody(filled({ title: '  Bouldering  ' }))).toEqual({
      title: 'Bouldering',
      description: 'Beginners welcome',
      location: 'Climbing hall',
      startTime: '2026-05-02T16:00:00.000Z',
      endTime: '2026-05-02T18:00:00.000Z',
      maxParticipants: 6,
      tags: ['sport', 'climbing'],
      latitude: null,
      longitude: null,
    });
  });

  it('explains each rule the server would refuse', () => {
    const errors = validateActivityForm(
      filled({
        title: '   ',
        description: 'x'.repeat(2001),
        location: 'y'.repeat(201),
        endsAt: '2026-05-02T17:00',
        maxParticipants: '1001',
        tags: Array.from({ length: 11 }, (_, i) => `tag${i}`).join(','),
      }),
      { now },
    );
    expect(errors).toEqual({
      title: 'Give your activity a title',
      description: 'Use at most 2000 characters',
      location: 'Use at most 200 characters',
      endsAt: 'It must end after it starts',
      maxParticipants: 'Choose between 1 and 1000 places',
      tags: 'Use at most 10 tags',
    });
  });

  it('counts characters as the server does, an emoji being one', () => {
    expect(validateActivityForm(filled({ title: '🧗'.repeat(100) }), { now })).toEqual({});
    expect(validateActivityForm(filled({ title: '🧗'.repeat(101) }), { now }).title).toBe('Use at most 100 characters');
  });

  it('refuses an end in the past, a missing or skipped start and a fractional capacity', () => {
    expect(
      validateActivityForm(filled({ startsAt: '2026-05-01T07:00', endsAt: '2026-05-01T10:00' }), { now }).endsAt,
    ).toBe('It must end in the future');
    expect(validateActivityForm(filled({ startsAt: '' }), { now }).startsAt).toBe('Choose when it starts');
    expect(validateActivityForm(filled({ startsAt: '2026-03-29T02:30' }), { now }).startsAt).toBe(
      'This time does not exist here',
    );
    expect(validateActivityForm(filled({ maxParticipants: '2.5' }), { now }).maxParticipants).toBe(
      'Enter a whole number of places',
    );
  });

  it('refuses fewer places than are already taken when editing', () => {
    expect(validateActivityForm(filled({ maxParticipants: '2' }), { now, minParticipants: 3 }).maxParticipants).toBe(
      '3 places are already taken; it cannot hold fewer',
    );
  });

  it('reads tags the way the server stores them', () => {
    expect(parseTags(' Board Games, chess,,CHESS , ')).toEqual(['board games', 'chess']);
  });

  it('sends only what changed when editing', () => {
    const original = activity();
    expect(toActivityChanges(activityFormFrom(original), original)).toEqual({});
    const edited = { ...activityFormFrom(original), endsAt: '2026-05-02T21:00', tags: 'climbing, sport' };
    expect(toActivityChanges(edited, original)).toEqual({
      endTime: '2026-05-02T19:00:00.000Z',
      tags: ['climbing', 'sport'],
    });
  });

  it('clears the coordinates together', () => {
    const original = activity({ latitude: 48.85, longitude: 2.35 });
    const form = activityFormFrom(original);
    expect(form.coordinates).toEqual({ latitude: 48.85, longitude: 2.35 });
    expect(toActivityChanges({ ...form, coordinates: null }, original)).toEqual({ latitude: null, longitude: null });
  });

  it('places the server’s field errors beside the form’s fields', () => {
    const error = new ApiError({
      type: 'about:blank',
      title: 'Rule violated',
      status: 422,
      detail: 'endTime must be in the future',
      code: 'RULE_VIOLATED',
      errors: [
        { field: 'body.endTime', message: 'must be in the future' },
        { field: 'body.tags.2', message: 'must match pattern' },
      ],
    });
    expect(serverFieldErrors(error)).toEqual({ endsAt: 'Must be in the future', tags: 'Must match pattern' });
    expect(serverFieldErrors(new Error('offline'))).toEqual({});
  });
});
