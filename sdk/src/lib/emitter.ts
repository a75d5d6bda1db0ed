/** A small typed event emitter; `on` returns the function that removes the listener. */
export type Listener<T> = (value: T) => unknown;

export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Calls every listener; a listener that throws does not keep the others from hearing it. */
  emit<K extends keyof Events>(type: K, value: Events[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) {
      try {
        void Promise.resolve((listener as Listener<Events[K]>)(value)).catch(reportListenerError);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** Like `emit`, and resolves once every listener (and any promise it returned) has finished. */
  async emitAndWait<K extends keyof Events>(type: K, value: Events[K]): Promise<void> {
    const results = [...(this.listeners.get(type) ?? [])].map(async (listener) => {
      try {
        await (listener as Listener<Events[K]>)(value);
      } catch (error) {
        reportListenerError(error);
      }
    });
    await Promise.all(results);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** A listener's bug is the app's to see, but it must not break delivery to the others. */
function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (report) report(error);
  else console.error('An Icebreaker listener failed:', error);
}
