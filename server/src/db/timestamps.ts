import pg from 'pg';

const defaultParser = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (value: string) => Date;

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * A timestamptz as PostgreSQL writes it in ISO style, read by position: most
 * rows of a page carry one, and the general parser's regular expressions
 * were a visible share of a history page. Covers `YYYY-MM-DD HH:MM:SS`, an
 * optional fraction and a whole-hour offset (`+00`); anything else (offsets
 * with minutes, years past 9999, BC, infinity) goes to the general parser.
 */
export function parseTimestamptz(value: string): Date {
  const n = value.length;
  if (n < 22 || value[4] !== '-' || value[10] !== ' ') return defaultParser(value);
  let i = 19;
  while (i < n && value[i] !== '+' && value[i] !== '-') i++;
  // The fraction as the general parser reads it (Date.UTC truncates to whole milliseconds).
  const millis = i > 20 && value[19] === '.' ? 1000 * parseFloat(value.slice(19, i)) : 0;
  const sign = value[i];
  if (i + 3 !== n || (i !== 19 && value[19] !== '.')) return defaultParser(value);
  const offsetHours = two(value, i + 1) * (sign === '+' ? 1 : -1);
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + two(value, 2);
  // Date.UTC reads years 0 to 99 as 1900 to 1999.
  if (year < 100) return defaultParser(value);
  const time = Date.UTC(
    year,
    two(value, 5) - 1,
    two(value, 8),
    two(value, 11) - offsetHours,
    two(value, 14),
    two(value, 17),
    millis,
  );
  return Number.isNaN(time) ? defaultParser(value) : new Date(time);
}

/** `YYYY-MM-DD HH:MM:SS`, then nothing or `.` and one to six digits, then `+00`: how a UTC session writes a time. */
function isPlainUtc(value: string): boolean {
  const n = value.length;
  if (n < 22 || n === 23 || n > 29 || !value.endsWith('+00') || value[4] !== '-' || value[10] !== ' ') return false;
  if (n === 22) return true;
  if (value[19] !== '.') return false;
  for (let i = 20; i < n - 3; i++) {
    const d = digit(value, i);
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/**
 * A timestamptz as PostgreSQL writes it in ISO style, turned into the text
 * the API sends for a time (`Date#toISOString`: UTC, whole milliseconds,
 * `Z`) without a Date in between: for reads that only pass times on, where
 * parsing and formatting again cost more than the rest of a row. Text in
 * UTC (`+00`, the usual session time zone) is rewritten by position; any
 * other offset or form goes through parseTimestamptz.
 */
export function isoTimestamp(value: string): string {
  if (!isPlainUtc(value)) return parseTimestamptz(value).toISOString();
  const n = value.length;
  // Truncated to milliseconds, as the Date the general parser makes.
  const millis = n === 22 ? '000' : n >= 26 ? value.slice(20, 23) : value.slice(20, n - 3).padEnd(3, '0');
  return `${value.slice(0, 10)}T${value.slice(11, 19)}.${millis}Z`;
}
