import { expect, it } from 'vitest';
import { parseTags } from './tags';

it('splits on commas, trims, lower-cases and keeps each tag once', () => {
  expect(parseTags(' Climbing, board games,, climbing ,')).toEqual(['climbing', 'board games']);
  expect(parseTags('')).toEqual([]);
});
