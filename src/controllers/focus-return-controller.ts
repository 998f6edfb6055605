import type { ReactiveController, ReactiveControllerHost } from 'lit';


/**
 * Gives focus back when what held it goes away: a toast that closed under the
 * keyboard, a panel closed with Escape. Focus never moves on its own; only
 * focus that would otherwise be lost to the body goes back where it came from.
 */
export class FocusReturnController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #fallback: () => HTMLElement | null | undefined;
  /** Where focus was before it entered the region. */
  #origin: HTMLElement | undefined;
  /** Focus is inside the region (a removed element does not always say it lost it). */
  #inside = false;

  /** `fallback` takes focus when there is no origin to go back to (the bell's own button). */
  constructor(host: ReactiveControllerHost & HTMLElement, fallback: () => HTMLElement | null | undefined = () => undefined) {
    this.#host = host;
    this.#fallback = fallback;
    host.addController(this);
  }

  /** Whether focus is inside the region. */
  get inside(): boolean {
    return this.#inside;
  }

  /** From the region's `focusin`: remembers where focus came from. */
  readonly entered = (event: FocusEvent): void => {
    this.#inside = true;
    const from = event.relatedTarget;
    const region = event.currentTarget as Node;
    if (from instanceof HTMLElement && !region.contains(from)) this.#origin = from;
  };

  /** From the region's `focusout`: focus moved on to `relatedTarget`; outside the region it is no longer ours. */
  readonly left = (event: FocusEvent): void => {
    const to = event.relatedTarget;
    if (!(to instanceof Node && (event.currentTarget as Node).contains(to))) this.#inside = false;
  };

  /** Puts focus back where it came from (else on the fallback) if it was in the region, or `force`d, and is now lost. */
  restore(force = false): void {
    const was = this.#inside || force;
    this.#inside = false;
    // Lost: on the body, nowhere, or left on the host (inside a panel that closed).
    const active = document.activeElement;
    const lost = !active || active === document.body || active === this.#host;
    if (!was || !lost) return;
    const target = this.#origin?.isConnected ? this.#origin : this.#fallback();
    target?.focus();
  }

  hostDisconnected(): void {
    this.#inside = false;
  }
}
