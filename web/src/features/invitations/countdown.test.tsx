import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Countdown } from './countdown';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-06-01T12:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

it('counts down every second and says when the invitation has expired', () => {
  render(<Countdown until="2026-06-01T12:01:05.000Z" />);
  expect(screen.getByRole('timer')).toHaveTextContent('Expires in 1 min 05 s');
  act(() => vi.advanceTimersByTime(6000));
  expect(screen.getByRole('timer')).toHaveTextContent('Expires in 59 s');
  act(() => vi.advanceTimersByTime(59_000));
  expect(screen.getByRole('timer')).toHaveTextContent('Expired');
});
