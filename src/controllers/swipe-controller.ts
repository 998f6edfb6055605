import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A horizontal touch drag wider than this share of the element dismisses it. */
const SWIPE_THRESHOLD = 0.3;
/** A drag shorter than this (px) is still a tap. */
const TAP_SLOP = 8;

/**
 * A horizontal touch swipe that dismisses: the element follows the finger
 * (`offset`), and past 30% of its width `onSwiped` runs. The click that ends a
 * drag is not a click: `consumeSwipe()` says so, once. The host binds the
 * pointer handlers on the element that moves and writes `offset` to it.
 */
export class SwipeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onSwiped: () => void;
  #drag: { pointerId: number; startX: number; width: number } | undefined;
  #swiped = false;
  /** How far the drag has moved the element, in px. */
  offset = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, onSwiped: () => void) {
    this.#host = host;
    this.#onSwiped = onSwiped;
    host.addController(this);
  }

  get dragging(): boolean {
    return this.#drag !== undefined;
  }

  /** True (once) when the click that follows a swipe must be ignored. */
  consumeSwipe(): boolean {
    const swiped = this.#swiped;
    this.#swiped = false;
    return swiped;
  }

  readonly onPointerDown = (event: PointerEvent): void => {
    this.#swiped = false;
    if (event.pointerType !== 'touch' || !event.isPrimary) return;
    this.#drag = { pointerId: event.pointerId, startX: event.clientX, width: this.#host.getBoundingClientRect().width || 1 };
    try {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    } catch {
      // No active pointer with that id (synthetic events): the drag still works without capture.
    }
  };

  readonly onPointerMove = (event: PointerEvent): void => {
    if (this.#drag?.pointerId !== event.pointerId) return;
    this.#move(event.clientX - this.#drag.startX);
    if (Math.abs(this.offset) > TAP_SLOP) this.#swiped = true;
  };

  readonly onPointerUp = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (drag?.pointerId !== event.pointerId) return;
    this.#drag = undefined;
    this.#move(0);
    if (Math.abs(event.clientX - drag.startX) > drag.width * SWIPE_THRESHOLD) this.#onSwiped();
  };

  readonly onPointerCancel = (): void => {
    this.#drag = undefined;
    this.#move(0);
  };


  /** A toast removed mid-drag does not come back half-dragged. */
  hostDisconnected(): void {
    this.#drag = undefined;
    this.offset = 0;
  }

  #move(offset: number): void {
    this.offset = offset;
    this.#host.requestUpdate();
  }
}
