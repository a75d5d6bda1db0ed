import { NetworkError } from '@icebreaker/sdk';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RatingForm } from './rating-form';
import type { RatingValues } from './rating-values';

function renderForm(onSubmit: (values: RatingValues) => Promise<unknown>) {
  render(<RatingForm userName="Bea" activityTitle="Chess in the park" onSubmit={onSubmit} />);
  return userEvent.setup();
}

describe('RatingForm', () => {
  it('is named after the person and the activity, with a radio per star count', () => {
    renderForm(() => Promise.resolve());
    const form = screen.getByRole('form', { name: 'Rate Bea for Chess in the park' });
    expect(form).toBeInTheDocument();
    for (const name of ['1 star', '2 stars', '3 stars', '4 stars', '5 stars']) {
      expect(screen.getByRole('radio', { name })).toBeInTheDocument();
    }
    expect(screen.getByLabelText('Comment (optional)')).toBeInTheDocument();
  });

  it('asks for stars before sending', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    const user = renderForm(onSubmit);
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(screen.getByText('Choose from 1 to 5 stars')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the chosen stars and comment', async () => {
    const onSubmit = vi.fn((_values: RatingValues) => Promise.resolve());
    const user = renderForm(onSubmit);
    await user.click(screen.getByRole('radio', { name: '4 stars' }));
    await user.type(screen.getByLabelText('Comment (optional)'), 'Great company');
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(onSubmit).toHaveBeenCalledWith({ stars: 4, comment: 'Great company' });
  });

  it('explains a failure and keeps what was entered', async () => {
    const user = renderForm(() => Promise.reject(new NetworkError(new TypeError('Failed to fetch'))));
    await user.click(screen.getByRole('radio', { name: '5 stars' }));
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You appear to be offline.');
    expect(screen.getByRole('radio', { name: '5 stars' })).toBeChecked();
  });
});
