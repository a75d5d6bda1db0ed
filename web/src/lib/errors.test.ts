import { ApiError, NetworkError, errorStatuses, type ErrorCode } from '@icebreaker/sdk';
import { describe, expect, it } from 'vitest';
import { codeMessage, problemMessage } from './errors';

const problem = (code: string, status: number) =>
  new ApiError({ type: 'about:blank', title: 'Title', status, detail: 'Detail from the server', code });

describe('problemMessage', () => {
  it('has its own sentence for every code the server can send', () => {
    const generic = problemMessage(new Error('boom'));
    for (const [code, status] of Object.entries(errorStatuses) as [ErrorCode, number][]) {
      const message = problemMessage(problem(code, status));
      expect(message, code).not.toBe(generic);
      expect(message, code).toMatch(/^[A-Z].*\.$/);
      expect(message, code).not.toContain('Detail from the server');
    }
  });

  it('explains a failed connection', () => {
    expect(problemMessage(new NetworkError(new TypeError('Failed to fetch')))).toMatch(/offline/);
  });

  it('falls back sensibly for codes it does not know', () => {
    expect(problemMessage(problem('SOMETHING_NEW', 503))).toBe(problemMessage(problem('INTERNAL', 500)));
    expect(problemMessage(problem('SOMETHING_NEW', 422))).toBe('Something went wrong. Please try again.');
    expect(problemMessage('not an error')).toBe('Something went wrong. Please try again.');
  });
});

describe('codeMessage', () => {
  it('says the same as problemMessage for a code kept without its error', () => {
    expect(codeMessage('ACTIVITY_FULL')).toBe(problemMessage(problem('ACTIVITY_FULL', 409)));
    expect(codeMessage('SOMETHING_NEW')).toBe('Something went wrong. Please try again.');
  });
});
