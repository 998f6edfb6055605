/** The kinds of row the feed lays out; a row not measured yet is estimated from its kind. */
export type RowKind = 'day' | 'item';

/** Until one of a kind has been measured (CSS px at the default font size). */
const FIRST_GUESS: Record<RowKind, number> = { day: 34, item: 76 };

/**
 * Where each row of a long list sits: the measured height of every row that has been
 * rendered, the mean measured height of its kind for the rest, added up into offsets.
 * Plain numbers, no DOM: 100,000 rows cost two Float64Arrays and a binary search.
 */
export class RowHeights {
  /** Heights by row key, kept across re-layouts (a new notification shifts every index). */
  #byKey = new Map<string, number>();
  #totals: Record<RowKind, { sum: number; count: number }> = {
    day: { sum: 0, count: 0 },
    item: { sum: 0, count: 0 },
  };
  #keys: readonly string[] = [];
  #kinds: readonly RowKind[] = [];
  /** Measured height per index, NaN where not measured. */
  #heights = new Float64Array(0);
  #offsets = new Float64Array(1);

  /** Lays out these rows, in order. */
  setRows(keys: readonly string[], kinds: readonly RowKind[]): void {
    this.#keys = keys;
    this.#kinds = kinds;
    // Heights of rows long gone (evicted, filtered out) are dropped once they outnumber the
    // living; what they added to their kind's mean stays, as a fair sample of that kind.
    if (this.#byKey.size > 2 * keys.length + 1000) {
      const living = new Set(keys);
      for (const key of this.#byKey.keys()) if (!living.has(key)) this.#byKey.delete(key);
    }
    this.#heights = new Float64Array(keys.length);
    for (let i = 0; i < keys.length; i++) this.#heights[i] = this.#byKey.get(keys[i] as string) ?? Number.NaN;
    this.#offsets = new Float64Array(keys.length + 1);
    this.update();
  }

  /** Records the height of rendered row `index`; true when that changes the layout (then call `update()`). */
  measure(index: number, height: number): boolean {
    const key = this.#keys[index];
    const kind = this.#kinds[index];
    if (key === undefined || kind === undefined) return false;
    const previous = this.#byKey.get(key);
    this.#heights[index] = height;
    if (previous === height) return false;
    const totals = this.#totals[kind];
    totals.sum += height - (previous ?? 0);
    if (previous === undefined) totals.count++;
    this.#byKey.set(key, height);
    return true;
  }

  /** Recomputes the offsets after `measure()`. */
  update(): void {
    const estimate = { day: this.#estimate('day'), item: this.#estimate('item') };
    const heights = this.#heights;
    const offsets = this.#offsets;
    let y = 0;
    for (let i = 0; i < heights.length; i++) {
      offsets[i] = y;
      const height = heights[i] as number;
      y += Number.isNaN(height) ? estimate[this.#kinds[i] as RowKind] : height;
    }
    offsets[heights.length] = y;
  }

  /** Where row `index` starts; `offsetOf(count)` is the height of the whole list. */
  offsetOf(index: number): number {
    return this.#offsets[Math.max(0, Math.min(index, this.#keys.length))] as number;
  }

  get total(): number {
    return this.offsetOf(this.#keys.length);
  }

  /** The row at `y` (clamped to the list). */
  indexAt(y: number): number {
    let low = 0;
    let high = this.#keys.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#offsets[middle] as number) <= y) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  #estimate(kind: RowKind): number {
    const { sum, count } = this.#totals[kind];
    return count ? sum / count : FIRST_GUESS[kind];
  }
}
