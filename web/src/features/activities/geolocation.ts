import type { Position } from './search-filters';

/** The browser's position, rounded to about 10 m: an activity's place needs no more. */
export function currentPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({
          latitude: Math.round(coords.latitude * 10_000) / 10_000,
          longitude: Math.round(coords.longitude * 10_000) / 10_000,
        }),
      reject,
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  });
}

/** Why no position came, in words. */
export function positionErrorMessage(error: unknown): string {
  const code = (error as { code?: number } | null)?.code;
  if (code === 1) return 'Your browser did not allow access to your location. You can allow it in its settings.';
  if (code === 2 || code === 3) return 'Your location could not be found just now. Please try again.';
  return 'This browser cannot share your location.';
}
