import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useIcebreaker, useMe } from '../../app/icebreaker-context';
import { EmptyState, ErrorNotice, Loading, Page } from '../../ui';
import { activityFormFrom, toActivityChanges, type ActivityFormValues } from './form-values';
import { ActivityForm } from './activity-form';
import { activityPhase } from './participation';
import { activityKeys, useActivity } from './queries';

export function EditActivityPage() {
  const activityId = Number(useParams().activityId);
  const ib = useIcebreaker();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const activity = useActivity(activityId);

  const save = useMutation({
    mutationFn: async (values: ActivityFormValues) => {
      const original = activity.data!;
      const changes = toActivityChanges(values, original);
      if (Object.keys(changes).length === 0) return original;
      return ib.api.activities.updateActivity({ id: original.id, body: changes });
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(activityKeys.detail(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
      await navigate(`/meetups/${updated.id}`);
    },
  });

  if (activity.isPending) {
    return (
      <Page title="Edit activity">
        <Loading />
      </Page>
    );
  }
  if (activity.isError) {
    return (
      <Page title="Edit activity">
        <ErrorNotice error={activity.error} />
      </Page>
    );
  }
  const current = activity.data;
  const back = <Link to={`/meetups/${current.id}`}>Back to the activity</Link>;
  if (me.data && current.creatorId !== me.data.id) {
    return (
      <Page title="Edit activity">
        <EmptyState title="Only its organiser can change this activity">{back}</EmptyState>
      </Page>
    );
  }
  const phase = activityPhase(current, new Date());
  if (phase === 'cancelled' || phase === 'over') {
    return (
      <Page title="Edit activity">
        <EmptyState title={phase === 'cancelled' ? 'This activity was cancelled' : 'This activity is over'}>
          {back}
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page title={`Edit ${current.title}`}>
      <ActivityForm
        initial={activityFormFrom(current)}
        submitLabel="Save changes"
        minParticipants={current.currentParticipants}
        onSubmit={(values) => save.mutateAsync(values)}
      />
      <p>{back}</p>
    </Page>
  );
}
