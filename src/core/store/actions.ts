import { NotifError } from '../model/errors.js';
import type { ServerActions } from '../model/types.js';

/**
 * Tells the server what the person did, through the `actions` option; the
 * change is local first either way. A failure is reported, never thrown.
 */
export function createServerSync(actions: ServerActions | undefined, report: (error: NotifError) => void) {
  function call(name: keyof ServerActions, run: () => Promise<void> | undefined): void {
    const failed = (cause: unknown): void => report(new NotifError('action', `server ${name} failed`, { cause }));
    try {
      run()?.catch(failed);
    } catch (cause) {
      failed(cause);
    }
  }
  return {
    markRead(ids: string[]): void {
      if (actions?.markRead) call('markRead', () => actions.markRead?.(ids));
    },
    /** `ids` are those it marked, for a server without `markAllRead`. */
    markAllRead(ids: string[]): void {
      if (actions?.markAllRead) call('markAllRead', () => actions.markAllRead?.());
      else if (actions?.markRead) call('markRead', () => actions.markRead?.(ids));
    },
    archive(ids: string[]): void {
      if (actions?.archive) call('archive', () => actions.archive?.(ids));
    },
  };
}
