import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { NotificationStore } from '../../core/store/index.js';
import { FocusReturnController } from '../../controllers/focus-return-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { NotifCloseEvent } from '../../events/notif-close-event.js';
import { NotifOpenEvent } from '../../events/notif-open-event.js';
import { bellIcon, closeIcon } from '../../styles/icons.js';
import { tokens } from '../../styles/tokens.js';
import { keepClear } from '../shared/keep-clear.js';
import type { FeedStrings, NotifFeed, RenderItem } from '../notif-feed/notif-feed.js';
import { bellStyles } from './notif-bell.styles.js';

/** Every visible or spoken string of `<notif-bell>`; override any subset through `.strings`. */
export interface BellStrings {
  /** The button's name before the count. */
  label: string;
  unread: (count: number) => string;
  offline: string;
  error: string;
  panel: string;
  close: string;
}

export const defaultBellStrings: Readonly<BellStrings> = Object.freeze({
  label: 'Notifications',
  unread: (count: number) => `${count} unread`,
  offline: 'offline',
  error: 'connection problem',
  panel: 'Notifications',
  close: 'Close notifications',
});

/** Space between the button and the panel, and between the panel and the viewport edge. */
const GAP = 8;

/**
 * The feed (most of the panel's weight) is fetched when
 * the panel is about to be needed, not with the bell: a page pays for it only
 * once someone points at, focuses or opens the bell.
 */
let feedLoaded: Promise<unknown> | undefined;
function loadFeed(): Promise<unknown> {
  feedLoaded ??= customElements.get('notif-feed') ? Promise.resolve() : import('../notif-feed/notif-feed.define.js');
  return feedLoaded;
}

/**
 * A bell button with an unread badge that opens the notification feed in a
 * panel (the Popover API: it sits in the top layer, so `overflow: hidden`
 * ancestors never clip it). Its accessible name says the count
 * ("Notifications, 3 unread"); Escape or a click outside closes the panel and
 * returns focus to the button. It rings, quietly, when something new arrives
 * (not under `prefers-reduced-motion`), and shows when the connection is down.
 *
 * @summary Bell button with an unread badge; opens the feed.
 * @tag notif-bell
 * @slot icon - Replaces the bell icon.
 * @csspart button - The native button.
 * @csspart badge - The unread count (hidden at 0; "99+" past `max-count`).
 * @csspart status - The offline / error indicator.
 * @csspart panel - The popover panel that holds the feed.
 * @cssprop [--notif-badge-color=var(--notif-accent)] - Badge background.
 * @cssprop [--notif-badge-text-color=#ffffff] - Badge text.
 * @cssprop [--notif-bell-size=2.5rem] - Size of the button.
 * @cssprop [--notif-bell-bg=transparent] - Button background.
 * @cssprop [--notif-bell-color=currentColor] - Icon color.
 * @cssprop [--notif-panel-width=24rem] - Width of the panel.
 * @cssprop [--notif-accent=#2563eb] - Accent color.
 * @cssprop [--notif-surface=#ffffff] - Panel background.
 * @cssprop [--notif-border=#d1d5db] - Panel border.
 * @cssprop [--notif-radius=8px] - Panel corner radius.
 * @cssprop [--notif-shadow=0 10px 30px rgb(0 0 0 / 0.18)] - Panel shadow.
 * @cssprop [--notif-danger=#b91c1c] - Error indicator.
 * @fires {NotifOpenEvent} notif-open - The panel opened.
 * @fires {NotifCloseEvent} notif-close - The panel closed.
 */
export class NotifBell extends LitElement {
  static override styles = [tokens, bellStyles];

  static override properties = {
    maxCount: { type: Number, attribute: 'max-count' },
    label: { type: String },
    open: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    store: { attribute: false },
    strings: { attribute: false },
    feedStrings: { attribute: false },
    renderItem: { attribute: false },
    _ringing: { state: true },
    _feedMounted: { state: true },
  };

  /** Counts above this show as "99+" (default 99). */
  declare maxCount: number;
  /** Replaces "Notifications" in the button's accessible name. */
  declare label: string | undefined;
  /** Whether the panel is open; set it to open or close the panel. */
  declare open: boolean;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  declare store: NotificationStore | undefined;
  /** Overrides for the bell's strings. */
  declare strings: Partial<BellStrings>;
  /** Overrides for the strings of the feed in the panel. */
  declare feedStrings: Partial<FeedStrings>;
  /** Passed to the feed in the panel. */
  declare renderItem: RenderItem | undefined;
  declare private _ringing: boolean;
  /**
   * The feed joins the panel when it first opens and stays: a bell that was never opened
   * does no work for it as notifications arrive, and once opened its filter and scroll stay.
   */
  declare private _feedMounted: boolean;

  #store = new StoreController(this, (store) => [store.$unreadCount, store.$status]);
  #lastCount: number | undefined;
  readonly #focus = new FocusReturnController(this, () => this.#button);

  constructor() {
    super();
    this.maxCount = 99;
    this.open = false;
    this.strings = {};
    this.feedStrings = {};
    this._ringing = false;
    this._feedMounted = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    keepClear.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    keepClear.delete(this);
  }

  get #panel(): HTMLElement | null {
    return this.renderRoot.querySelector('[part~="panel"]');
  }

  get #button(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('[part~="button"]');
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const count = this.#store.store?.$unreadCount.get() ?? 0;
    // Ring only for growth seen while rendered, not for the first count after load.
    if (this.#lastCount !== undefined && count > this.#lastCount) this._ringing = true;
    this.#lastCount = count;
    if (this.open) this._feedMounted = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open) void loadFeed();
    const panel = this.#panel;
    if (!panel) return;
    const shown = panel.matches(':popover-open');
    if (this.open && !shown) panel.showPopover();
    else if (!this.open && shown) panel.hidePopover();
  }

  // Anchored to the button's end edge (start in RTL), kept inside the viewport.
  #position(): void {
    const panel = this.#panel;
    const button = this.#button;
    if (!panel || !button) return;
    const anchor = button.getBoundingClientRect();
    const width = panel.offsetWidth;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const preferred = rtl ? anchor.left : anchor.right - width;
    const left = Math.max(GAP, Math.min(preferred, window.innerWidth - width - GAP));
    const below = anchor.bottom + GAP;
    const height = panel.offsetHeight;
    const top = below + height > window.innerHeight - GAP && anchor.top - GAP - height > GAP ? anchor.top - GAP - height : below;
    panel.style.left = `${left}px`;
    panel.style.top = `${top}px`;
  }

  #onBeforeToggle(event: ToggleEvent): void {
    if (event.newState !== 'open') return;
    // Rendered before the popover shows, so it never opens empty.
    this._feedMounted = true;
    void loadFeed().then(() => requestAnimationFrame(() => this.#position()));
    requestAnimationFrame(() => this.#position());
  }

  #onToggle(event: ToggleEvent): void {
    const opened = event.newState === 'open';
    if (opened) {
      this.#position();
      this.open = true;
      this.dispatchEvent(new NotifOpenEvent());
      void loadFeed().then(() => {
        if (this.open) this.renderRoot.querySelector<NotifFeed>('notif-feed')?.focus();
      });
      return;
    }
    this.open = false;
    this.dispatchEvent(new NotifCloseEvent());
    // Escape or a click on nothing focusable left focus nowhere: give it back to the bell.
    this.#focus.restore(true);
  }

  #accessibleName(text: BellStrings, count: number, status: string | undefined): string {
    const parts = [this.label ?? text.label];
    if (count > 0) parts.push(text.unread(count));
    if (status === 'offline') parts.push(text.offline);
    if (status === 'error') parts.push(text.error);
    return parts.join(', ');
  }

  protected override render(): unknown {
    const text = { ...defaultBellStrings, ...this.strings };
    const store = this.#store.store;
    const count = store?.$unreadCount.get() ?? 0;
    const status = store?.$status.get();
    const problem = status === 'offline' || status === 'error';
    return html`
      <button
        part="button"
        type="button"
        class=${this._ringing ? 'ringing' : ''}
        aria-label=${this.#accessibleName(text, count, status)}
        aria-haspopup="dialog"
        popovertarget="panel"
        @pointerenter=${loadFeed}
        @focus=${loadFeed}
        @animationend=${() => (this._ringing = false)}
      >
        <slot name="icon">${bellIcon}</slot>
        ${count > 0
          ? html`<span part="badge" aria-hidden="true">${count > this.maxCount ? `${this.maxCount}+` : count}</span>`
          : nothing}
        ${problem ? html`<span part="status" class=${status} aria-hidden="true"></span>` : nothing}
      </button>
      <div
        part="panel"
        id="panel"
        popover="auto"
        role="dialog"
        aria-label=${text.panel}
        @beforetoggle=${this.#onBeforeToggle}
        @toggle=${this.#onToggle}
      >
        <div class="header">
          <h2>${text.panel}</h2>
          <button class="close" type="button" aria-label=${text.close} popovertarget="panel" popovertargetaction="hide">
            ${closeIcon}
          </button>
        </div>
        ${this._feedMounted
          ? html`<notif-feed .store=${store} .strings=${this.feedStrings} .renderItem=${this.renderItem} theme=${this.theme ?? nothing}></notif-feed>`
          : nothing}
      </div>
    `;
  }
}
