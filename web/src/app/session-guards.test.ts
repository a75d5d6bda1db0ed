import { expect, it } from 'vitest';
import { safeNext } from './session-guards';

it('only goes back to a path of this app after signing in', () => {
  expect(safeNext('/chats/3')).toBe('/chats/3');
  expect(safeNext(null)).toBe('/');
  expect(safeNext('https://evil.example')).toBe('/');
  expect(safeNext('//evil.example/x')).toBe('/');
  expect(safeNext('/\\evil.example/x')).toBe('/');
});
