import { Button, ErrorNotice } from '../../ui';

/** Above a room's messages: loads the page before the oldest shown, while there is one. */
export function EarlierMessages({
  hasEarlier,
  loading,
  error,
  onLoad,
}: {
  hasEarlier: boolean;
  loading: boolean;
  error: unknown;
  onLoad: () => void;
}) {
  if (!hasEarlier) return null;
  return (
    <div className="earlier-messages">
      <Button variant="secondary" busy={loading} onClick={onLoad}>
        Load earlier messages
      </Button>
      <ErrorNotice error={error} />
    </div>
  );
}
