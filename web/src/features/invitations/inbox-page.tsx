import { useState } from 'react';
import { Link } from 'react-router';
import { useUserId } from '../../app/icebreaker-context';
import { usePeople } from '../../lib/people';
import { EmptyState, ErrorNotice, Loading, Page } from '../../ui';
import { InvitationCard } from './invitation-card';
import { useInvitations } from './use-invitations';

type Tab = 'received' | 'sent';

export function InboxPage() {
  const userId = useUserId();
  const [tab, setTab] = useState<Tab>('received');
  const invitations = useInvitations();
  const all = invitations.data ?? [];
  const shown = all.filter((i) => (tab === 'received' ? i.receiverId === userId : i.senderId === userId));
  const people = usePeople(all.map((i) => (i.senderId === userId ? i.receiverId : i.senderId)));

  return (
    <Page title="Invitations">
      <div className="tabs" role="tablist" aria-label="Invitations">
        {(['received', 'sent'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className="tab"
            onClick={() => setTab(name)}
          >
            {name === 'received' ? 'Received' : 'Sent'}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab === 'received' ? 'Received' : 'Sent'}>
        {invitations.isPending ? (
          <Loading />
        ) : invitations.error ? (
          <ErrorNotice error={invitations.error} />
        ) : shown.length === 0 ? (
          <EmptyState title={tab === 'received' ? 'No invitations yet' : 'You have not invited anyone yet'}>
            <p>
              {tab === 'received'
                ? 'When someone invites you to an activity, it shows up here at once.'
                : 'Find someone nearby and invite them to an activity.'}
            </p>
            {tab === 'sent' && <Link to="/">See who is nearby</Link>}
          </EmptyState>
        ) : (
          <ul className="list">
            {shown.map((invitation) => (
              <InvitationCard
                key={invitation.id}
                invitation={invitation}
                sent={tab === 'sent'}
                other={people.get(tab === 'sent' ? invitation.receiverId : invitation.senderId)}
              />
            ))}
          </ul>
        )}
      </div>
    </Page>
  );
}
