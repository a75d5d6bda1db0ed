import type { ButtonHTMLAttributes } from 'react';

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** Shows the action is under way and keeps it from being sent twice. */
  busy?: boolean;
  variant?: 'primary' | 'secondary' | 'danger';
};

export function Button({ busy = false, variant = 'primary', className, disabled, children, ...props }: ButtonProps) {
  return (
    <button
      type="button"
      {...props}
      className={['button', `button-${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
