/** A minimal listener set whose `emit` never lets one listener break the others. */
export interface Emitter<Args extends unknown[]> {
  on: (listener: (...args: Args) => void) => () => void;
  emit: (...args: Args) => void;
  readonly size: number;
}

export function createEmitter<Args extends unknown[]>(onListenerError: (error: unknown) => void): Emitter<Args> {
  const listeners = new Set<(...args: Args) => void>();
  return {
    on(listener) {
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const entry = (...args: Args): void => listener(...args);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(...args) {
      // add(100,000) emits 100,000 times, mostly to nobody: no copy then.
      if (!listeners.size) return;
      for (const listener of [...listeners]) {
        try {
          listener(...args);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
