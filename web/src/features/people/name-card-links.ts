/** Links as typed in one text box, one per line: "GitHub https://github.com/ada" (the label is optional). */
export function parseLinks(text: string): { label: string; url: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.search(/\S+$/);
      const url = line.slice(at);
      const label = line.slice(0, at).trim() || hostOf(url);
      return { label, url };
    });
}

export const formatLinks = (links: readonly { label: string; url: string }[]): string =>
  links.map((link) => `${link.label} ${link.url}`).join('\n');

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'Link';
  }
}
