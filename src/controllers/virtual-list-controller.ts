import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RowHeights, type LaidOutRow } from './row-heights.js';
import { RowSlots } from './row-slots.js';

/** Rows rendered beyond each edge of the viewport, so a fast scroll or Tab finds them there. */
const OVERSCAN_ROWS = 4;
/** The list's height before it has been measured (px). */
const FIRST_VIEWPORT = 420;

export interface VirtualListOptions {
  /** The scrolling element (with a `.spacer` before and after the rendered rows, each row `[data-row][data-key]`). */
  list(): HTMLElement | null;
  /** After each update, the index of the last row rendered (to ask for more before the end). */
  rendered?(last: number): void;
}

/**
 * A long list with only the rows in view in the DOM: where every row sits
 * (heights learnt as rows render, by key), which rows to render for the scroll
 * position, which element shows which row (a row that stays keeps its element),
 * and two spacers that hold the place of the rest. The host renders the rows
 * `window()` names, keyed by `slots()`, and calls `onScroll` from the list.
 */
export class VirtualListController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: VirtualListOptions;
  readonly #heights = new RowHeights();
  readonly #slots = new RowSlots();
  #rows: readonly LaidOutRow[] = [];
  #scrollTop = 0;
  /** The rows in the DOM: first and last index. */
  #rendered: [number, number] = [0, -1];
  /** `#scrollTop` was changed here (not by scrolling) and must be written to the list. */
  #scrollMoved = false;
  #viewport = 0;
  // Rows report their own height when it changes (rendered, wrapped, restyled): no layout is read by hand.
  readonly #resizes = new ResizeObserver((entries) => this.#onResize(entries));
  /** Observed elements and the row each showed when it was observed. */
  readonly #observed = new Map<Element, string | undefined>();

  constructor(host: ReactiveControllerHost, options: VirtualListOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /**
   * Lays out these rows, in order. With `kept`, `kept.count` rows from `kept.at` are the
   * previous rows from `kept.from` (rows added on top or at the bottom): their heights carry over.
   */
  setRows(rows: readonly LaidOutRow[], kept?: { at: number; from: number; count: number }): void {
    this.#rows = rows;
    this.#heights.setRows(rows, kept);
  }

  /** The rows to render now (those in view and a few beyond each edge), as first and last index. */
  window(): [number, number] {
    if (!this.#rows.length) return (this.#rendered = [0, -1]);
    const viewport = this.#viewport || FIRST_VIEWPORT;
    const first = Math.max(0, this.#heights.indexAt(this.#scrollTop) - OVERSCAN_ROWS);
    const last = Math.min(this.#rows.length - 1, this.#heights.indexAt(this.#scrollTop + viewport) + OVERSCAN_ROWS);
    return (this.#rendered = [first, last]);
  }

  /** A `repeat` key per row of the window; the element of row `focused` is never handed to another row. */
  slots(rows: readonly LaidOutRow[], focused?: string): number[] {
    return this.#slots.assign(rows, focused);
  }

  /** Scrolls only as far as needed to show the whole row, as scrollIntoView({ block: 'nearest' }) would. */
  reveal(index: number): void {
    const top = this.#heights.offsetOf(index);
    const bottom = this.#heights.offsetOf(index + 1);
    const viewport = this.#viewport || FIRST_VIEWPORT;
    if (top < this.#scrollTop) this.#scrollTop = top;
    else if (bottom > this.#scrollTop + viewport) this.#scrollTop = bottom - viewport;
    this.#scrollMoved = true;
    this.#host.requestUpdate();
  }

  readonly onScroll = (event: Event): void => {
    this.#scrollTop = (event.currentTarget as HTMLElement).scrollTop;
    this.#host.requestUpdate();
  };

  hostUpdated(): void {
    const list = this.#options.list();
    if (list) {
      this.#place(list);
      this.#options.rendered?.(this.#rendered[1]);
    }
    this.#observe(list);
  }

  hostDisconnected(): void {
    this.#resizes.disconnect();
    this.#observed.clear();
  }

  /** Sizes the spacers around the rendered rows, and scrolls where the list moved to. */
  #place(list: HTMLElement): void {
    // Set through CSSOM, which a strict CSP allows (a style attribute it would not).
    const [first, last] = this.#rendered;
    const [above, below] = list.querySelectorAll<HTMLElement>('.spacer');
    if (above) above.style.blockSize = `${this.#heights.offsetOf(first)}px`;
    if (below) below.style.blockSize = `${this.#heights.total - this.#heights.offsetOf(last + 1)}px`;
    // Written only when moved here (reading scrollTop would force a layout every update).
    if (this.#scrollMoved) {
      this.#scrollMoved = false;
      list.scrollTop = this.#scrollTop;
      this.#scrollTop = list.scrollTop; // the browser clamps it to the list
    }
  }

  #observe(list: HTMLElement | null): void {
    for (const element of this.#observed.keys()) {
      if (element.isConnected) continue;
      this.#resizes.unobserve(element);
      this.#observed.delete(element);
    }
    if (!list) return;
    for (const element of [list, ...list.querySelectorAll<HTMLElement>('[data-row]')]) {
      const key = element.dataset.key;
      if (this.#observed.has(element) && this.#observed.get(element) === key) continue;
      // An element now showing another row is observed afresh, which reports its height
      // once: the same height as its last row's would not be reported otherwise.
      this.#resizes.unobserve(element);
      this.#resizes.observe(element);
      this.#observed.set(element, key);
    }
  }

  #onResize(entries: ResizeObserverEntry[]): void {
    const list = this.#options.list();
    if (!list) return;
    // What is at the top of the viewport stays there while rows above it get their real heights.
    const anchorRow = this.#heights.indexAt(this.#scrollTop);
    const anchor = this.#heights.offsetOf(anchorRow);
    let changed = false;
    for (const entry of entries) {
      const element = entry.target as HTMLElement;
      if (element === list) {
        changed = this.#viewport !== entry.contentRect.height || changed;
        this.#viewport = entry.contentRect.height;
        continue;
      }
      const index = Number(element.dataset.row);
      const height = entry.borderBoxSize[0]?.blockSize ?? element.offsetHeight;
      if (element.isConnected && this.#rows[index]?.key === element.dataset.key) {
        changed = this.#heights.measure(index, height) || changed;
      }
    }
    if (!changed) return;
    this.#heights.update();
    const shift = this.#heights.offsetOf(anchorRow) - anchor;
    if (shift) {
      this.#scrollTop = Math.max(0, this.#scrollTop + shift);
      this.#scrollMoved = true;
    }
    // Usually the same rows stay in view and only the spacers change: no re-render for that.
    const [first, last] = this.#rendered;
    const [nextFirst, nextLast] = this.#peek();
    if (first === nextFirst && last === nextLast) this.#place(list);
    else this.#host.requestUpdate();
  }

  /** The window as it would be now, without taking it as rendered. */
  #peek(): [number, number] {
    const rendered = this.#rendered;
    const next = this.window();
    this.#rendered = rendered;
    return next;
  }
}
