import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, EmptyState, ErrorNotice, Loading, Page } from '../../ui';
import { ActivityCard } from './activity-card';
import { ActivityFilters } from './activity-filters';
import { useActivityList } from './queries';
import {
  filtersFromSearchParams,
  filtersToSearchParams,
  toListQuery,
  type ActivityFilters as Filters,
} from './search-filters';
import { usePosition } from './use-position';

/** Search and browse activities, soonest first, a page at a time. */
export function ActivitiesPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(searchParams), [searchParams]);
  const position = usePosition(filters.withinKm > 0);
  const waitingForPosition = filters.withinKm > 0 && position.status === 'locating';
  const query = toListQuery(filters, position.position);
  const list = useActivityList(query, !waitingForPosition);
  const activities = list.data?.pages.flatMap((page) => page.items) ?? [];
  const now = new Date();

  const apply = (next: Filters) => setSearchParams(filtersToSearchParams(next));

  return (
    <Page
      title="Activities"
      actions={
        <Link className="button button-primary" to="/meetups/new">
          New activity
        </Link>
      }
    >
      <ActivityFilters key={searchParams.toString()} filters={filters} onChange={apply} />
      {position.problem && filters.withinKm > 0 && (
        <p role="status">{position.problem} Showing activities anywhere instead.</p>
      )}
      {(list.isPending || waitingForPosition) && <Loading label="Finding activities…" />}
      <ErrorNotice error={list.error} />
      {list.isSuccess && activities.length === 0 && (
        <EmptyState title="No activities found">
          <p>
            {searchParams.size > 0 ? 'Try fewer filters, or ' : 'Be the first: '}
            <Link to="/meetups/new">create an activity</Link>.
          </p>
        </EmptyState>
      )}
      {activities.length > 0 && (
        <ul className="list activity-list" aria-label="Activities found">
          {activities.map((activity) => (
            <li key={activity.id}>
              <ActivityCard activity={activity} now={now} />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Load more
        </Button>
      )}
    </Page>
  );
}
