import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { Page } from '../../ui';
import { emptyActivityForm, toActivityBody, type ActivityFormValues } from './form-values';
import { ActivityForm } from './activity-form';
import { activityKeys } from './queries';

export function NewActivityPage() {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [initial] = useState(() => emptyActivityForm(new Date()));

  async function create(values: ActivityFormValues) {
    const activity = await ib.api.activities.createActivity({ body: toActivityBody(values) });
    queryClient.setQueryData(activityKeys.detail(activity.id), activity);
    await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    await navigate(`/meetups/${activity.id}`);
  }

  return (
    <Page title="New activity">
      <ActivityForm initial={initial} submitLabel="Create activity" onSubmit={create} />
    </Page>
  );
}
