import type { Activity } from '@icebreaker/sdk';
import { formatSpan } from './datetime-local';
import { activityPhase, describeCapacity } from './participation';

const phaseLabels = { cancelled: 'Cancelled', over: 'Over', running: 'Happening now', upcoming: null } as const;

export function PhaseBadge({ activity, now }: { activity: Activity; now: Date }) {
  const phase = activityPhase(activity, now);
  const label = phaseLabels[phase];
  return label ? <span className={`pill pill--${phase}`}>{label}</span> : null;
}

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}

/** What, when, where and how full. */
export function ActivityDetails({ activity, now }: { activity: Activity; now: Date }) {
  return (
    <section className="activity-details" aria-label="Details">
      <PhaseBadge activity={activity} now={now} />
      <dl>
        <dt>When</dt>
        <dd>
          <time dateTime={activity.startTime}>{formatSpan(activity.startTime, activity.endTime)}</time>
        </dd>
        {activity.location && (
          <>
            <dt>Where</dt>
            <dd>{activity.location}</dd>
          </>
        )}
        <dt>Places</dt>
        <dd>{describeCapacity(activity, now)}</dd>
      </dl>
      {activity.description && <p className="activity-details__description">{activity.description}</p>}
      <TagList tags={activity.tags} />
    </section>
  );
}
