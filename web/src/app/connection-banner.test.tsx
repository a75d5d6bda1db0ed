import { createIcebreaker, type Icebreaker } from '@icebreaker/sdk';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConnectionBanner } from './connection-banner';
import { IcebreakerProvider } from './icebreaker-context';

let ib: Icebreaker;
beforeEach(() => {
  ib = createIcebreaker({ baseUrl: 'http://127.0.0.1:9' });
});
afterEach(() => ib.close());

const signIn = () =>
  ib.session.adopt({
    tokenType: 'Bearer',
    accessToken: 'access',
    accessTokenExpiresAt: '2099-01-01T00:00:00.000Z',
    refreshToken: 'refresh',
    refreshTokenExpiresAt: '2099-01-01T00:00:00.000Z',
    user: { id: 1, displayName: 'Ada', bio: '', interests: [], avatarUrl: null, createdAt: '2026-01-01T00:00:00.000Z' },
  });

it('says nothing to a visitor who is not signed in', () => {
  render(
    <IcebreakerProvider client={ib}>
      <ConnectionBanner />
    </IcebreakerProvider>,
  );
  expect(screen.queryByRole('status')).toBeNull();
});

it('tells a signed-in user that live updates are down and their messages will wait', async () => {
  await signIn();
  render(
    <IcebreakerProvider client={ib}>
      <ConnectionBanner />
    </IcebreakerProvider>,
  );
  expect(screen.getByRole('status')).toHaveTextContent('You are offline');
  await act(() => ib.logout().catch(() => undefined));
  expect(screen.queryByRole('status')).toBeNull();
});
