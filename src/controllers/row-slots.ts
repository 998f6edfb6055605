import type { LaidOutRow, RowKind } from './row-heights.js';

type Free = Record<RowKind, number[]>;

/**
 * Which element shows which row. A row that stays in view keeps its element, in place:
 * focus and a screen reader's place stay with the notification. A row coming into view
 * takes the element of a row of its kind that left. Scrolling then rewrites a few texts
 * instead of building, styling and collecting a new element for every row, every frame.
 *
 * A slot is a key for Lit's `repeat`: the same slot, the same element. Which element a
 * row takes is chosen so that `repeat` never moves a row that stays (moving a node drops
 * its focus): one that left on the same side, in screen order (updated where it is), else
 * one from the other side in reverse order, which `repeat` moves across as its old head
 * becoming the new tail (or its old tail the new head).
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
    // Rows that left, above the rows that stay and below them (all "above" when none stays).
    const above: Free = { day: [], item: [] };
    const below: Free = { day: [], item: [] };
    let side = above;
    for (const [key, slot] of this.#slotOf) {
      if (inView.has(key)) side = below;
      else if (key !== keep) side[this.#kindOf.get(slot) ?? 'item'].push(slot);
    }
    const slotOf = new Map<string, number>();
    const kindOf = new Map<number, RowKind>();
    let entering = above;
    const slots = rows.map(({ key, kind }) => {
      let slot = this.#slotOf.get(key);
      if (slot === undefined) {
        const other = entering === above ? below : above;
        slot = entering[kind].shift() ?? other[kind].pop() ?? this.#next++;
      } else {
        entering = below;
      }
      slotOf.set(key, slot);
      kindOf.set(slot, kind);
      return slot;
    });
    // Slots of rows that left and were not taken are forgotten: their elements are removed.
    this.#slotOf = slotOf;
    this.#kindOf = kindOf;
    return slots;
  }
}
