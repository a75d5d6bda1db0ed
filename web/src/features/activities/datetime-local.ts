/**
 * `<input type="datetime-local">` speaks the browser's local wall-clock time
 * ("2026-05-01T18:30") while the API speaks UTC instants. These convert
 * between the two in the time zone the page runs in.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local wall-clock value for an instant, to the minute, as the input expects it. */
export function toDateTimeLocal(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a local wall-clock value names, or null when it is empty or
 * not a real time. A time skipped by a daylight-saving jump (02:30 on the
 * night clocks go forward) has no instant of its own: it is refused rather
 * than silently moved by an hour.
 */
export function fromDateTimeLocal(value: string): Date | null {
  const match = LOCAL_PATTERN.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hours, minutes, seconds);
  const sameWallClock =
    date.getFullYear() === year &&
    date.getMonth() === month - 1 &&
    date.getDate() === day &&
    date.getHours() === hours &&
    date.getMinutes() === minutes;
  return sameWallClock ? date : null;
}

/** A short human date and time in the viewer's locale and zone: "Fri, 1 May, 18:30". */
export function formatWhen(instant: Date | string, locale?: string): string {
  return new Date(instant).toLocaleString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "18:30 – 20:00" on one day, both dates otherwise. */
export function formatSpan(start: Date | string, end: Date | string, locale?: string): string {
  const from = new Date(start);
  const to = new Date(end);
  const sameDay = from.toDateString() === to.toDateString();
  const endText = sameDay
    ? to.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : formatWhen(to, locale);
  return `${formatWhen(from, locale)} – ${endText}`;
}
