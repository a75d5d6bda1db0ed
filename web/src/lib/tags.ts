/** "Climbing, board games,, climbing" → ["climbing", "board games"]: trimmed, lower-case, each once. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}
