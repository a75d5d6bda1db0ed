import { formatDateTime, formatRelative } from '../lib/time';
import { useNow } from '../lib/use-now';

/** "5 minutes ago", moving on while it is shown; the exact time in its tooltip. */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow(30_000);
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
