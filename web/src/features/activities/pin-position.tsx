import { useState } from 'react';
import { Button } from '../../ui';
import { currentPosition, positionErrorMessage } from './geolocation';

type Coordinates = { latitude: number; longitude: number } | null;

/** Optional coordinates for an activity, so people searching by distance find it. */
export function PinPosition({
  coordinates,
  onChange,
}: {
  coordinates: Coordinates;
  onChange: (coordinates: Coordinates) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function pin() {
    setBusy(true);
    setProblem(null);
    try {
      onChange(await currentPosition());
    } catch (error) {
      setProblem(positionErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pin-position">
      {coordinates ? (
        <>
          <p>Pinned on the map, so people nearby can find it.</p>
          <Button type="button" variant="secondary" onClick={() => onChange(null)}>
            Remove the pin
          </Button>
        </>
      ) : (
        <>
          <p>Not pinned on the map: people searching by distance will not see it.</p>
          <Button type="button" variant="secondary" busy={busy} onClick={() => void pin()}>
            Pin it where I am now
          </Button>
        </>
      )}
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
