import { ApiError } from '@icebreaker/sdk';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityForm } from './activity-form';
import { emptyActivityForm, type ActivityFormValues } from './form-values';

const originalZone = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'UTC';
});
afterEach(() => {
  process.env.TZ = originalZone;
});

const now = () => new Date('2026-05-01T08:10:00.000Z');

function renderForm(onSubmit: (values: ActivityFormValues) => Promise<unknown>) {
  render(
    <ActivityForm initial={emptyActivityForm(now())} submitLabel="Create activity" onSubmit={onSubmit} now={now} />,
  );
  return userEvent.setup();
}

describe('ActivityForm', () => {
  it('explains a missing title beside the field and sends nothing', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    const user = renderForm(onSubmit);
    await user.click(screen.getByRole('button', { name: 'Create activity' }));
    const title = screen.getByLabelText('Title');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Give your activity a title');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the filled form with the fields the contract names', async () => {
    const onSubmit = vi.fn((_values: ActivityFormValues) => Promise.resolve());
    const user = renderForm(onSubmit);
    await user.type(screen.getByLabelText('Title'), 'Chess in the park');
    await user.type(screen.getByLabelText('Description'), 'Bring a board');
    await user.type(screen.getByLabelText('Location'), 'Fountain');
    await user.clear(screen.getByLabelText('Max participants'));
    await user.type(screen.getByLabelText('Max participants'), '8');
    await user.type(screen.getByLabelText('Tags'), 'Chess, games');
    await user.click(screen.getByRole('button', { name: 'Create activity' }));
    expect(onSubmit).toHaveBeenCalledOnce();
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      title: 'Chess in the park',
      description: 'Bring a board',
      location: 'Fountain',
      startsAt: '2026-05-01T09:00',
      endsAt: '2026-05-01T11:00',
      maxParticipants: '8',
      tags: 'Chess, games',
    });
  });

  it('re-checks as you type once you tried to send', async () => {
    const user = renderForm(() => Promise.resolve());
    await user.click(screen.getByRole('button', { name: 'Create activity' }));
    expect(screen.getByText('Give your activity a title')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Title'), 'Run');
    expect(screen.queryByText('Give your activity a title')).not.toBeInTheDocument();
  });

  it('shows the server’s refusal in words and beside the field it names', async () => {
    const refusal = new ApiError({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'maxParticipants cannot be lower than the 3 places taken',
      code: 'CAPACITY_BELOW_PARTICIPANTS',
      errors: [{ field: 'body.maxParticipants', message: 'is below the places taken' }],
    });
    const user = renderForm(() => Promise.reject(refusal));
    await user.type(screen.getByLabelText('Title'), 'Run');
    await user.click(screen.getByRole('button', { name: 'Create activity' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('More people have already joined than that.');
    expect(screen.getByLabelText('Max participants')).toHaveAccessibleDescription(
      expect.stringContaining('Is below the places taken'),
    );
  });
});
