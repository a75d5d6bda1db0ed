import { formatRemaining } from '../../lib/time';
import { useNow } from '../../lib/use-now';

/** "Expires in 4 min 03 s", ticking; "Expired" once the time has passed. */
export function Countdown({ until, prefix = 'Expires in' }: { until: string; prefix?: string }) {
  const now = useNow();
  const remaining = formatRemaining(until, now);
  return (
    <span className="countdown" role="timer" aria-live="off">
      {remaining === null ? 'Expired' : `${prefix} ${remaining}`}
    </span>
  );
}
