import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useIcebreaker, useMe } from '../../app/icebreaker-context';
import { Avatar, Button, EmptyState, ErrorNotice, Field, Loading, Page } from '../../ui';
import { commonInterests, groupByDistance } from './distance-groups';
import { useSharePosition, type PositionState } from './use-position';

const radii = [1000, 2000, 5000, 10_000, 25_000, 50_000];

export function NearbyPage() {
  const ib = useIcebreaker();
  const me = useMe();
  const { position, share, recordError } = useSharePosition();
  const [radius, setRadius] = useState(5000);
  const [interest, setInterest] = useState('');
  const sharedAt = position.state === 'shared' ? position.at : null;
  const nearby = useQuery({
    queryKey: ['users', 'nearby', radius, sharedAt],
    queryFn: async ({ signal }) => (await ib.api.locations.nearbyUsers({ radius, limit: 100 }, { signal })).items,
    enabled: sharedAt !== null,
    refetchInterval: 60_000,
  });
  const people = nearby.data ?? [];
  const groups = groupByDistance(people, interest || undefined);
  const interests = commonInterests(people);

  return (
    <Page title="Nearby">
      {me.data && me.data.isDiscoverable === false && (
        <p className="notice">
          You are hidden from others. <Link to="/me">Change your visibility</Link>
        </p>
      )}
      <PositionNotice position={position} onRetry={share} error={recordError} />
      <div className="filters">
        <Field label="Within">
          <select value={radius} onChange={(e) => setRadius(Number(e.target.value))}>
            {radii.map((r) => (
              <option key={r} value={r}>
                {r / 1000} km
              </option>
            ))}
          </select>
        </Field>
        <Field label="Interest">
          <select value={interest} onChange={(e) => setInterest(e.target.value)}>
            <option value="">Any interest</option>
            {interests.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {sharedAt === null ? null : nearby.isPending ? (
        <Loading label="Looking around…" />
      ) : nearby.error ? (
        <ErrorNotice error={nearby.error}>
          <Button variant="secondary" onClick={() => void nearby.refetch()}>
            Try again
          </Button>
        </ErrorNotice>
      ) : groups.length === 0 ? (
        <EmptyState title="Nobody nearby right now">
          <p>
            {interest
              ? 'Nobody around shares that interest. Try another one.'
              : 'Try a larger distance, or come back later.'}
          </p>
        </EmptyState>
      ) : (
        groups.map((group) => (
          <section key={group.label} className="distance-group" aria-label={group.label}>
            <h2>{group.label}</h2>
            <ul className="list people">
              {group.people.map(({ user }) => (
                <li key={user.id} className="card person">
                  <Link to={`/people/${user.id}`} className="person-link">
                    <Avatar user={user} />
                    <span>
                      <span className="person-name">{user.displayName}</span>
                      {user.interests.length > 0 && (
                        <span className="tags" aria-label="Interests">
                          {user.interests.map((i) => (
                            <span key={i} className="tag">
                              {i}
                            </span>
                          ))}
                        </span>
                      )}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </Page>
  );
}

function PositionNotice({
  position,
  onRetry,
  error,
}: {
  position: PositionState;
  onRetry: () => void;
  error: unknown;
}) {
  if (error) {
    return (
      <ErrorNotice error={error}>
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      </ErrorNotice>
    );
  }
  if (position.state === 'locating') return <Loading label="Finding where you are…" />;
  if (position.state === 'shared') return null;
  return (
    <div className="notice" role="alert">
      <p>
        {position.state === 'denied'
          ? 'To see who is nearby, allow this site to use your location. Others only ever see a rough distance.'
          : position.reason}
      </p>
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
