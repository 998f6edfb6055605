import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface KeepClearOptions {
  /** The fixed stack to move. */
  region(): HTMLElement | null;
  /** Whether the stack is at the top (only then can it cover what is up there). */
  atTop(): boolean;
  /** Elements the stack must never cover (every `<notif-bell>` in the page). */
  avoid: ReadonlySet<Element>;
}

/**
 * Starts a fixed stack at the top below anything in its way that it must not
 * cover: `--_clear` on the region is the lowest bottom edge of those that share
 * its columns in the top half of the viewport. Measured when the stack appears
 * (not per item: a burst must not force a layout per arrival), and on the next
 * frame after a resize or scroll while it shows.
 */
export class KeepClearController implements ReactiveController {
  readonly #options: KeepClearOptions;
  #showing = false;
  #frame: number | undefined;

  constructor(host: ReactiveControllerHost, options: KeepClearOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** After each update: whether the stack shows anything, and whether where it sits changed. */
  update(showing: boolean, moved: boolean): void {
    if (showing && (!this.#showing || moved)) this.#measure();
    this.#showing = showing;
  }

  hostConnected(): void {
    window.addEventListener('resize', this.#onViewportChange, { passive: true });
    window.addEventListener('scroll', this.#onViewportChange, { passive: true, capture: true });
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.#onViewportChange);
    window.removeEventListener('scroll', this.#onViewportChange, { capture: true });
  }

  #measure(): void {
    const region = this.#options.region();
    if (!region) return;
    let clear = 0;
    if (this.#options.atTop()) {
      const stack = region.getBoundingClientRect();
      for (const element of this.#options.avoid) {
        const box = element.getBoundingClientRect();
        const inTheWay = box.height > 0 && box.right > stack.left && box.left < stack.right && box.top < window.innerHeight / 2;
        if (inTheWay) clear = Math.max(clear, box.bottom);
      }
    }
    // CSSOM, which a strict CSP allows (a style attribute it would not).
    region.style.setProperty('--_clear', `${Math.ceil(clear)}px`);
  }

  readonly #onViewportChange = (): void => {
    if (!this.#showing || this.#frame !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#measure();
    });
  };
}
