import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { showDesktopNotifications } from '../../core/desktop.js';
import type { NotificationStore } from '../../core/store/index.js';
import { createToasts, DEFAULT_MAX_TOASTS, DEFAULT_TOAST_DURATION, type ToastEntry, type Toasts } from '../../core/toasts.js';
import { FocusReturnController } from '../../controllers/focus-return-controller.js';
import { KeepClearController } from '../../controllers/keep-clear-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import type { NotifDismissEvent } from '../../events/notif-dismiss-event.js';
import { languageOf } from '../../i18n/lang.js';
import { tokens } from '../../styles/tokens.js';
import type { NotifToast, ToastStrings } from '../notif-toast/notif-toast.js';
import { keepClear } from '../shared/keep-clear.js';
import { toasterStyles } from './notif-toaster.styles.js';

/** Where the stack sits; `start`/`end` follow the writing direction. */
export type ToasterPosition = 'top-start' | 'top-center' | 'top-end' | 'bottom-start' | 'bottom-center' | 'bottom-end';

/** Every string the toaster shows or announces. */
export interface ToasterStrings {
  /** The accessible name of the live region. */
  region: string;
  /** The summary toast's text for a burst too large for the free slots, in the element's `lang`. */
  summary: (count: number, lang: string) => string;
  /** The accessible name of each toast's dismiss button. */
  dismiss: string;
}

/**
 * The toast element's code (the rendering) is fetched while the page is idle, and at the
 * latest with the first toast, not with the toaster: until then the toaster is a policy
 * and an empty live region.
 */
let toastLoaded: Promise<unknown> | undefined;
function loadToast(): Promise<unknown> {
  toastLoaded ??= customElements.get('notif-toast') ? Promise.resolve() : import('../notif-toast/notif-toast.define.js');
  return toastLoaded;
}

/** The English defaults; `.strings` overrides any subset of them. */
export const defaultToasterStrings: Readonly<ToasterStrings> = Object.freeze({
  region: 'Notifications',
  summary: (count: number) => (count === 1 ? '1 new notification' : `${count} new notifications`),
  dismiss: 'Dismiss',
});

/**
 * The toast stack for new live notifications. It reads the store (its
 * `.store`, else the provider's) and toasts a notification only when it
 * arrives live (not a snapshot, history page or resume replay), is unread,
 * and the person allows toasts for its topic; an id is toasted at most once.
 *
 * At most `max` toasts are visible. Notifications that arrive together (one
 * store update) are counted together: when they outnumber the free slots, the
 * newest fill all but one of them and one summary toast ("48 new
 * notifications", `data-summary="48"`) takes the last; later ones add to that
 * summary. When the stack is full and has no summary, its oldest toast gives
 * up its slot (it is removed without an event: it is still in the feed).
 * An `urgent` notification always gets a toast of its own, never the summary:
 * it takes the place of the oldest other toast, or waits for a free slot when
 * every visible toast is urgent. Clicking the summary dismisses it
 * (`notif-dismiss`, reason `click`). The policy is `createToasts()` from
 * `notif-elements/core`; the toaster renders it.
 *
 * Each toast stays `duration` ms (at least 4000; 0 keeps them), all timers
 * paused while the pointer is over the stack, focus is inside it or the page
 * is hidden. The stack is one polite live region; an `urgent` toast is an
 * alert. It never moves focus to a toast; when a toast that has focus goes
 * away, focus returns to where it was before it entered the stack.
 *
 * Events come from the toasts and bubble out of the toaster as they are:
 * `notif-click` (a toast or action was activated; the toast marks it read and
 * follows its url unless prevented) and `notif-dismiss` (the toaster removes
 * the toast unless prevented). While the page is hidden, notifications the
 * person opted in to `desktop` for are also shown as OS notifications when
 * permission is already granted; the toaster never asks for permission.
 *
 * @summary Shows new live notifications as a stack of toasts in one polite live region.
 * @tag notif-toaster
 * @csspart region - The fixed stack of toasts: the live region (`role="status"`, `aria-live="polite"`).
 * @csspart toast - Each toast (a `<notif-toast>`) with `data-id`; the summary toast has `data-summary` (its count) instead.
 * @csspart icon - Each toast's icon (exported from the toast).
 * @csspart title - Each toast's title (exported from the toast).
 * @csspart body - Each toast's body (exported from the toast).
 * @csspart action - Each toast's action links and buttons (exported from the toast).
 * @csspart dismiss - Each toast's dismiss button (exported from the toast).
 * @cssprop [--notif-toast-width=360px] - Width of a toast (and of the stack).
 * @cssprop [--notif-toast-z=1000] - z-index of the stack.
 * @cssprop [--notif-toast-gap=8px] - Space between toasts.
 * @cssprop [--notif-toast-offset=16px] - Distance of the stack from the viewport edges.
 * @cssprop [--notif-toast-offset-top=var(--notif-toast-offset)] - Distance of a top stack from the top edge (e.g. the height of a fixed header). Either way a top stack starts below any `<notif-bell>` in its way.
 * @cssprop [--notif-motion-duration=180ms] - Duration of the slide-in (none under reduced motion).
 * @fires {NotifClickEvent} notif-click - Bubbles from a toast: it or one of its actions was activated. Cancelable.
 * @fires {NotifDismissEvent} notif-dismiss - Bubbles from a toast about to be dismissed (`button`, `timeout`, `swipe`, `escape`, `click`); the toaster removes it unless prevented.
 */
export class NotifToaster extends LitElement {
  static override styles = [tokens, toasterStyles];

  static override properties = {
    position: { type: String, reflect: true },
    duration: { type: Number },
    max: { type: Number },
    theme: { type: String, reflect: true },
    strings: { attribute: false },
    store: { attribute: false },
  };

  /** Where the stack sits: `top-start`, `top-center`, `top-end` (default), `bottom-start`, `bottom-center`, `bottom-end`. */
  declare position: ToasterPosition;
  /** Milliseconds each toast stays (default 6000, at least 4000); 0 keeps toasts until dismissed. */
  declare duration: number;
  /** Most toasts visible at once, the summary included (default 3). */
  declare max: number;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. Passed on to the toasts. */
  declare theme: 'light' | 'dark' | undefined;
  /** Overrides for any of the visible strings (`region`, `summary`, `dismiss`); the rest stay English. */
  declare strings: Partial<ToasterStrings>;
  /** The store to read; defaults to the nearest provider's. */
  declare store: NotificationStore | undefined;

  readonly #store = new StoreController(
    this,
    () => [],
    (store) => {
      const toasts = createToasts(store, {
        max: this.max,
        duration: this.duration,
        onExpire: (entry) => this.#expire(entry),
        toasted: this.#toasted,
      });
      this.#toasts = toasts;
      return [
        toasts.$toasts.listen((entries) => {
          if (entries.length) void loadToast();
          this.requestUpdate();
        }),
        showDesktopNotifications(store, {
          summary: (count) => this.#strings.summary(count, languageOf(this)),
          max: () => (Number.isFinite(this.max) && this.max >= 1 ? this.max : DEFAULT_MAX_TOASTS),
        }),
        () => {
          toasts.destroy();
          if (this.#toasts === toasts) this.#toasts = undefined;
        },
      ];
    },
  );

  /** Ids toasted through any store this toaster showed: each toasts once. */
  readonly #toasted = new Set<string>();
  /** The policy for the store in use: which notifications show, and for how long. */
  #toasts: Toasts | undefined;
  /** Focus that was on a toast goes back where it was before it entered the stack. */
  readonly #focus = new FocusReturnController(this);
  /** A top stack starts below any bell in its way, so toasts never cover it. */
  readonly #keepClear = new KeepClearController(this, {
    region: () => this.renderRoot.querySelector<HTMLElement>('[part~="region"]'),
    atTop: () => !this.position?.startsWith('bottom'),
    avoid: keepClear,
  });
  #toastStrings: Partial<ToastStrings> = {};

  constructor() {
    super();
    this.position = 'top-end';
    this.duration = DEFAULT_TOAST_DURATION;
    this.max = DEFAULT_MAX_TOASTS;
    this.strings = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('strings')) this.#toastStrings = { dismiss: this.#strings.dismiss };
    if (changed.has('max') || changed.has('duration')) this.#toasts?.configure({ max: this.max, duration: this.duration });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void loadToast(), { timeout: 3000 });
    else setTimeout(() => void loadToast(), 1000);
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#keepClear.update(this.#entries.length > 0, changed.has('position'));
    if (this.shadowRoot?.activeElement) return;
    // A toast that had focus may have gone without a focusout (read in another view).
    this.#focus.restore();
    this.#toasts?.resume('focus');
  }

  get #strings(): ToasterStrings {
    return { ...defaultToasterStrings, ...this.strings };
  }

  get #entries(): readonly ToastEntry[] {
    return this.#toasts?.$toasts.get() ?? [];
  }

  #expire(entry: ToastEntry): void {
    const toast = this.#toastFor(entry);
    // The toast asks (a cancelable notif-dismiss); #onDismiss removes it unless prevented.
    if (toast) toast.dismiss('timeout');
    else this.#toasts?.dismiss(entry.key);
  }

  #toastFor(entry: ToastEntry): NotifToast | undefined {
    const selector = entry.notification ? `[data-id="${CSS.escape(entry.notification.id)}"]` : '[data-summary]';
    return this.renderRoot.querySelector<NotifToast>(`notif-toast${selector}`) ?? undefined;
  }

  #keyFor(toast: HTMLElement): string | undefined {
    const id = toast.dataset.id;
    const summary = toast.dataset.summary !== undefined;
    return this.#entries.find((entry) => (summary ? !entry.notification : entry.notification?.id === id))?.key;
  }

  /** Removes a toast; when it had focus, focus goes back to where it was before it entered the stack. */
  #remove(key: string, hadFocus: boolean): void {
    this.#toasts?.dismiss(key);
    if (hadFocus) this.#focus.restore(true);
  }

  readonly #onDismiss = (event: NotifDismissEvent): void => {
    const toast = event.target;
    if (!(toast instanceof HTMLElement)) return;
    const key = this.#keyFor(toast);
    if (key === undefined) return;
    // Read now: once the toast hides itself, the browser moves focus to the body.
    const hadFocus = this.shadowRoot?.activeElement === toast;
    // Listeners outside the toaster run after this one: decide once the event has reached them all.
    queueMicrotask(() => {
      if (!event.defaultPrevented) this.#remove(key, hadFocus);
    });
  };

  readonly #onPointerEnter = (): void => this.#toasts?.pause('hover');
  readonly #onPointerLeave = (): void => this.#toasts?.resume('hover');

  readonly #onFocusIn = (event: FocusEvent): void => {
    this.#toasts?.pause('focus');
    this.#focus.entered(event);
  };

  readonly #onFocusOut = (event: FocusEvent): void => {
    this.#focus.left(event);
    if (!this.#focus.inside) this.#toasts?.resume('focus');
  };

  #renderToast(item: ToastEntry, store: NotificationStore | undefined, lang: string): TemplateResult {
    const theme = this.theme ?? nothing;
    return item.notification
      ? html`<notif-toast
          part="toast"
          exportparts="icon, title, body, action, dismiss"
          data-id=${item.notification.id}
          duration="0"
          theme=${theme}
          .notification=${item.notification}
          .store=${store}
          .strings=${this.#toastStrings}
        ></notif-toast>`
      : html`<notif-toast
          part="toast"
          exportparts="icon, title, body, action, dismiss"
          data-summary=${item.count}
          duration="0"
          theme=${theme}
          .strings=${this.#toastStrings}
          >${this.#strings.summary(item.count, lang)}</notif-toast
        >`;
  }

  protected override render(): TemplateResult {
    const store = this.#store.store;
    const lang = languageOf(this);
    return html`<div
      part="region"
      class="region"
      role="status"
      aria-live="polite"
      aria-label=${this.#strings.region}
      @notif-dismiss=${this.#onDismiss}
      @pointerenter=${this.#onPointerEnter}
      @pointerleave=${this.#onPointerLeave}
      @focusin=${this.#onFocusIn}
      @focusout=${this.#onFocusOut}
    >
      ${repeat(
        this.#entries,
        (item) => item.key,
        (item) => this.#renderToast(item, store, lang),
      )}
    </div>`;
  }
}
