import { parseTags } from './form-values';

/** The list's filters as the page keeps them in its URL, so a search can be shared and survives a reload. */
export interface ActivityFilters {
  /** Text in the title, description or location. */
  q: string;
  /** Comma-separated; an activity with any of them matches. */
  tags: string;
  /** `YYYY-MM-DD` days in the viewer's zone, both included; '' for open-ended. */
  fromDay: string;
  toDay: string;
  /** Only the ones I created, joined or wait for. */
  mine: boolean;
  /** Cancelled and finished ones instead of open ones. */
  past: boolean;
  /** Kilometres around the browser's position; 0 for anywhere. */
  withinKm: number;
}

export const RADIUS_CHOICES_KM = [0, 1, 2, 5, 10, 25, 50, 100] as const;

export const defaultFilters: ActivityFilters = {
  q: '',
  tags: '',
  fromDay: '',
  toDay: '',
  mine: false,
  past: false,
  withinKm: 0,
};

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearchParams(params: URLSearchParams): ActivityFilters {
  const day = (name: string): string => {
    const value = params.get(name) ?? '';
    return DAY_PATTERN.test(value) ? value : '';
  };
  const km = Number(params.get('within'));
  return {
    q: params.get('q') ?? '',
    tags: params.get('tags') ?? '',
    fromDay: day('from'),
    toDay: day('to'),
    mine: params.get('mine') === '1',
    past: params.get('past') === '1',
    withinKm: (RADIUS_CHOICES_KM as readonly number[]).includes(km) ? km : 0,
  };
}

/** Only what differs from the defaults, so the plain list has a plain URL. */
export function filtersToSearchParams(filters: ActivityFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (parseTags(filters.tags).length > 0) params.set('tags', parseTags(filters.tags).join(','));
  if (filters.fromDay) params.set('from', filters.fromDay);
  if (filters.toDay) params.set('to', filters.toDay);
  if (filters.mine) params.set('mine', '1');
  if (filters.past) params.set('past', '1');
  if (filters.withinKm > 0) params.set('within', String(filters.withinKm));
  return params;
}

/** Local midnight starting a `YYYY-MM-DD` day, in the viewer's zone. */
export function startOfLocalDay(day: string): Date | null {
  if (!DAY_PATTERN.test(day)) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(year, month - 1, date);
  return start.getDate() === date ? start : null;
}

/** The first moment after a local day: the next day's midnight (23, 24 or 25 hours later across DST). */
export function endOfLocalDay(day: string): Date | null {
  const start = startOfLocalDay(day);
  if (!start) return null;
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
}

export interface Position {
  latitude: number;
  longitude: number;
}

/** The `listActivities` query for these filters (without paging). */
export interface ActivityListQuery {
  q?: string;
  tags?: string;
  from?: string;
  to?: string;
  mine?: boolean;
  active?: boolean;
  lat?: number;
  lon?: number;
  radius?: number;
}

/**
 * The API query for the filters. The time window keeps activities still
 * running at the start of `fromDay` and starting before the end of `toDay`.
 * The distance applies only when a position is known.
 */
export function toListQuery(filters: ActivityFilters, position: Position | null): ActivityListQuery {
  const query: ActivityListQuery = {};
  const text = filters.q.trim().slice(0, 100);
  if (text) query.q = text;
  const tags = parseTags(filters.tags)
    .map((tag) => tag.slice(0, 32))
    .slice(0, 10);
  if (tags.length > 0) query.tags = tags.join(',');
  const from = filters.fromDay ? startOfLocalDay(filters.fromDay) : null;
  const to = filters.toDay ? endOfLocalDay(filters.toDay) : null;
  if (from) query.from = from.toISOString();
  if (to) query.to = to.toISOString();
  if (filters.mine) query.mine = true;
  if (filters.past) query.active = false;
  if (filters.withinKm > 0 && position) {
    query.lat = position.latitude;
    query.lon = position.longitude;
    query.radius = filters.withinKm * 1000;
  }
  return query;
}
