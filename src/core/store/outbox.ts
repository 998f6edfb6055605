import { atom, type ReadableAtom } from 'nanostores';
import { fullJitterDelay, retryAfterMs } from '../backoff.js';
import { NotifError } from '../model/errors.js';
import type { ServerActions } from '../model/types.js';

/** One change the server has not confirmed yet. */
export interface OutboxEntry {
  action: keyof ServerActions;
  /** The ids it changed here (for markAllRead: the ones it marked, to undo a refusal). */
  ids: string[];
}

export interface OutboxOptions {
  actions: ServerActions | undefined;
  /** What waited when the page was last open (persisted with `storageKey`). */
  restored: OutboxEntry[];
  /** Called with the queue whenever it changes, to persist it. */
  save(entries: readonly OutboxEntry[]): void;
  /** The server refused a change (4xx): it is undone here. */
  undo(entry: OutboxEntry): void;
  /** The ids waiting here changed (for the other tabs to show them waiting too). */
  waiting?(ids: string[]): void;
  report(error: NotifError): void;
}

/** The HTTP status a rejection carries (`error.status` or `error.response.status`), if any. */
function statusOf(error: unknown): number | undefined {
  const record = error as { status?: unknown; response?: { status?: unknown } } | null;
  const status = record?.status ?? record?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A `Retry-After` the rejection carries (`retryAfter` in seconds, or a response header), as ms. */
function retryHintOf(error: unknown): number | undefined {
  const record = error as { retryAfter?: unknown; response?: { headers?: { get?(name: string): string | null } } } | null;
  if (typeof record?.retryAfter === 'number') return retryAfterMs(String(record.retryAfter));
  const header = record?.response?.headers?.get?.('Retry-After');
  return header ? retryAfterMs(header) : undefined;
}

/** Refused for good: a 4xx other than 408 (timeout) and 429 (slow down). */
const refused = (status: number | undefined): boolean => status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * The changes a person made that the server has not confirmed: `markRead`,
 * `markAllRead` and `archive` apply here at once and wait here for `actions`.
 * They are sent one at a time, in order; a network failure, a 5xx or a 429 keeps
 * the change and retries with backoff (a `Retry-After` is a floor), at once when
 * the connection or the network is back; a 4xx undoes it and reports
 * `action-failed`. Consecutive reads go as one call, and a mark-all takes the
 * reads before it along. `$pending` counts the calls waiting.
 */
export function createOutbox(options: OutboxOptions) {
  const { actions } = options;
  const can = (action: keyof ServerActions): boolean => typeof actions?.[action] === 'function';
  let queue: OutboxEntry[] = options.restored.filter((entry) => can(entry.action));
  const $pending = atom(queue.length);
  /** What waits in another tab's outbox (with crossTab, that tab sends it; this one shows it). */
  let elsewhere: string[] = [];
  const ids = (): Set<string> => new Set([...queue.flatMap((e) => e.ids), ...elsewhere]);
  const $pendingIds = atom<ReadonlySet<string>>(ids());
  let sending = false;
  /** Stopped: nothing is sent, and what a call still in flight brings is not written (a newer store may own the storage now). */
  let paused = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function changed(): void {
    $pending.set(queue.length);
    $pendingIds.set(ids());
    if (paused) return;
    options.save(queue);
    options.waiting?.(queue.flatMap((e) => e.ids));
  }

  function add(entry: OutboxEntry): void {
    // A server without markAllRead gets the ids it covered as one markRead.
    const next: OutboxEntry = entry.action === 'markAllRead' && !can('markAllRead') ? { action: 'markRead', ids: entry.ids } : entry;
    if (!can(next.action)) return;
    // Waiting (not being sent): reads collapse into one call, a mark-all takes the reads before it along.
    const waiting = sending ? queue.slice(1) : queue;
    const last = waiting.at(-1);
    if (next.action === 'markAllRead') {
      const carried = waiting.filter((e) => e.action === 'markRead').flatMap((e) => e.ids);
      queue = [...(sending ? queue.slice(0, 1) : []), ...waiting.filter((e) => e.action !== 'markRead'), { ...next, ids: [...new Set([...carried, ...next.ids])] }];
    } else if (next.action === 'markRead' && last?.action === 'markRead') {
      last.ids = [...new Set([...last.ids, ...next.ids])];
    } else {
      queue.push(next);
    }
    changed();
    flush();
  }

  async function send(entry: OutboxEntry): Promise<void> {
    if (entry.action === 'markAllRead') await actions?.markAllRead?.();
    else if (entry.action === 'markRead') await actions?.markRead?.(entry.ids);
    else await actions?.archive?.(entry.ids);
  }

  function flush(): void {
    if (paused || sending || timer !== undefined) return;
    const entry = queue[0];
    if (!entry) return;
    sending = true;
    send(entry).then(
      () => {
        sending = false;
        failures = 0;
        queue.shift();
        changed();
        flush();
      },
      (error: unknown) => {
        sending = false;
        // Stopped meanwhile: the change stays queued, for this store's next start or the next page.
        if (paused) return;
        const status = statusOf(error);
        if (refused(status)) {
          queue.shift();
          options.undo(entry);
          options.report(new NotifError('action-failed', `the server refused ${entry.action} (${status}); undone here`, { status, raw: entry.ids, cause: error }));
          changed();
          flush();
          return;
        }
        // Kept: retried after a backoff, or as soon as the connection or the network is back.
        const delay = Math.max(retryHintOf(error) ?? 0, fullJitterDelay(++failures));
        timer = setTimeout(() => {
          timer = undefined;
          flush();
        }, delay);
      },
    );
  }

  /** The connection or the network is back: what waits goes now, not after its backoff. */
  function retryNow(): void {
    clearTimeout(timer);
    timer = undefined;
    failures = 0;
    flush();
  }

  return {
    $pending: $pending as ReadableAtom<number>,
    /** The ids whose change waits for the server, for a view to mark them. */
    $pendingIds: $pendingIds as ReadableAtom<ReadonlySet<string>>,
    add,
    /** What waits in another tab: shown as waiting here too (that tab sends it). */
    waitingElsewhere(waiting: string[]): void {
      elsewhere = waiting;
      $pendingIds.set(ids());
    },
    /** The store stopped: no more calls, no more writes; what waits stays persisted as it was. */
    pause(): void {
      paused = true;
      clearTimeout(timer);
      timer = undefined;
    },
    /** The store started again: what waits here is this page's and goes now. */
    resume(): void {
      if (!paused) return;
      paused = false;
      changed();
      retryNow();
    },
    retryNow,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
