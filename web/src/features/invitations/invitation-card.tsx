import type { Invitation, User } from '@icebreaker/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { useActivity } from '../../lib/people';
import { formatDateTime } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { Avatar, Button, ErrorNotice, RelativeTime } from '../../ui';
import { Countdown } from './countdown';
import { isLive } from './use-invitations';

type Answer = 'accept' | 'decline' | 'cancel';

const statusLabels: Record<Invitation['status'], string> = {
  PENDING: 'Waiting for an answer',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
};

/** One invitation, received or sent, with its live status and the answers open to the viewer. */
export function InvitationCard({ invitation, other, sent }: { invitation: Invitation; other?: User; sent: boolean }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const activity = useActivity(invitation.activityId);
  const now = useNow();
  const live = isLive(invitation, now);
  const status = invitation.status === 'PENDING' && !live ? 'EXPIRED' : invitation.status;
  const answer = useMutation({
    mutationFn: (action: Answer) => {
      const id = invitation.id;
      if (action === 'accept') return ib.api.invitations.acceptInvitation({ id });
      if (action === 'decline') return ib.api.invitations.declineInvitation({ id });
      return ib.api.invitations.cancelInvitation({ id });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['invitations'] }),
        queryClient.invalidateQueries({ queryKey: ['activities'] }),
        queryClient.invalidateQueries({ queryKey: ['chat', 'rooms'] }),
      ]),
  });
  const name = other?.displayName ?? 'Someone';
  const title = activity.data?.title ?? 'an activity';

  return (
    <li
      className={`card invitation invitation-${status.toLowerCase()}`}
      aria-label={sent ? `Invitation to ${name}` : `Invitation from ${name}`}
    >
      <div className="invitation-head">
        {other && <Avatar user={other} size={36} />}
        <div>
          <p>
            {sent ? (
              <>
                You invited <Link to={`/people/${invitation.receiverId}`}>{name}</Link> to{' '}
              </>
            ) : (
              <>
                <Link to={`/people/${invitation.senderId}`}>{name}</Link> invited you to{' '}
              </>
            )}
            <Link to={`/meetups/${invitation.activityId}`}>{title}</Link>
          </p>
          {activity.data && (
            <p className="muted">
              {formatDateTime(activity.data.startTime)} · {activity.data.location}
            </p>
          )}
        </div>
      </div>
      {invitation.message && <blockquote className="invitation-message">{invitation.message}</blockquote>}
      {invitation.iceBreakerQuestion && (
        <p className="ice-breaker">
          <span className="label">Ice-breaker:</span> {invitation.iceBreakerQuestion}
        </p>
      )}
      <p className="invitation-status">
        <span className={`status status-${status.toLowerCase()}`}>{statusLabels[status]}</span>
        {live ? (
          <Countdown until={invitation.expiresAt} />
        ) : (
          <RelativeTime iso={invitation.respondedAt ?? invitation.expiresAt} />
        )}
      </p>
      <ErrorNotice error={answer.error} />
      {live && (
        <div className="actions">
          {sent ? (
            <Button variant="secondary" busy={answer.isPending} onClick={() => answer.mutate('cancel')}>
              Cancel invitation
            </Button>
          ) : (
            <>
              <Button
                busy={answer.isPending && answer.variables === 'accept'}
                disabled={answer.isPending}
                onClick={() => answer.mutate('accept')}
              >
                Accept
              </Button>
              <Button
                variant="secondary"
                busy={answer.isPending && answer.variables === 'decline'}
                disabled={answer.isPending}
                onClick={() => answer.mutate('decline')}
              >
                Decline
              </Button>
            </>
          )}
        </div>
      )}
      {status === 'ACCEPTED' && invitation.chatRoomId !== null && (
        <Link className="button button-primary" to={`/chats/${invitation.chatRoomId}`}>
          Open chat
        </Link>
      )}
    </li>
  );
}
