import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RatingSummary } from './rating-summary';

describe('RatingSummary', () => {
  it('says so when there are no ratings', () => {
    render(<RatingSummary summary={{ average: null, count: 0 }} />);
    expect(screen.getByText('No ratings yet')).toBeInTheDocument();
  });

  it('shows the average and the count in words', () => {
    render(<RatingSummary summary={{ average: 4.5, count: 2 }} />);
    expect(screen.getByText('4.5 out of 5 from 2 ratings')).toBeInTheDocument();
  });
});
