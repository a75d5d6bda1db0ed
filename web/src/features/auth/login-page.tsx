import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { Button, ErrorNotice, Field, Page } from '../../ui';

export function LoginPage() {
  const ib = useIcebreaker();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Signing in changes the session; the guard then moves on to where the visitor wanted to go.
  const login = useMutation({ mutationFn: () => ib.login(email.trim(), password) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  return (
    <Page title="Log in">
      <form className="form" onSubmit={submit} aria-label="Log in">
        <Field label="Email">
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password">
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <ErrorNotice error={login.error} />
        <Button type="submit" busy={login.isPending}>
          Log in
        </Button>
      </form>
      <p className="form-footer">
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </Page>
  );
}
