import { ApiError } from '@icebreaker/sdk';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BlockActions, type BlockActionsProps } from './block-actions';

function renderActions(props: Partial<BlockActionsProps> = {}) {
  const handlers = { onBlock: vi.fn(), onUnblock: vi.fn() };
  render(<BlockActions userName="Dan" blocked={false} busy={false} error={null} {...handlers} {...props} />);
  return { user: userEvent.setup(), ...handlers };
}

describe('BlockActions', () => {
  it('blocks only after a confirmation that says what blocking does', async () => {
    const { user, onBlock } = renderActions();
    await user.click(screen.getByRole('button', { name: 'Block Dan' }));
    const confirm = screen.getByRole('group', { name: 'Confirm block' });
    expect(confirm).toHaveTextContent('neither of you can invite or message the other');
    expect(onBlock).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Yes, block' }));
    expect(onBlock).toHaveBeenCalledOnce();
  });

  it('can step back from the confirmation', async () => {
    const { user, onBlock } = renderActions();
    await user.click(screen.getByRole('button', { name: 'Block Dan' }));
    await user.click(screen.getByRole('button', { name: 'Keep in touch' }));
    expect(screen.queryByRole('group', { name: 'Confirm block' })).not.toBeInTheDocument();
    expect(onBlock).not.toHaveBeenCalled();
  });

  it('offers to unblock someone blocked', async () => {
    const { user, onUnblock } = renderActions({ blocked: true });
    expect(screen.getByText(/You blocked Dan/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Unblock Dan' }));
    expect(onUnblock).toHaveBeenCalledOnce();
  });

  it('explains a refusal', () => {
    const refusal = new ApiError({
      type: 'about:blank',
      status: 404,
      code: 'NOT_FOUND',
      title: 'Not found',
      detail: 'User not found',
    });
    renderActions({ error: refusal });
    expect(screen.getByRole('alert')).toBeInTheDocument();
  });
});
