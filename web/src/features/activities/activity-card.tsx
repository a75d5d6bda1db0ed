import type { Activity } from '@icebreaker/sdk';
import { Link } from 'react-router';
import { PhaseBadge, TagList } from './activity-details';
import { formatSpan } from './datetime-local';
import { describeCapacity } from './participation';

/** One activity in a list: title (a link), when, where, how full, tags. */
export function ActivityCard({ activity, now }: { activity: Activity; now: Date }) {
  return (
    <article className="card activity-card">
      <h2>
        <Link to={`/meetups/${activity.id}`}>{activity.title}</Link>
      </h2>
      <PhaseBadge activity={activity} now={now} />
      <p>
        <time dateTime={activity.startTime}>{formatSpan(activity.startTime, activity.endTime)}</time>
        {activity.location && ` · ${activity.location}`}
      </p>
      <p className="hint">{describeCapacity(activity, now)}</p>
      <TagList tags={activity.tags} />
    </article>
  );
}
