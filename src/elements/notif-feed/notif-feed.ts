import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { NotificationStore } from '../../core/store/index.js';
import type { Notification, NotificationAction } from '../../core/model/types.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { VirtualListController } from '../../controllers/virtual-list-controller.js';
import { NotifClickEvent } from '../../events/notif-click-event.js';
import { NotifReadEvent } from '../../events/notif-read-event.js';
import { formatDay, formatFull, formatRelative, startOfDay, warmFormats } from '../../i18n/format.js';
import { languageOf } from '../../i18n/lang.js';
import { dotIcon } from '../../styles/dot-icon.js';
import { tokens } from '../../styles/tokens.js';
import { actionTemplate, follow, iconTemplate } from '../shared/content.js';
import { filterTabs, revealSelectedTab, selectedTab } from './filter-tabs.js';
import { buildRows, growth, type Row } from './feed-rows.js';
import { feedStyles } from './notif-feed.styles.js';

/** Every visible string of `<notif-feed>`; override any subset through `.strings`. */
export interface FeedStrings {
  list: string;
  filters: string;
  all: string;
  unread: string;
  markAllRead: string;
  empty: string;
  emptyFiltered: string;
  loading: string;
  loadMore: string;
  loadingMore: string;
  loadFailed: string;
  retry: string;
  today: string;
  yesterday: string;
  unreadItem: string;
  offline: string;
  /** Offline with changes (reads, archives) waiting for the server. */
  offlinePending: string;
  /** Online, with changes still waiting (the server is being retried). */
  pending: (count: number) => string;
  /** Said to screen readers after an item whose change the server has not taken yet. */
  notSynced: string;
  connectionError: string;
}

export const defaultFeedStrings: Readonly<FeedStrings> = Object.freeze({
  list: 'Notifications',
  filters: 'Filter notifications',
  all: 'All',
  unread: 'Unread',
  markAllRead: 'Mark all as read',
  empty: "You're all caught up.",
  emptyFiltered: 'Nothing here.',
  loading: 'Loading notifications…',
  loadMore: 'Load older notifications',
  loadingMore: 'Loading older notifications…',
  loadFailed: 'Older notifications could not be loaded.',
  retry: 'Try again',
  today: 'Today',
  yesterday: 'Yesterday',
  unreadItem: 'Unread:',
  offline: 'Offline. New notifications will arrive when the connection is back.',
  offlinePending: 'Offline — changes will sync when the connection is back.',
  pending: (count: number) => (count === 1 ? 'Syncing 1 change…' : `Syncing ${count} changes…`),
  notSynced: 'not synced yet',
  connectionError: 'Cannot reach the notification server.',
});



/** Replaces the default item template; return a Lit template. */
export type RenderItem = (notification: Notification) => TemplateResult;

/** Rows before the end at which the next history page is requested. */
const LOAD_AHEAD_ROWS = 10;

/**
 * The notification list: newest first, grouped by day, with filters, "mark all
 * as read", an empty state, and older pages through `store.loadMore()`.
 * Virtualized: with 100,000 notifications only the visible rows are in the DOM.
 * Arrow keys move between items, Enter activates one, Tab reaches its actions.
 *
 * @summary The list of notifications, virtualized, with filters and mark all as read.
 * @tag notif-feed
 * @slot empty - Shown when there is nothing to list (default: "You're all caught up.").
 * @csspart list - The scrolling list (role list).
 * @csspart item - One notification row, with `data-id`, `data-read="true|false"` and `data-pending="true"` while its change waits for the server.
 * @csspart icon - The notification's icon image.
 * @csspart title - The notification's title.
 * @csspart body - The notification's body, clamped.
 * @csspart time - The relative time.
 * @csspart action - Each action link or button.
 * @csspart empty - The empty state.
 * @csspart mark-all - The "mark all as read" button.
 * @csspart load-more - The "load older notifications" button.
 * @cssprop [--notif-feed-height=26rem] - Height of the scrolling list.
 * @cssprop [--notif-body-lines=2] - Lines of body text shown before it is clamped.
 * @cssprop [--notif-item-unread-bg=color-mix(in srgb, var(--notif-accent) 8%, var(--notif-surface))] - Background of unread items.
 * @cssprop [--notif-accent=#2563eb] - Accent color (unread marker, active filter, links).
 * @cssprop [--notif-surface=#ffffff] - Background.
 * @cssprop [--notif-surface-alt=#f3f4f6] - Hover background.
 * @cssprop [--notif-text=#111827] - Text color.
 * @cssprop [--notif-muted=#4b5563] - Secondary text color.
 * @cssprop [--notif-border=#d1d5db] - Separators.
 * @cssprop [--notif-danger=#b91c1c] - Error text.
 * @cssprop [--notif-radius=8px] - Corner radius.
 * @cssprop [--notif-font=system-ui] - Font family.
 * @fires {NotifClickEvent} notif-click - A notification or one of its actions was activated; cancelable (prevents mark-read and navigation).
 * @fires {NotifReadEvent} notif-read - Request to mark notifications read (an activated item, or "mark all as read"); cancelable.
 */
export class NotifFeed extends LitElement {
  static override styles = [tokens, feedStyles];

  static override properties = {
    filter: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    store: { attribute: false },
    renderItem: { attribute: false },
    strings: { attribute: false },
    _active: { state: true },
  };

  /** `all` (default), `unread`, or a topic id. */
  declare filter: string;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  declare store: NotificationStore | undefined;
  /**
   * Replaces the default item template entirely. It is rendered afresh for each
   * notification, so state inside it (an open `<details>`, a field) never passes to
   * another notification when scrolling reuses the row.
   */
  declare renderItem: RenderItem | undefined;
  /** Overrides for any visible string. */
  declare strings: Partial<FeedStrings>;
  declare private _active: string | undefined;

  #store = new StoreController(this, (store) => [
    store.$items,
    store.$unreadCount,
    store.$status,
    store.$statusDetail,
    store.$history,
    store.$topics,
    store.$pending,
    store.$pendingIds,
  ]);
  #clock = new ClockController(this);
  #rows: Row[] = [];
  #rowsKey: unknown[] = [];
  /** The notifications the rows were built from. */
  #visibleItems: readonly Notification[] = [];
  #list = new VirtualListController(this, {
    list: () => this.renderRoot.querySelector<HTMLElement>('[part~="list"]'),
    rendered: (last) => {
      if (last < this.#rows.length - LOAD_AHEAD_ROWS || last === this.#askedAt) return;
      this.#askedAt = last;
      void this.#store.store?.loadMore();
    },
  });
  /** The last row rendered when history was last asked for: ask once per new end reached. */
  #askedAt = -1;

  constructor() {
    super();
    this.filter = 'all';
    this.strings = {};
  }

  /** Moves keyboard focus to the first (or the current) notification. */
  override focus(options?: FocusOptions): void {
    const row = this.#rowIndex(this._active) ?? this.#rows.findIndex((r) => r.kind === 'item');
    if (row < 0) {
      this.renderRoot.querySelector<HTMLElement>('button')?.focus(options);
      return;
    }
    void this.#focusRow(row);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    warmFormats(languageOf(this));
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#computeRows();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('filter') && this.hasUpdated) revealSelectedTab(this.renderRoot);
  }

  get #text(): FeedStrings {
    return { ...defaultFeedStrings, ...this.strings };
  }

  #visible(items: Notification[]): Notification[] {
    if (this.filter === 'all') return items;
    if (this.filter === 'unread') return items.filter((n) => !n.read);
    return items.filter((n) => n.topic === this.filter);
  }

  // Rows are rebuilt only when what they depend on changed, and when notifications were added
  // on top of the same list (a burst) or at its bottom (history, a bulk load), only theirs
  // are built: 100,000 items must stay cheap.
  #computeRows(): void {
    const store = this.#store.store;
    const items = store?.$items.get() ?? [];
    const lang = languageOf(this);
    const today = startOfDay(this.#clock.now);
    const key = [items, this.filter, lang, today, this.strings];
    if (key.every((value, i) => value === this.#rowsKey[i])) return;
    const onlyItemsChanged = key.every((value, i) => i === 0 || value === this.#rowsKey[i]);
    this.#rowsKey = key;
    const visible = this.#visible(items);
    const before = this.#visibleItems;
    this.#visibleItems = visible;
    const grown = onlyItemsChanged && this.#rows.length ? growth(before, visible) : undefined;
    if (!grown) {
      this.#rows = buildRows(visible, undefined, this.#dayLabel);
      this.#list.setRows(this.#rows);
      return;
    }
    if (grown.added === 0) return;
    const old = this.#rows;
    if (grown.where === 'bottom') {
      this.#rows = old.concat(buildRows(visible.slice(before.length), before.at(-1), this.#dayLabel));
      this.#list.setRows(this.#rows, { at: 0, from: 0, count: old.length });
      return;
    }
    const top = buildRows(visible.slice(0, grown.added), undefined, this.#dayLabel);
    // The old rows open with the day header of their newest; when the new ones end on that
    // day, that header is already among theirs.
    const from = top.findLast((row) => row.kind === 'day')?.key === old[0]?.key ? 1 : 0;
    this.#rows = top.concat(from ? old.slice(from) : old);
    this.#list.setRows(this.#rows, { at: top.length, from, count: old.length - from });
  }

  /** A day group's label ("Today", "Yesterday", a date) in the feed's language. */
  readonly #dayLabel = (day: number): string => formatDay(day, this.#clock.now, languageOf(this), this.#text);

  #rowIndex(id: string | undefined): number | undefined {
    if (id === undefined) return undefined;
    const index = this.#rows.findIndex((row) => row.kind === 'item' && row.notification.id === id);
    return index < 0 ? undefined : index;
  }

  async #focusRow(index: number): Promise<void> {
    const row = this.#rows[index];
    if (row?.kind !== 'item') return;
    this._active = row.notification.id;
    this.#list.reveal(index);
    await this.updateComplete;
    const find = (): HTMLElement | null => this.renderRoot.querySelector<HTMLElement>(`[part~="item"][data-row="${index}"]`);
    for (let frame = 0; !find() && frame < 10; frame++) await new Promise(requestAnimationFrame);
    find()?.focus({ preventScroll: true });
  }

  #activate(notification: Notification, action?: NotificationAction): boolean {
    if (!this.dispatchEvent(new NotifClickEvent(notification, action))) return false;
    if (!notification.read && this.dispatchEvent(new NotifReadEvent([notification]))) {
      this.#store.store?.markRead(notification.id);
    }
    return true;
  }

  #onItemClick(event: Event, notification: Notification): void {
    // Clicks on an action are handled by the action itself.
    if ((event.target as Element).closest('[part~="action"]')) return;
    this._active = notification.id;
    if (this.#activate(notification) && notification.url) follow(notification.url);
  }

  #onActionClick(event: MouseEvent, notification: Notification, action: NotificationAction): void {
    event.stopPropagation();
    // A link navigates by itself unless the app prevented the click.
    if (!this.#activate(notification, action)) event.preventDefault();
  }

  #onKeyDown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    // Keys pressed on an action or a field inside the row are theirs (Home and End too).
    if (target !== event.currentTarget) return;
    const current = Number(target.dataset.row);
    if (this.#rows[current]?.key !== target.dataset.key) return;
    // Day headings are stepped over; with 100,000 rows nothing here walks them all.
    const item = (from: number, step: 1 | -1): number | undefined => {
      for (let i = from; i >= 0 && i < this.#rows.length; i += step) if (this.#rows[i]?.kind === 'item') return i;
      return undefined;
    };
    const next = {
      ArrowDown: item(current + 1, 1),
      ArrowUp: item(current - 1, -1),
      Home: item(0, 1),
      End: item(this.#rows.length - 1, -1),
    }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      void this.#focusRow(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = this.#rows[current];
      if (row?.kind === 'item') this.#onItemClick(event, row.notification);
    }
  }

  #markAllRead(): void {
    const store = this.#store.store;
    const unread = store?.$items.get().filter((n) => !n.read) ?? [];
    if (unread.length && this.dispatchEvent(new NotifReadEvent(unread))) store?.markAllRead();
  }

  // The icon gets a new <img> per URL: one given a new src keeps showing the old picture
  // until the new one loads, so a reused row would show another sender's avatar meanwhile.
  #renderDefaultItem(notification: Notification): TemplateResult {
    const lang = languageOf(this);
    return html`
      <span class="marker">${notification.icon ? keyed(notification.icon, iconTemplate(notification)) : dotIcon}</span>
      <p part="title">${notification.title}</p>
      ${notification.body ? html`<p part="body">${notification.body}</p>` : nothing}
      <time part="time" datetime=${new Date(notification.createdAt).toISOString()} title=${formatFull(notification.createdAt, lang)}>
        ${formatRelative(notification.createdAt, this.#clock.now, lang)}
      </time>
      ${notification.actions?.length
        ? html`<div class="actions">
            ${notification.actions.map((action) =>
              actionTemplate(action.label, action.url, (e) => this.#onActionClick(e, notification, action)),
            )}
          </div>`
        : nothing}
    `;
  }

  #renderRow(row: Row, index: number): TemplateResult {
    if (row.kind === 'day') {
      return html`<div
        role="listitem"
        class="day"
        aria-posinset=${index + 1}
        aria-setsize=${this.#rows.length}
        data-row=${index}
        data-key=${row.key}
      >
        <span role="heading" aria-level="3">${row.label}</span>
      </div>`;
    }
    const n = row.notification;
    const pending = this.#store.store?.$pendingIds.get().has(n.id) ?? false;
    const active = this._active ?? this.#rows.find((r) => r.kind === 'item')?.key;
    return html`<div
      role="listitem"
      part="item"
      aria-posinset=${index + 1}
      aria-setsize=${this.#rows.length}
      tabindex=${n.id === active ? 0 : -1}
      data-id=${n.id}
      data-read=${String(n.read)}
      data-row=${index}
      data-key=${row.key}
      data-priority=${n.priority ?? 'normal'}
      data-pending=${pending ? 'true' : nothing}
      @click=${(e: MouseEvent) => this.#onItemClick(e, n)}
      @keydown=${this.#onKeyDown}
    >
      ${n.read ? nothing : html`<span class="visually-hidden">${this.#text.unreadItem} </span>`}
      ${this.renderItem ? keyed(n.id, this.renderItem(n)) : this.#renderDefaultItem(n)}
      ${pending ? html`<span class="visually-hidden">, ${this.#text.notSynced}</span>` : nothing}
    </div>`;
  }

  #renderStatus(): TemplateResult | typeof nothing {
    const status = this.#store.store?.$status.get();
    const pending = this.#store.store?.$pending.get() ?? 0;
    if (status === 'offline') return html`<div class="state" role="status">${pending ? this.#text.offlinePending : this.#text.offline}</div>`;
    if (pending) return html`<div class="state pending" role="status">${this.#text.pending(pending)}</div>`;
    if (status === 'error') {
      const detail = this.#store.store?.$statusDetail.get();
      return html`<div class="state error" role="alert">
        ${this.#text.connectionError}${detail?.error ? html` (${detail.error.message})` : nothing}
      </div>`;
    }
    return nothing;
  }

  #renderFooter(): TemplateResult | typeof nothing {
    const history = this.#store.store?.$history.get();
    if (!history || history.done) return nothing;
    if (history.loading) return html`<div class="footer" role="status">${this.#text.loadingMore}</div>`;
    return html`<div class="footer">
      ${history.error ? html`<span class="state error" role="alert">${this.#text.loadFailed}</span>` : nothing}
      <button part="load-more" type="button" @click=${() => void this.#store.store?.loadMore()}>
        ${history.error ? this.#text.retry : this.#text.loadMore}
      </button>
    </div>`;
  }

  // Only the rows in view are in the DOM; two spacers hold the place of the rest.
  #renderList(label: string): TemplateResult {
    const [first, last] = this.#list.window();
    const rows = this.#rows.slice(first, last + 1);
    const focused = (this.renderRoot as ShadowRoot).activeElement?.closest<HTMLElement>('[data-key]')?.dataset.key;
    const slots = this.#list.slots(rows, focused);
    return html`<div part="list" role="list" aria-label=${label} @scroll=${this.#list.onScroll}>
      <div class="spacer" aria-hidden="true"></div>
      ${repeat(
        rows,
        (_row, i) => slots[i],
        (row, i) => this.#renderRow(row, first + i),
      )}
      <div class="spacer" aria-hidden="true"></div>
    </div>`;
  }

  protected override render(): unknown {
    const text = this.#text;
    const store = this.#store.store;
    const items = store?.$items.get() ?? [];
    const topics = store?.$topics.get() ?? [];
    // Counted by the store as it publishes: a walk here would visit every row of an all-read feed per scroll frame.
    const hasUnread = (store?.$unreadCount.get() ?? 0) > 0;
    const filters = [
      { id: 'all', label: text.all },
      { id: 'unread', label: text.unread },
      ...topics.map((topic) => ({ id: topic.id, label: topic.label })),
    ];
    const connecting = store?.$status.get() === 'connecting' && !items.length;
    return html`
      <div class="toolbar">
        ${filterTabs(filters, this.filter, text.filters, (id) => (this.filter = id))}
        <button part="mark-all" type="button" ?disabled=${!hasUnread} @click=${this.#markAllRead}>${text.markAllRead}</button>
      </div>
      ${this.#renderStatus()}
      <div id="filtered" role="tabpanel" aria-labelledby="filter-${selectedTab(filters, this.filter)}">
        ${connecting
          ? html`<div class="state" role="status">${text.loading}</div>`
          : this.#rows.length
            ? this.#renderList(text.list)
            : html`<div part="empty"><slot name="empty">${this.filter === 'all' ? text.empty : text.emptyFiltered}</slot></div>`}
        ${this.#renderFooter()}
      </div>
    `;
  }
}
