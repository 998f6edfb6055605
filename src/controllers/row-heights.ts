/** The kinds of row the feed lays out; a row not measured yet is estimated from its kind. */
export type RowKind = 'day' | 'item';

/** What a row is to the layout: its key (heights are kept by key) and its kind. */
export interface LaidOutRow {
  readonly key: string;
  readonly kind: RowKind;
}

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
  #rows: readonly LaidOutRow[] = [];
  /** Measured height per index, NaN where not measured. */
  #heights = new Float64Array(0);
  #offsets = new Float64Array(1);

  /**
   * Lays out these rows, in order. With `kept`, `kept.count` rows from `kept.at` are the
   * previous rows from `kept.from`, in the same order (notifications added on top or at
   * the bottom): their heights are copied over instead of looked up one by one.
   */
  setRows(rows: readonly LaidOutRow[], kept?: { at: number; from: number; count: number }): void {
    const previous = this.#heights;
    this.#rows = rows;
    // Heights of rows long gone (evicted, filtered out) are dropped once they outnumber the
    // living; what they added to their kind's mean stays, as a fair sample of that kind.
    if (this.#byKey.size > 2 * rows.length + 1000) {
      const living = new Set(rows.map((row) => row.key));
      for (const key of this.#byKey.keys()) if (!living.has(key)) this.#byKey.delete(key);
    }
    this.#heights = new Float64Array(rows.length);
    const { at, from, count } = kept ?? { at: rows.length, from: 0, count: 0 };
    const lookUp = (start: number, end: number): void => {
      for (let i = start; i < end; i++) this.#heights[i] = this.#byKey.get((rows[i] as LaidOutRow).key) ?? Number.NaN;
    };
    lookUp(0, at);
    this.#heights.set(previous.subarray(from, from + count), at);
    lookUp(at + count, rows.length);
    this.#offsets = new Float64Array(rows.length + 1);
    this.update();
  }

  /** Records the height of rendered row `index`; true when that changes the layout (then call `update()`). */
  measure(index: number, height: number): boolean {
    const row = this.#rows[index];
    if (row === undefined) return false;
    const { key, kind } = row;
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
    const day = this.#estimate('day');
    const item = this.#estimate('item');
    const rows = this.#rows;
    const heights = this.#heights;
    const offsets = this.#offsets;
    let y = 0;
    for (let i = 0; i < heights.length; i++) {
      offsets[i] = y;
      const height = heights[i] as number;
      y += Number.isNaN(height) ? ((rows[i] as LaidOutRow).kind === 'day' ? day : item) : height;
    }
    offsets[heights.length] = y;
  }

  /** Where row `index` starts; `offsetOf(count)` is the height of the whole list. */
  offsetOf(index: number): number {
    return this.#offsets[Math.max(0, Math.min(index, this.#rows.length))] as number;
  }

  get total(): number {
    return this.offsetOf(this.#rows.length);
  }

  /** The row at `y` (clamped to the list). */
  indexAt(y: number): number {
    let low = 0;
    let high = this.#rows.length - 1;
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
