import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useIcebreaker } from '../../app/icebreaker-context';

export type PositionState =
  | { state: 'locating' }
  | { state: 'shared'; at: number }
  | { state: 'denied' }
  | { state: 'unavailable'; reason: string };

/**
 * Asks the browser where the user is and records it on the server (which only
 * ever shows others a coarse cell). `share()` asks again.
 */
export function useSharePosition() {
  const ib = useIcebreaker();
  const [position, setPosition] = useState<PositionState>(() =>
    'geolocation' in navigator
      ? { state: 'locating' }
      : { state: 'unavailable', reason: 'This browser cannot tell where you are.' },
  );
  const record = useMutation({
    mutationFn: (coords: GeolocationCoordinates) =>
      ib.api.locations.createLocation({
        body: {
          latitude: coords.latitude,
          longitude: coords.longitude,
          accuracy: Math.max(1, Math.min(coords.accuracy || 50, 100_000)),
        },
      }),
    onSuccess: () => setPosition({ state: 'shared', at: Date.now() }),
  });
  const { mutate } = record;

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(
      (fix) => mutate(fix.coords),
      (error) =>
        setPosition(
          error.code === error.PERMISSION_DENIED
            ? { state: 'denied' }
            : { state: 'unavailable', reason: 'Your location could not be found right now.' },
        ),
      { enableHighAccuracy: false, maximumAge: 60_000, timeout: 20_000 },
    );
  }, [mutate]);
  const share = () => {
    if (!('geolocation' in navigator)) return;
    setPosition({ state: 'locating' });
    locate();
  };

  useEffect(locate, [locate]);
  return { position, share, recordError: record.error };
}
