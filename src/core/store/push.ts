import type { ReadableAtom } from 'nanostores';
import type { Preferences, PushControl, Transport } from '../model/types.js';

/**
 * The store's side of `webPush()` (alone, in `merge` or inside `crossTab`): it
 * follows the person's preferences, and what they read by clicking an OS
 * notification is marked read here (through the store, so the server hears it).
 */
export function createPushBridge($preferences: ReadableAtom<Preferences>, markRead: (ids: string[]) => void, enableDefault: () => void) {
  let push: PushControl | undefined;
  let unsubscribe: (() => void)[] = [];
  return {
    push: (): PushControl | undefined => push,
    use(transport: Transport | undefined): void {
      for (const stop of unsubscribe) stop();
      push = transport?.push;
      const control = push;
      unsubscribe = control
        ? [
            $preferences.subscribe((preferences) => control.follow(preferences)),
            control.onRead(markRead),
            // enable() from a click of the app's own, with no topic's desktop on: the default topic's
            // goes on, so the worker (which shows by these preferences) shows what arrives.
            control.onEnable(() => {
              if (!Object.values($preferences.get()).some((channels) => channels.desktop)) enableDefault();
            }),
          ]
        : [];
    },
  };
}
