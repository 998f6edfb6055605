import { persistentJSON } from '@nanostores/persistent';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { NotifError } from '../model/errors.js';
import type { Channel, ServerActions } from '../model/types.js';
import { sanitizeChoices, type PreferenceChoices } from '../preferences.js';
import type { OutboxEntry } from './outbox.js';

const ACTIONS: readonly (keyof ServerActions)[] = ['markRead', 'markAllRead', 'archive'];

interface PersistedState {
  read: string[];
  archived: string[];
}

/** Storage is user-editable: keep only lists of string ids. */
function sanitizeState(value: unknown): PersistedState {
  const list = (field: unknown): string[] =>
    Array.isArray(field) ? field.filter((id): id is string => typeof id === 'string') : [];
  if (typeof value !== 'object' || value === null) return { read: [], archived: [] };
  const record = value as Record<string, unknown>;
  return { read: list(record.read), archived: list(record.archived) };
}

function storedAtom<T>(key: string | undefined, initial: T): WritableAtom<T> {
  return key === undefined ? atom(initial) : persistentJSON<T>(key, initial);
}

/** Adds `id` as the newest member, dropping the oldest past `limit` so the set stays bounded. */
function addBounded(set: Set<string>, id: string, limit: number): void {
  set.delete(id);
  set.add(id);
  if (set.size > limit) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}

/** Reads a JSON value stored under `key`, or `undefined` (missing, unreadable, or no storage). */
function readJson(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

const CACHE_SAVE_MS = 1000;

/**
 * The outbox's key: one per tab (its id in sessionStorage, which a reload keeps), so
 * two tabs on one `storageKey` never write over each other's waiting changes.
 */
function outboxKey(storageKey: string): string {
  try {
    let tab = sessionStorage.getItem(`${storageKey}:tab`);
    if (!tab) {
      tab = Math.random().toString(36).slice(2, 10);
      sessionStorage.setItem(`${storageKey}:tab`, tab);
    }
    return `${storageKey}:outbox:${tab}`;
  } catch {
    return `${storageKey}:outbox`;
  }
}

/**
 * What the person did that must outlive the items: the ids they read or
 * archived (at most `limit` of each, newest kept), their preference choices,
 * the changes the server has not confirmed (the outbox) and the last items, so
 * a reload shows the feed at once, offline too. With a `storageKey` they live in
 * localStorage (`<key>:state`, `:preferences`, `:outbox:<tab>`, `:items`) and follow
 * other tabs' changes; without one, in memory. Storage that is full or disabled
 * is reported once, and the store goes on in memory.
 */
export function createPersistence(storageKey: string | undefined, limit: number, report: (error: NotifError) => void) {
  let failed = false;
  /** Runs a write; a storage that refuses it is reported the first time only. */
  const guard = (write: () => void): void => {
    try {
      write();
    } catch (cause) {
      if (failed) return;
      failed = true;
      report(new NotifError('storage', 'the browser refused to store notification state (full or disabled); it is kept in memory', { cause }));
    }
  };
  const $choices = storedAtom<PreferenceChoices>(storageKey && `${storageKey}:preferences`, {});
  const $state = storedAtom<PersistedState>(storageKey && `${storageKey}:state`, { read: [], archived: [] });
  const initial = sanitizeState($state.get());
  const marked = { read: new Set(initial.read.slice(-limit)), archived: new Set(initial.archived.slice(-limit)) };
  let dirty = false;
  let cacheTimer: ReturnType<typeof setTimeout> | undefined;
  const outboxAt = storageKey && outboxKey(storageKey);

  return {
    $choices: $choices as ReadableAtom<PreferenceChoices>,
    marked,
    setChoice: (topic: string, channel: Channel, enabled: boolean): void => {
      const choices = sanitizeChoices($choices.get());
      guard(() => $choices.set({ ...choices, [topic]: { ...choices[topic], [channel]: enabled } }));
    },
    remember: (flag: 'read' | 'archived', id: string): void => {
      addBounded(marked[flag], id, limit);
      dirty = storageKey !== undefined;
    },
    /** A refused change: the ids are no longer read (or archived) here. */
    forget: (flag: 'read' | 'archived', ids: readonly string[]): void => {
      for (const id of ids) marked[flag].delete(id);
      dirty = storageKey !== undefined;
    },
    /** Writes what changed since the last save. */
    save: (): void => {
      if (!dirty) return;
      dirty = false;
      guard(() => $state.set({ read: [...marked.read], archived: [...marked.archived] }));
    },
    /** Another tab marked something read or archived: `apply` gets what is new to this one. */
    follow: (apply: (read: string[], archived: string[]) => void): (() => void) => {
      return $state.listen((value) => {
        const state = sanitizeState(value);
        const read = state.read.filter((id) => !marked.read.has(id));
        const archived = state.archived.filter((id) => !marked.archived.has(id));
        if (read.length || archived.length) apply(read, archived);
      });
    },
    /** The outbox as the page left it (checked: storage is user-editable). */
    outbox: (): OutboxEntry[] => {
      const value = outboxAt && readJson(outboxAt);
      if (!Array.isArray(value)) return [];
      return value.filter(
        (e): e is OutboxEntry =>
          typeof e === 'object' && e !== null && ACTIONS.includes((e as OutboxEntry).action) && Array.isArray((e as OutboxEntry).ids) && (e as OutboxEntry).ids.every((id) => typeof id === 'string'),
      );
    },
    saveOutbox: (entries: readonly OutboxEntry[]): void => {
      if (outboxAt) guard(() => localStorage.setItem(outboxAt, JSON.stringify(entries)));
    },
    /** The items the page held last, for the feed to show before the server answers. */
    cachedItems: (): unknown[] => {
      const value = storageKey && readJson(`${storageKey}:items`);
      return Array.isArray(value) ? value : [];
    },
    /** Keeps the items for the next load: at most once a second, and at once when the page is left. */
    cacheItems: (items: () => readonly unknown[]): void => {
      if (!storageKey || cacheTimer !== undefined) return;
      const write = (): void => {
        clearTimeout(cacheTimer);
        cacheTimer = undefined;
        if (typeof window !== 'undefined') window.removeEventListener('pagehide', write);
        guard(() => localStorage.setItem(`${storageKey}:items`, JSON.stringify(items())));
      };
      cacheTimer = setTimeout(write, CACHE_SAVE_MS);
      if (typeof window !== 'undefined') window.addEventListener('pagehide', write);
    },
  };
}

export type Persistence = ReturnType<typeof createPersistence>;
