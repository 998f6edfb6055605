import { persistentJSON } from '@nanostores/persistent';
import { atom, type WritableAtom } from 'nanostores';
import type { PreferenceChoices } from '../preferences.js';

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

/**
 * What the person did that must outlive the items: the ids they read or
 * archived (at most `limit` of each, newest kept) and their preference
 * choices. With a `storageKey` both live in localStorage (`<key>:state`,
 * `<key>:preferences`) and follow other tabs' changes; without one, in memory.
 */
export function createPersistence(storageKey: string | undefined, limit: number) {
  const $choices = storedAtom<PreferenceChoices>(storageKey && `${storageKey}:preferences`, {});
  const $state = storedAtom<PersistedState>(storageKey && `${storageKey}:state`, { read: [], archived: [] });
  const initial = sanitizeState($state.get());
  const marked = { read: new Set(initial.read.slice(-limit)), archived: new Set(initial.archived.slice(-limit)) };
  let dirty = false;

  return {
    $choices,
    marked,
    remember: (flag: 'read' | 'archived', id: string): void => {
      addBounded(marked[flag], id, limit);
      dirty = storageKey !== undefined;
    },
    /** Writes what changed since the last save. */
    save: (): void => {
      if (!dirty) return;
      dirty = false;
      $state.set({ read: [...marked.read], archived: [...marked.archived] });
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
  };
}

export type Persistence = ReturnType<typeof createPersistence>;
