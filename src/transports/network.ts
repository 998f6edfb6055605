/**
 * Whether a connection may be up: the browser is online and the page is not
 * in the back-forward cache. In a runtime without a window, always.
 */
export interface NetworkMonitor {
  online(): boolean;
  /** Calls `listener` whenever `online()` may have changed; returns an unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
}

// A page going into the back-forward cache must close its connections (or it is
// not cached), and resume them, from the last id, when it comes back.
let inBackForwardCache = false;

export const browserNetwork: NetworkMonitor = {
  online() {
    return !inBackForwardCache && (typeof navigator === 'undefined' || navigator.onLine !== false);
  },
  subscribe(listener) {
    if (typeof window === 'undefined') return () => {};
    const changed = (): void => listener(browserNetwork.online());
    const pagehide = (event: PageTransitionEvent): void => {
      if (!event.persisted) return;
      inBackForwardCache = true;
      changed();
    };
    const pageshow = (event: PageTransitionEvent): void => {
      if (!event.persisted) return;
      inBackForwardCache = false;
      changed();
    };
    window.addEventListener('online', changed);
    window.addEventListener('offline', changed);
    window.addEventListener('pagehide', pagehide);
    window.addEventListener('pageshow', pageshow);
    return () => {
      window.removeEventListener('online', changed);
      window.removeEventListener('offline', changed);
      window.removeEventListener('pagehide', pagehide);
      window.removeEventListener('pageshow', pageshow);
    };
  },
};
