import { useEffect, useState } from 'react';
import { currentPosition, positionErrorMessage } from './geolocation';
import type { Position } from './search-filters';

export type PositionState =
  | { status: 'idle' | 'locating'; position: null; problem: null }
  | { status: 'found'; position: Position; problem: null }
  | { status: 'failed'; position: null; problem: string };

type Outcome = Extract<PositionState, { status: 'found' | 'failed' }>;

const idle: PositionState = { status: 'idle', position: null, problem: null };
const locating: PositionState = { status: 'locating', position: null, problem: null };

/** The browser's position, asked for once, and only while `wanted` (a distance filter is on). */
export function usePosition(wanted: boolean): PositionState {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const asking = wanted && outcome === null;
  useEffect(() => {
    if (!asking) return;
    let live = true;
    currentPosition().then(
      (position) => live && setOutcome({ status: 'found', position, problem: null }),
      (error: unknown) =>
        live && setOutcome({ status: 'failed', position: null, problem: positionErrorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [asking]);
  if (outcome) return outcome;
  return asking ? locating : idle;
}
