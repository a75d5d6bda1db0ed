import { NetworkError } from '@icebreaker/sdk';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EarlierMessages } from './earlier-messages';

describe('EarlierMessages', () => {
  it('offers the earlier page while there is one', async () => {
    const onLoad = vi.fn();
    const { rerender } = render(<EarlierMessages hasEarlier loading={false} error={null} onLoad={onLoad} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Load earlier messages' }));
    expect(onLoad).toHaveBeenCalledOnce();
    rerender(<EarlierMessages hasEarlier={false} loading={false} error={null} onLoad={onLoad} />);
    expect(screen.queryByRole('button', { name: 'Load earlier messages' })).not.toBeInTheDocument();
  });

  it('is busy while loading and explains a failure', () => {
    const failure = new NetworkError(new TypeError('Failed to fetch'));
    render(<EarlierMessages hasEarlier loading error={failure} onLoad={() => {}} />);
    expect(screen.getByRole('button', { name: 'Load earlier messages' })).toBeDisabled();
    expect(screen.getByRole('alert')).toHaveTextContent('You appear to be offline.');
  });
});
