import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NameCard } from './name-card';

describe('NameCard', () => {
  it('shows the role and opens contact links safely in a new tab', () => {
    render(
      <NameCard
        card={{
          jobTitle: 'Designer',
          company: 'Acme',
          links: [{ label: 'Portfolio', url: 'https://example.com/bea' }],
        }}
      />,
    );
    expect(screen.getByText('Designer at Acme')).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'Portfolio' });
    expect(link).toHaveAttribute('href', 'https://example.com/bea');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('says so when the card is empty', () => {
    render(<NameCard card={{ jobTitle: null, company: null, links: [] }} />);
    expect(screen.getByText('No name card details yet.')).toBeInTheDocument();
  });
});
