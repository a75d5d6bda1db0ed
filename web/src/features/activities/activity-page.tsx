import { Link, useParams } from 'react-router';
import { useMe } from '../../app/icebreaker-context';
import { EmptyState, ErrorNotice, Loading, Page } from '../../ui';
import { ActivityDetails } from './activity-details';
import { CreatorActions } from './creator-actions';
import { activityPhase } from './participation';
import { ParticipantList } from './participant-list';
import { PlacePanel } from './place-panel';
import { useActivity, useMyParticipant } from './queries';

/** One activity: its details, your place, its participants and waitlist; edit and cancel for its organiser. */
export function ActivityPage() {
  const activityId = Number(useParams().activityId);
  const me = useMe();
  const activity = useActivity(activityId);
  const mine = useMyParticipant(activity.data, me.data?.id);
  const now = new Date();

  if (!Number.isInteger(activityId) || activityId <= 0) {
    return (
      <Page title="Activity">
        <EmptyState title="There is no such activity">
          <Link to="/meetups">See all activities</Link>
        </EmptyState>
      </Page>
    );
  }
  if (activity.isPending) {
    return (
      <Page title="Activity">
        <Loading />
      </Page>
    );
  }
  if (activity.isError) {
    return (
      <Page title="Activity">
        <ErrorNotice error={activity.error} />
        <Link to="/meetups">See all activities</Link>
      </Page>
    );
  }

  const current = activity.data;
  const phase = activityPhase(current, now);
  const isCreator = me.data?.id === current.creatorId;
  return (
    <Page title={current.title}>
      <ActivityDetails activity={current} now={now} />
      {me.data && mine.isSuccess && (
        <PlacePanel activity={current} userId={me.data.id} participant={mine.data} now={now} />
      )}
      {mine.isPending && me.data && <Loading label="Checking your place…" />}
      <ErrorNotice error={mine.error} />
      {isCreator && (phase === 'upcoming' || phase === 'running') && <CreatorActions activity={current} />}
      <ParticipantList activity={current} status="JOINED" userId={me.data?.id} />
      {(phase === 'upcoming' || phase === 'running') && (
        <ParticipantList activity={current} status="WAITLISTED" userId={me.data?.id} />
      )}
      <p>
        <Link to="/meetups">All activities</Link>
      </p>
    </Page>
  );
}
