/** The browser's idea of connectivity; in a runtime without one, always online. */
export interface NetworkMonitor {
  online(): boolean;
  /** Calls `listener` on every `online` / `offline` change; returns an unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export const browserNetwork: NetworkMonitor = {
  online() {
    return typeof navigator === 'undefined' || navigator.onLine !== false;
  },
  subscribe(listener) {
    if (typeof window === 'undefined') return () => {};
    const online = (): void => listener(true);
    const offline = (): void => listener(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};
