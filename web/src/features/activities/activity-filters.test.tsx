import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActivityFilters } from './activity-filters';
import { defaultFilters, type ActivityFilters as Filters } from './search-filters';

describe('ActivityFilters', () => {
  it('applies the typed text with a toggle, so nothing typed is lost', async () => {
    const onChange = vi.fn((_filters: Filters) => undefined);
    render(<ActivityFilters filters={defaultFilters} onChange={onChange} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Search'), 'chess');
    expect(onChange).not.toHaveBeenCalled();
    await user.click(screen.getByLabelText('Only mine'));
    expect(onChange).toHaveBeenLastCalledWith({ ...defaultFilters, q: 'chess', mine: true });
  });

  it('searches on submit and offers to clear only when something is set', async () => {
    const onChange = vi.fn((_filters: Filters) => undefined);
    const { rerender } = render(<ActivityFilters filters={defaultFilters} onChange={onChange} />);
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('With any of the tags'), 'games{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ...defaultFilters, tags: 'games' });

    rerender(<ActivityFilters filters={{ ...defaultFilters, tags: 'games' }} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith(defaultFilters);
  });

  it('opens the time and distance filters when one of them is set', () => {
    render(<ActivityFilters filters={{ ...defaultFilters, withinKm: 5 }} onChange={() => undefined} />);
    expect(screen.getByLabelText('Distance')).toBeVisible();
    expect(screen.getByLabelText('Distance')).toHaveValue('5');
  });
});
