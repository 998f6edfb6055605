import { atom, type ReadableAtom } from 'nanostores';
import { NotifError } from '../model/errors.js';
import type { HistoryPage } from '../model/types.js';

/** Older-notification paging state, for a "load more" control. */
export interface HistoryState {
  loading: boolean;
  /** No older page exists (or no `history` option was given). */
  done: boolean;
  error?: NotifError;
}

export interface HistoryOptions {
  /** The `history` option: loads the page before `before`. */
  load: ((before?: string) => Promise<HistoryPage>) | undefined;
  /** Applies a page's items, silently, now. */
  apply(items: unknown[]): void;
  /** The id of the oldest notification held, the cursor of the first `loadMore()`. */
  oldest(): string | undefined;
  report(error: NotifError): void;
}

/**
 * Paging through older notifications with the `history` option: each page is
 * applied silently (feed only), `$history` says whether one is loading, done or
 * failed, and after a resync the first page is fetched again from the top.
 */
export function createHistory(options: HistoryOptions) {
  const $history = atom<HistoryState>({ loading: false, done: options.load === undefined });
  let next: string | undefined;

  async function loadPage(before: string | undefined): Promise<void> {
    const load = options.load;
    if (!load) return;
    $history.set({ loading: true, done: false });
    try {
      const page = await load(before);
      options.apply(Array.isArray(page.items) ? page.items : []);
      next = typeof page.next === 'string' ? page.next : undefined;
      $history.set({ loading: false, done: next === undefined });
    } catch (cause) {
      const error = new NotifError('http', 'loading older notifications failed', { cause });
      options.report(error);
      $history.set({ loading: false, done: false, error });
    }
  }

  /** Loads the next older page, unless one is loading or none is left. */
  async function loadMore(): Promise<void> {
    const state = $history.get();
    if (!options.load || state.loading || state.done) return;
    await loadPage(next ?? options.oldest());
  }

  /** After a resync: the first page again, from the top; its items arrive silently. */
  async function refetch(): Promise<void> {
    if (!options.load) return;
    next = undefined;
    $history.set({ loading: false, done: false });
    await loadPage(undefined);
  }

  return { $history: $history as ReadableAtom<HistoryState>, loadMore, refetch };
}
