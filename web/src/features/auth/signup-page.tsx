import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { fieldProblem } from '../../lib/errors';
import { parseTags } from '../../lib/tags';
import { Button, ErrorNotice, Field, Page } from '../../ui';

export function SignupPage() {
  const ib = useIcebreaker();
  const [form, setForm] = useState({ displayName: '', email: '', password: '', interests: '', bio: '' });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [name]: event.target.value }));
  const signup = useMutation({
    mutationFn: () =>
      ib.register({
        displayName: form.displayName.trim(),
        email: form.email.trim(),
        password: form.password,
        interests: parseTags(form.interests),
        bio: form.bio.trim(),
      }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signup.mutate();
  };

  return (
    <Page title="Create an account">
      <form className="form" onSubmit={submit} aria-label="Create an account">
        <Field label="Name" error={fieldProblem(signup.error, 'displayName')}>
          <input autoComplete="name" required maxLength={60} value={form.displayName} onChange={set('displayName')} />
        </Field>
        <Field label="Email" error={fieldProblem(signup.error, 'email')}>
          <input type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </Field>
        <Field label="Password" hint="At least 8 characters" error={fieldProblem(signup.error, 'password')}>
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            value={form.password}
            onChange={set('password')}
          />
        </Field>
        <Field label="Interests" hint="Separated by commas, e.g. climbing, board games">
          <input value={form.interests} onChange={set('interests')} />
        </Field>
        <Field label="About you (optional)">
          <textarea rows={3} maxLength={500} value={form.bio} onChange={set('bio')} />
        </Field>
        <ErrorNotice error={signup.error} />
        <Button type="submit" busy={signup.isPending}>
          Sign up
        </Button>
      </form>
      <p className="form-footer">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </Page>
  );
}
