import { useState } from 'react';
import { Button, ErrorNotice } from '../../ui';

export interface BlockActionsProps {
  userName: string;
  blocked: boolean;
  busy: boolean;
  error: unknown;
  onBlock: () => void;
  onUnblock: () => void;
}

/** Block after a confirmation that says what blocking does; unblock in one step. */
export function BlockActions({ userName, blocked, busy, error, onBlock, onUnblock }: BlockActionsProps) {
  const [confirming, setConfirming] = useState(false);
  if (blocked) {
    return (
      <section className="block-actions" aria-label="Blocking">
        <p className="notice">You blocked {userName}. Neither of you can see, invite or message the other.</p>
        <Button variant="secondary" busy={busy} onClick={onUnblock}>
          Unblock {userName}
        </Button>
        <ErrorNotice error={error} />
      </section>
    );
  }
  return (
    <section className="block-actions" aria-label="Blocking">
      {confirming ? (
        <div className="notice confirm" role="group" aria-label="Confirm block">
          <p>
            Block {userName}? You will no longer see each other nearby or in lists, and neither of you can invite or
            message the other. You can unblock them later.
          </p>
          <Button variant="danger" busy={busy} onClick={onBlock}>
            Yes, block
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            Keep in touch
          </Button>
        </div>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Block {userName}
        </Button>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
