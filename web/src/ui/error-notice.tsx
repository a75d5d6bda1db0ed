import type { ReactNode } from 'react';
import { problemMessage } from '../lib/errors';

/** Explains a failure in words a person understands; renders nothing without an error. */
export function ErrorNotice({ error, children }: { error: unknown; children?: ReactNode }) {
  if (error === null || error === undefined) return null;
  return (
    <div className="error-notice" role="alert">
      <p>{problemMessage(error)}</p>
      {children}
    </div>
  );
}
