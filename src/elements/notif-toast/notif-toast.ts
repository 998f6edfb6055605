import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { NotificationStore } from '../../core/store/index.js';
import type { Notification, NotificationAction, Priority } from '../../core/model/types.js';
import { safeUrl } from '../../core/model/url.js';
import { StoreController } from '../../controllers/store-controller.js';
import { SwipeController } from '../../controllers/swipe-controller.js';
import { createCountdown, createHolds, watchPageVisibility } from '../../core/countdown.js';
import { toastDuration } from '../../core/toasts.js';
import { NotifClickEvent } from '../../events/notif-click-event.js';
import { NotifDismissEvent, type DismissReason } from '../../events/notif-dismiss-event.js';
import { NotifReadEvent } from '../../events/notif-read-event.js';
import { closeIcon } from '../../styles/icons.js';
import { tokens } from '../../styles/tokens.js';
import { actionTemplate, follow, iconTemplate } from '../shared/content.js';
import { toastStyles } from './notif-toast.styles.js';

/** Every string a toast shows or announces. */
export interface ToastStrings {
  /** The accessible name of the dismiss button. */
  dismiss: string;
}

/** The English defaults; `.strings` overrides any subset of them. */
export const defaultToastStrings: Readonly<ToastStrings> = Object.freeze({
  dismiss: 'Dismiss',
});


const PRIORITIES: readonly string[] = ['low', 'normal', 'high', 'urgent'];

// Notification fields are untrusted: only strings reach text bindings, anything else renders as nothing.
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * One notification as a toast. `<notif-toaster>` renders these for new live
 * notifications; an app can also place one itself, from HTML or code.
 *
 * Activating the toast (its title and body are one button) fires a cancelable
 * `notif-click`; unless prevented it marks the notification read (through
 * `.store` or the provider's store, when there is one), follows its safe `url`
 * and dismisses the toast. An action does the same with `event.action` set;
 * an action with a `url` is a link and navigates itself. Without a
 * `.notification` (e.g. the toaster's summary) the default slot is the title
 * and a click anywhere on the toast dismisses it with reason `click`.
 *
 * Dismissing (the button, Escape while focus is inside, a horizontal touch
 * swipe over 30% of its width, or `duration` running out) fires a cancelable
 * `notif-dismiss` with the reason; unless prevented the toast hides itself
 * (`hidden`). A toast with `duration` expires on its own, paused on hover and
 * on focus inside; inside a toaster the toaster times it instead.
 *
 * @summary One notification as a toast: icon, title, body, actions and a dismiss button.
 * @tag notif-toast
 * @slot - The title, used when there is no `.notification` (the toaster's summary toast uses it).
 * @slot icon - Replaces the notification's icon.
 * @slot actions - Replaces the notification's action buttons and links.
 * @csspart icon - The notification's icon image.
 * @csspart title - The title (plain text, at most 2 lines).
 * @csspart body - The body (plain text, clamped to 3 lines).
 * @csspart action - Each action: a link when it has a `url`, else a button.
 * @csspart dismiss - The dismiss button.
 * @cssprop [--notif-toast-width=360px] - Largest width of a toast.
 * @cssprop [--notif-toast-bg=var(--notif-surface)] - Background of a toast.
 * @cssprop [--notif-toast-shadow=var(--notif-shadow)] - Shadow of a toast.
 * @cssprop [--notif-surface=#ffffff] - Surface color (dark: #111827).
 * @cssprop [--notif-surface-alt=#f3f4f6] - Background of action buttons and hovered controls (dark: #1f2937).
 * @cssprop [--notif-text=#111827] - Text color (dark: #f9fafb).
 * @cssprop [--notif-muted=#4b5563] - Body text and dismiss icon (dark: #cbd5e1).
 * @cssprop [--notif-border=#d1d5db] - Border color (dark: #374151).
 * @cssprop [--notif-accent=#2563eb] - Action text and the `high` priority stripe (dark: #60a5fa).
 * @cssprop [--notif-danger=#b91c1c] - Replaces the accent for `urgent` toasts (dark: #f87171).
 * @cssprop [--notif-radius=8px] - Corner radius.
 * @cssprop [--notif-shadow=0 10px 30px rgb(0 0 0 / 0.18)] - Shadow token.
 * @cssprop [--notif-font=system-ui] - Font family.
 * @cssprop [--notif-focus-ring=2px solid var(--notif-accent)] - Focus outline.
 * @cssprop [--notif-motion-duration=180ms] - Swipe snap-back duration (none under reduced motion).
 * @fires {NotifClickEvent} notif-click - The toast or one of its actions was activated; `event.notification`, `event.action`. Cancelable: prevent it to skip mark-read, navigation and dismissal.
 * @fires {NotifReadEvent} notif-read - After an unread notification's click: a request to mark it read. Cancelable: prevent it to keep it unread.
 * @fires {NotifDismissEvent} notif-dismiss - The toast is about to be dismissed; `event.notification` (undefined without one), `event.reason` (`button`, `timeout`, `swipe`, `escape` or `click`). Cancelable: prevent it to keep the toast.
 */
export class NotifToast extends LitElement {
  static override styles = [tokens, toastStyles];

  static override properties = {
    notification: { attribute: false },
    priority: { type: String, reflect: true },
    duration: { type: Number },
    theme: { type: String, reflect: true },
    strings: { attribute: false },
    store: { attribute: false },
  };

  /** The notification to show. Text fields render as plain text; URLs must pass the URL rule. */
  declare notification: Notification | undefined;
  /** `low`, `normal`, `high` or `urgent`; follows the notification's priority unless set. `urgent` is announced with `role="alert"`. */
  declare priority: Priority;
  /** Milliseconds until the toast dismisses itself (reason `timeout`); 0 (default) keeps it. Values under 4000 count as 4000. */
  declare duration: number;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** Overrides for any of the visible strings (`dismiss`); the rest stay English. */
  declare strings: Partial<ToastStrings>;
  /** The store to mark the notification read in; defaults to the provider's. */
  declare store: NotificationStore | undefined;

  readonly #store = new StoreController(this, () => []);
  // Alone, a toast keeps its own time with the same countdown the toaster's policy uses.
  readonly #countdown = createCountdown(() => this.dismiss('timeout'));
  readonly #holds = createHolds((held) => (held ? this.#countdown.hold() : this.#countdown.release()));
  #unwatchVisibility: (() => void) | undefined;

  /** Whether `priority` follows the notification's (until the app sets another value). */
  #priorityFollows = true;
  /** The priority last taken from the notification. */
  #derivedPriority: Priority = 'normal';
  readonly #swipe = new SwipeController(this, () => this.dismiss('swipe'));

  constructor() {
    super();
    this.priority = 'normal';
    this.duration = 0;
    this.strings = {};
    this.addEventListener('keydown', this.#onKeydown);
    this.addEventListener('click', this.#onHostClick);
    this.addEventListener('pointerenter', this.#onPointerEnter);
    this.addEventListener('pointerleave', this.#onPointerLeave);
    this.addEventListener('focusin', this.#onFocusIn);
    this.addEventListener('focusout', this.#onFocusOut);
  }

  /**
   * Asks to dismiss the toast: fires a cancelable `notif-dismiss` and, unless
   * it is prevented, hides the toast. Returns whether it was dismissed (false
   * when prevented or already hidden).
   */
  dismiss(reason: DismissReason = 'button'): boolean {
    if (this.hidden) return false;
    if (!this.dispatchEvent(new NotifDismissEvent(this.notification, reason))) return false;
    this.#countdown.cancel();
    this.hidden = true;
    return true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A toast shown while the page is hidden is still there when the person comes back.
    this.#unwatchVisibility = watchPageVisibility((hidden) => (hidden ? this.#holds.pause('hidden') : this.#holds.resume('hidden')));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatchVisibility?.();
    // Out of the page counts as hidden: the time left is kept for when it comes back.
    this.#holds.pause('hidden');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('priority')) {
      // A value the app set wins from now on; removing the attribute follows the notification again.
      if (!this.priority) this.#priorityFollows = true;
      else if (this.priority !== this.#derivedPriority) this.#priorityFollows = false;
    }
    if (this.#priorityFollows && (changed.has('notification') || !this.priority)) {
      const priority = this.notification?.priority;
      this.#derivedPriority = priority && PRIORITIES.includes(priority) ? priority : 'normal';
      this.priority = this.#derivedPriority;
    }
    if (changed.has('duration') || changed.has('notification')) {
      const ms = toastDuration(this.duration, 0);
      if (ms > 0 && !this.hidden) this.#countdown.restart(ms);
      else this.#countdown.cancel();
    }
  }

  get #strings(): ToastStrings {
    return { ...defaultToastStrings, ...this.strings };
  }

  /** Fires `notif-click`, then (for an unread one) `notif-read`; each unless prevented goes ahead. Returns whether the click did. */
  #activate(notification: Notification, action?: NotificationAction): boolean {
    if (!this.dispatchEvent(new NotifClickEvent(notification, action))) return false;
    if (!notification.read && this.dispatchEvent(new NotifReadEvent([notification]))) this.#store.store?.markRead(notification.id);
    return true;
  }

  readonly #onMainClick = (): void => {
    const notification = this.notification;
    if (!notification || this.#swipe.consumeSwipe()) return;
    if (!this.#activate(notification)) return;
    const url = safeUrl(notification.url);
    this.dismiss('click');
    if (url) follow(url);
  };

  readonly #onAction = (event: Event, action: NotificationAction): void => {
    const notification = this.notification;
    if (!notification) return;
    if (this.#swipe.consumeSwipe() || !this.#activate(notification, action)) {
      // A prevented action link must not navigate either.
      event.preventDefault();
      return;
    }
    this.dismiss('click');
  };

  readonly #onDismissClick = (): void => {
    if (!this.#swipe.consumeSwipe()) this.dismiss('button');
  };

  // Without a notification there is nothing to open: a click on the toast (not on a control) dismisses it.
  readonly #onHostClick = (event: MouseEvent): void => {
    if (this.notification || this.#swipe.consumeSwipe()) return;
    const onControl = event
      .composedPath()
      .some((node) => node instanceof HTMLButtonElement || node instanceof HTMLAnchorElement);
    if (!onControl) this.dismiss('click');
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (this.dismiss('escape')) event.preventDefault();
  };

  readonly #onPointerEnter = (): void => this.#holds.pause('hover');
  readonly #onPointerLeave = (): void => this.#holds.resume('hover');
  readonly #onFocusIn = (): void => this.#holds.pause('focus');
  readonly #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget;
    if (!(next instanceof Node) || !(next === this || this.contains(next))) this.#holds.resume('focus');
  };

  #renderAction(action: NotificationAction): TemplateResult {
    return actionTemplate(text(action.label), safeUrl(action.url), (event) => this.#onAction(event, action));
  }

  // The swipe offset goes through CSSOM, not a style attribute: under a strict CSP
  // (style-src without 'unsafe-inline') an attribute is refused, CSSOM is not.
  protected override updated(): void {
    const toast = this.renderRoot.querySelector<HTMLElement>('.toast');
    if (!toast) return;
    const { offset, dragging } = this.#swipe;
    toast.style.translate = offset ? `${offset}px 0` : '';
    toast.style.opacity = offset && dragging ? String(Math.max(0.3, 1 - Math.abs(offset) / 300)) : '';
  }

  protected override render(): TemplateResult {
    const n = this.notification;
    const strings = this.#strings;
    const dragging = this.#swipe.dragging;
    const title = html`<span part="title">${n ? text(n.title) : html`<slot></slot>`}</span>`;
    const body = n && text(n.body) ? html`<span part="body">${text(n.body)}</span>` : nothing;
    const actions = Array.isArray(n?.actions) ? n.actions : [];
    return html`<div
      class="toast ${dragging ? 'swiping' : ''}"
      role=${this.priority === 'urgent' ? 'alert' : nothing}
      @pointerdown=${this.#swipe.onPointerDown}
      @pointermove=${this.#swipe.onPointerMove}
      @pointerup=${this.#swipe.onPointerUp}
      @pointercancel=${this.#swipe.onPointerCancel}
    >
      <span class="icon"><slot name="icon">${n ? iconTemplate({ ...n, icon: safeUrl(n.icon) }) : nothing}</slot></span>
      ${n
        ? html`<button class="main" type="button" @click=${this.#onMainClick}>${title}${body}</button>`
        : html`<div class="main">${title}</div>`}
      <div class="actions"><slot name="actions">${actions.map((action) => this.#renderAction(action))}</slot></div>
      <button part="dismiss" type="button" aria-label=${strings.dismiss} title=${strings.dismiss} @click=${this.#onDismissClick}>
        ${closeIcon}
      </button>
    </div>`;
  }
}
