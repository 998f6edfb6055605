import type { Notification } from '../model/types.js';
import type { Command } from '../wire/decode.js';

/** One held notification. */
export interface Entry {
  notification: Notification;
  /** Arrival order, the tie-breaker between equal timestamps. */
  order: number;
}

/** How a queued command arrived: bit flags, kept beside the queue rather than in an object per message. */
export const SILENT = 1;
/** Live messages skip ids the store already let go of (evicted, removed). */
export const LIVE = 2;

/** A flag the person sets on a notification; read and archived ones are remembered across snapshots. */
export type Mark = 'read' | 'seen' | 'archived';

/** What one publish changed, for the projection and for announcing arrivals. */
export interface Published {
  /** The entries this publish added, in arrival order, and whether each came silently. */
  added: Entry[];
  silent: boolean[];
  /**
   * The added entries, newest first, when they all went on top (all newer than what was
   * held) or at the bottom (all older) and nothing else changed: the projection can then
   * join them onto what it published last instead of rebuilding.
   */
  appended?: { entries: Entry[]; where: 'top' | 'bottom' };
}

export interface CollectionOptions {
  maxItems: number;
  /** Ids marked read and archived, kept beyond the items (a replay must not undo a read). */
  marked: { read: Set<string>; archived: Set<string> };
  /** Called for each id newly marked read or archived. */
  remember(flag: 'read' | 'archived', id: string): void;
  /** The server cannot resume the client: the store fetches again. */
  resync(reason: string | undefined): void;
}

/** Ids remembered after their notification left the store, so a replay cannot resurrect it. */
const RECENT_IDS = 5000;

export function newestFirst(a: Entry, b: Entry): number {
  return b.notification.createdAt - a.notification.createdAt || b.order - a.order;
}

function mergeNewest(a: Entry[], b: Entry[]): Entry[] {
  if (!a.length) return b;
  const out: Entry[] = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const left = a[i] as Entry;
    const right = b[j] as Entry;
    out[k++] = newestFirst(left, right) <= 0 ? (i++, left) : (j++, right);
  }
  while (i < a.length) out[k++] = a[i++] as Entry;
  while (j < b.length) out[k++] = b[j++] as Entry;
  return out;
}

/**
 * The notifications the store holds: deduped by id, ordered newest first,
 * capped at `maxItems` (archived go first, then read, then unread, oldest
 * first within each). Commands are staged one by one and published together,
 * so a burst can be staged in slices of a few milliseconds and re-rendered far
 * less often.
 */
export function createCollection(options: CollectionOptions) {
  const { maxItems, marked } = options;
  const entries = new Map<string, Entry>();
  let sorted: Entry[] = [];
  let arrivals = 0;

  // A ring of the last RECENT_IDS ids let go of (a Set for lookups, an array for age).
  const recent = new Set<string>();
  const recentOrder: string[] = [];
  let recentHead = 0;
  const letGo = (id: string): void => {
    if (recent.has(id)) return;
    recent.add(id);
    recentOrder.push(id);
    if (recent.size > RECENT_IDS) recent.delete(recentOrder[recentHead++] as string);
    if (recentHead > RECENT_IDS) {
      recentOrder.splice(0, recentHead);
      recentHead = 0;
    }
  };

  let staged: Entry[] = [];
  let stagedSilent: boolean[] = [];
  let stagedRemoval = false;
  let stagedChange = false;
  let stagedReorder = false;

  function withMarks(notification: Notification): Notification {
    const read = notification.read || marked.read.has(notification.id);
    const archived = notification.archived || marked.archived.has(notification.id);
    return read === notification.read && archived === notification.archived ? notification : { ...notification, read, archived };
  }

  function upsert(incoming: Notification, flags: number): void {
    const existing = entries.get(incoming.id);
    if (existing) {
      // A repeat is an update: the server's fields win, local read/archive state is kept.
      const previous = existing.notification;
      // A new time moves it: kept where it was, it would break the newest-first order.
      if (incoming.createdAt !== previous.createdAt) stagedReorder = true;
      existing.notification = {
        ...incoming,
        read: previous.read || incoming.read,
        seen: previous.seen || incoming.seen,
        archived: previous.archived || incoming.archived,
      };
      stagedChange = true;
      return;
    }
    if (flags & LIVE && recent.has(incoming.id)) return;
    const entry: Entry = { notification: withMarks(incoming), order: arrivals++ };
    entries.set(incoming.id, entry);
    staged.push(entry);
    stagedSilent.push((flags & SILENT) !== 0);
  }

  function drop(ids: string[]): void {
    for (const id of ids) {
      letGo(id);
      if (entries.delete(id)) stagedRemoval = true;
    }
  }

  /** Sets `flag` on each id held (and remembers read and archived ones); returns the ids it changed. */
  function mark(ids: readonly string[], flag: Mark): string[] {
    const touched: string[] = [];
    for (const id of ids) {
      if (flag !== 'seen') options.remember(flag, id);
      const entry = entries.get(id);
      if (!entry || entry.notification[flag]) continue;
      entry.notification = { ...entry.notification, [flag]: true };
      touched.push(id);
    }
    return touched;
  }

  /** Clears `flag` on each id held (a change the server refused); returns the ids it changed. */
  function unmark(ids: readonly string[], flag: 'read' | 'archived'): string[] {
    const touched: string[] = [];
    for (const id of ids) {
      const entry = entries.get(id);
      if (!entry?.notification[flag]) continue;
      entry.notification = { ...entry.notification, [flag]: false };
      touched.push(id);
    }
    return touched;
  }

  // Over the cap: archived go first, then read, then unread, oldest first within each.
  /** Returns whether any entry was dropped. */
  function evict(): boolean {
    let excess = sorted.length - maxItems;
    if (excess <= 0) return false;
    const doomed = new Set<Entry>();
    const passes: ((n: Notification) => boolean)[] = [(n) => n.archived, (n) => n.read, () => true];
    for (const pass of passes) {
      for (let i = sorted.length - 1; i >= 0 && excess > 0; i--) {
        const entry = sorted[i];
        if (entry && !doomed.has(entry) && pass(entry.notification)) {
          doomed.add(entry);
          excess--;
        }
      }
    }
    for (const entry of doomed) {
      entries.delete(entry.notification.id);
      letGo(entry.notification.id);
    }
    sorted = sorted.filter((entry) => !doomed.has(entry));
    return true;
  }

  return {
    /** Everything held, newest first. */
    get sorted(): readonly Entry[] {
      return sorted;
    },
    /** Whether `entry` is still the one held for its id (not evicted, removed or replaced). */
    holds: (entry: Entry): boolean => entries.get(entry.notification.id) === entry,
    get staged(): number {
      return staged.length;
    },
    mark,
    unmark,

    stage: (command: Command, flags: number): void => {
      switch (command.type) {
        case 'notification':
          upsert(command.notification, flags);
          break;
        case 'read':
          mark(command.ids, 'read');
          stagedChange = true;
          break;
        case 'remove':
          drop(command.ids);
          break;
        case 'resync':
          options.resync(command.reason);
          break;
        case 'snapshot': {
          const keep = new Set(command.items.map((n) => n.id));
          drop([...entries.keys()].filter((id) => !keep.has(id)));
          for (const notification of command.items) upsert(notification, SILENT);
          break;
        }
      }
    },

    /** Merges what was staged into the order; `undefined` when nothing was staged. */
    publish: (): Published | undefined => {
      if (!staged.length && !stagedRemoval && !stagedChange) return undefined;
      const added = staged;
      const silent = stagedSilent;
      const removed = stagedRemoval;
      const changed = stagedChange;
      staged = [];
      stagedSilent = [];
      stagedRemoval = false;
      stagedChange = false;
      if (stagedReorder) {
        stagedReorder = false;
        sorted.sort(newestFirst);
      }
      const alive = (entry: Entry): boolean => entries.get(entry.notification.id) === entry;
      if (removed) sorted = sorted.filter(alive);
      const fresh = removed ? added.filter(alive) : added.slice();
      fresh.sort(newestFirst);
      // The usual cases: all that arrived is newer than what was there (live), or all older
      // (history, a bulk load): it goes on top or at the bottom as it is.
      const first = fresh[0];
      const last = fresh[fresh.length - 1];
      const where: 'top' | 'bottom' | undefined =
        !first || !last ? undefined
        : !sorted.length || newestFirst(last, sorted[0] as Entry) < 0 ? 'top'
        : newestFirst(sorted[sorted.length - 1] as Entry, first) < 0 ? 'bottom'
        : undefined;
      if (where === 'top') sorted = fresh.concat(sorted);
      else if (where === 'bottom') sorted = sorted.concat(fresh);
      else if (fresh.length) sorted = mergeNewest(sorted, fresh);
      const evicted = evict();
      const appended = where && !removed && !changed && !evicted ? { entries: fresh, where } : undefined;
      return { added, silent, ...(appended && { appended }) };
    },
  };
}

export type Collection = ReturnType<typeof createCollection>;
