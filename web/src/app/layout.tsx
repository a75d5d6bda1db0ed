import { NavLink, Outlet } from 'react-router';
import { useChatRooms } from '../features/chat';
import { usePendingReceivedCount } from '../features/invitations';
import { ConnectionBanner } from './connection-banner';
import { useUserId } from './icebreaker-context';

export function Layout() {
  const userId = useUserId();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Icebreaker
        </NavLink>
      </header>
      <ConnectionBanner />
      <main id="main" className="app-main">
        <Outlet />
      </main>
      {userId !== null && <Navigation />}
    </div>
  );
}

function Navigation() {
  const pendingInvitations = usePendingReceivedCount();
  const rooms = useChatRooms();
  const unread = rooms.data?.reduce((sum, room) => sum + room.unreadCount, 0) ?? 0;
  return (
    <nav className="app-nav" aria-label="Main">
      <NavLink to="/" end>
        Nearby
      </NavLink>
      <NavLink to="/meetups">Activities</NavLink>
      <NavLink to="/inbox">
        Inbox <Badge count={pendingInvitations} label="pending invitations" />
      </NavLink>
      <NavLink to="/chats">
        Chats <Badge count={unread} label="unread messages" />
      </NavLink>
      <NavLink to="/cards">Name cards</NavLink>
      <NavLink to="/me">Me</NavLink>
    </nav>
  );
}

function Badge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <span className="badge" aria-label={`${count} ${label}`}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
