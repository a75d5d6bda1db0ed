/**
 * The JSON of values that many frames carry: an event's data goes to every
 * socket of each recipient, and a sent message also rides in its ack. It is
 * written once, where the value is made, and reused for every frame.
 */
const texts = new WeakMap<object, string>();

/** Remembers `text` as the JSON of `value`; the value must not change afterwards. */
export function shareJson(value: object, text: string): void {
  texts.set(value, text);
}

export const sharedJsonOf = (value: object): string | undefined => texts.get(value);

/** The remembered JSON of `value`, or JSON.stringify's (undefined for undefined and functions). */
export const jsonOf = (value: unknown): string | undefined =>
  (typeof value === 'object' && value !== null ? texts.get(value) : undefined) ?? JSON.stringify(value);
