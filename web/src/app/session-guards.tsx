import { Navigate, Outlet, useLocation } from 'react-router';
import { useUserId } from './icebreaker-context';

/** Signed-out visitors go to the login page, and come back where they wanted to go. */
export function RequireSignedIn() {
  const userId = useUserId();
  const location = useLocation();
  if (userId === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

export function RequireSignedOut() {
  const userId = useUserId();
  const location = useLocation();
  if (userId !== null) return <Navigate to={safeNext(new URLSearchParams(location.search).get('next'))} replace />;
  return <Outlet />;
}

/** Only a path of this app, never another site (browsers read "//x" and "/\\x" as another host). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !/^\/[/\\]/.test(next) ? next : '/';
}
