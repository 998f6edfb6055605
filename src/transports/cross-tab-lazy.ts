import type { SharedChange, TabRole, TabSync, Transport } from '../core/model/types.js';
import type { CrossTabOptions } from './cross-tab.js';
import { deferred } from './deferred.js';

/**
 * `crossTab()` whose code is fetched on the first connect: what `<notif-provider
 * cross-tab>` uses, so a page without the attribute never pays for it. Its `tabs`
 * stand in until then (role `solo`, visible, changes shared once loaded).
 */
export function lazyCrossTab(inner: Transport, options: CrossTabOptions): Transport & { tabs: TabSync } {
  let loaded: TabSync | undefined;
  // Listeners the store gave before the code arrived, and what each is attached as since.
  const follows = new Map<(change: SharedChange) => void, (() => void) | undefined>();
  const roles = new Map<(role: TabRole) => void, (() => void) | undefined>();
  const transport = deferred(() =>
    import('./cross-tab.js').then(({ crossTab }) => {
      const real = crossTab(inner, options);
      loaded = real.tabs;
      for (const apply of follows.keys()) follows.set(apply, real.tabs.follow(apply));
      for (const listener of roles.keys()) roles.set(listener, real.tabs.onRole(listener));
      return real;
    }),
  );
  const attach = <T>(listeners: Map<T, (() => void) | undefined>, listener: T, on: ((listener: T) => () => void) | undefined): (() => void) => {
    listeners.set(listener, on?.(listener));
    return () => {
      listeners.get(listener)?.();
      listeners.delete(listener);
    };
  };
  const tabs: TabSync = {
    role: () => loaded?.role() ?? 'solo',
    anyVisible: () => loaded?.anyVisible() ?? true,
    share: (change) => loaded?.share(change),
    follow: (apply) => attach(follows, apply, loaded && ((a) => loaded!.follow(a))),
    onRole: (listener) => attach(roles, listener, loaded && ((l) => loaded!.onRole(l))),
  };
  return { connect: (sink) => transport.connect(sink), tabs, ...(inner.push && { push: inner.push }) };
}
