import { atom, type ReadableAtom } from 'nanostores';
import type { SharedChange, TabRole, TabSync, Transport } from '../model/types.js';

/**
 * The store's side of `crossTab()`: what the person does here goes to the other
 * tabs, what they did there is applied here (never sent to the server twice),
 * and `$role` says whether this tab holds the connection.
 */
export function createTabBridge(apply: (change: SharedChange) => void) {
  const $role = atom<TabRole>('solo');
  let tabs: TabSync | undefined;
  let unsubscribe: (() => void)[] = [];

  /** Follows the tabs of `transport`, when it is a crossTab() one. */
  function use(transport: Transport | undefined): void {
    for (const stop of unsubscribe) stop();
    tabs = transport?.tabs;
    $role.set(tabs?.role() ?? 'solo');
    unsubscribe = tabs ? [tabs.follow(apply), tabs.onRole((role) => $role.set(role))] : [];
  }

  return {
    $role: $role as ReadableAtom<TabRole>,
    use,
    tabs: (): TabSync | undefined => tabs,
    share: (change: SharedChange): void => tabs?.share(change),
  };
}
