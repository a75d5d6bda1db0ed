import { AppError } from './errors.js';

/**
 * The instant of a `date-time` the schema accepted as text. The format lets a
 * leap second (`23:59:60`) through, which no JavaScript date can hold: that
 * is bad input, not a server error.
 */
export function parseDateTime(text: string, field: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new AppError('VALIDATION_FAILED', `${field} is not a valid time`, [
      { field, message: 'is not a valid time' },
    ]);
  }
  return date;
}
