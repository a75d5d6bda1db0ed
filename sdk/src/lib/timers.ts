/** A timer that does not keep a Node process alive on its own (browsers have no such notion). */
export function backgroundTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

export function backgroundInterval(callback: () => void, ms: number): ReturnType<typeof setInterval> {
  const timer = setInterval(callback, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => backgroundTimeout(resolve, ms));
