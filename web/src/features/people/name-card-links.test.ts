import { expect, it } from 'vitest';
import { formatLinks, parseLinks } from './name-card-links';

it('reads one link a line, the label before the address, and writes them back the same way', () => {
  const links = parseLinks(
    'GitHub https://github.com/ada\n\n  https://www.example.com/ada  \nMy blog https://blog.example.org',
  );
  expect(links).toEqual([
    { label: 'GitHub', url: 'https://github.com/ada' },
    { label: 'example.com', url: 'https://www.example.com/ada' },
    { label: 'My blog', url: 'https://blog.example.org' },
  ]);
  expect(parseLinks(formatLinks(links))).toEqual(links);
});
