import type { LaidOutRow, RowKind } from './row-heights.js';

/**
 * Which element shows which row. A row that stays in view keeps its element (focus and
 * the screen reader's place stay with the notification); a row coming into view takes the
 * element of a row of its kind that left. Scrolling then rewrites a few texts instead of
 * building, styling and collecting a new element for every row, every frame.
 *
 * A slot is a key for Lit's `repeat`: the same slot, the same element.
 */
export class RowSlots {
  /** Slot per row key, in the order last rendered. */
  #slotOf = new Map<string, number>();
  /** Kind of row each slot's element shows (its template). */
  #kindOf = new Map<number, RowKind>();
  #next = 0;

  /**
   * A slot for each of `rows`, in order. The element of row `keep` (the focused one) is
   * never handed to another row: if that row leaves, its element leaves with it.
   */
  assign(rows: readonly LaidOutRow[], keep?: string): number[] {
    const inView = new Set(rows.map((row) => row.key));
    // Taken in the order they were on screen, so a row entering where another left takes its
    // element without moving it: a jump of a whole window reorders nothing.
    const free: Record<RowKind, number[]> = { day: [], item: [] };
    for (const [key, slot] of this.#slotOf) {
      if (!inView.has(key) && key !== keep) free[this.#kindOf.get(slot) ?? 'item'].push(slot);
    }
    const taken: Record<RowKind, number> = { day: 0, item: 0 };
    // Slots of rows that left and were not taken are forgotten: their elements are removed.
    const slotOf = new Map<string, number>();
    const kindOf = new Map<number, RowKind>();
    const slots = rows.map(({ key, kind }) => {
      const slot = this.#slotOf.get(key) ?? free[kind][taken[kind]++] ?? this.#next++;
      slotOf.set(key, slot);
      kindOf.set(slot, kind);
      return slot;
    });
    this.#slotOf = slotOf;
    this.#kindOf = kindOf;
    return slots;
  }
}
