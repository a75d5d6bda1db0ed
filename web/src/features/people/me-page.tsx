import type { User } from '@icebreaker/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useIcebreaker, useMe } from '../../app/icebreaker-context';
import { BlockedPeople } from '../blocks';
import { fieldProblem } from '../../lib/errors';
import { parseTags } from '../../lib/tags';
import { Button, ErrorNotice, Field, Loading, Page } from '../../ui';
import { formatLinks, parseLinks } from './name-card-links';

export function MePage() {
  const me = useMe();
  return (
    <Page title="Your profile">
      {me.isPending ? <Loading /> : me.error ? <ErrorNotice error={me.error} /> : <ProfileForm me={me.data} />}
      <BlockedPeople />
      <SignOut />
    </Page>
  );
}

function ProfileForm({ me }: { me: User }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    displayName: me.displayName,
    bio: me.bio,
    interests: me.interests.join(', '),
    jobTitle: me.nameCard?.jobTitle ?? '',
    company: me.nameCard?.company ?? '',
    links: formatLinks(me.nameCard?.links ?? []),
    isDiscoverable: me.isDiscoverable ?? true,
    hideDistance: me.hideDistance ?? false,
  });
  const setText =
    (name: 'displayName' | 'bio' | 'interests' | 'jobTitle' | 'company' | 'links') =>
    (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [name]: event.target.value }));
  const setFlag = (name: 'isDiscoverable' | 'hideDistance') => (event: { target: { checked: boolean } }) =>
    setForm((current) => ({ ...current, [name]: event.target.checked }));
  const save = useMutation({
    mutationFn: () =>
      ib.api.users.updateMe({
        body: {
          displayName: form.displayName.trim(),
          bio: form.bio.trim(),
          interests: parseTags(form.interests),
          isDiscoverable: form.isDiscoverable,
          hideDistance: form.hideDistance,
          nameCard: {
            jobTitle: form.jobTitle.trim() || null,
            company: form.company.trim() || null,
            links: parseLinks(form.links),
          },
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Your profile">
      <p className="muted">Signed in as {me.email}</p>
      <Field label="Name" error={fieldProblem(save.error, 'displayName')}>
        <input required maxLength={60} value={form.displayName} onChange={setText('displayName')} />
      </Field>
      <Field label="About you">
        <textarea rows={3} maxLength={500} value={form.bio} onChange={setText('bio')} />
      </Field>
      <Field label="Interests" hint="Separated by commas" error={fieldProblem(save.error, 'interests')}>
        <input value={form.interests} onChange={setText('interests')} />
      </Field>
      <fieldset>
        <legend>Name card</legend>
        <p className="hint">Only people who collect your card see it.</p>
        <Field label="Job title">
          <input maxLength={100} value={form.jobTitle} onChange={setText('jobTitle')} />
        </Field>
        <Field label="Company">
          <input maxLength={100} value={form.company} onChange={setText('company')} />
        </Field>
        <Field label="Links" hint="One per line: a label, then the address (https://…)">
          <textarea rows={3} value={form.links} onChange={setText('links')} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>Visibility</legend>
        <label className="checkbox">
          <input type="checkbox" checked={form.isDiscoverable} onChange={setFlag('isDiscoverable')} />
          Show me to people nearby
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={form.hideDistance} onChange={setFlag('hideDistance')} />
          Hide my distance
        </label>
      </fieldset>
      <ErrorNotice error={save.error} />
      {save.isSuccess && (
        <p className="success" role="status">
          Saved.
        </p>
      )}
      <Button type="submit" busy={save.isPending}>
        Save profile
      </Button>
    </form>
  );
}

function SignOut() {
  const ib = useIcebreaker();
  const logout = useMutation({ mutationFn: () => ib.logout() });
  return (
    <section className="sign-out">
      <ErrorNotice error={logout.error} />
      <Button variant="secondary" busy={logout.isPending} onClick={() => logout.mutate()}>
        Sign out
      </Button>
    </section>
  );
}
