import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { NotifError } from '../../core/model/errors.js';
import { createNotificationStore, type NotificationStore } from '../../core/store/index.js';
import type { Topic, Transport } from '../../core/model/types.js';
import { notificationStoreContext } from '../../context.js';
import { NotifErrorEvent } from '../../events/notif-error-event.js';
import { NotifStatusEvent } from '../../events/notif-status-event.js';
import { lazyCrossTab } from '../../transports/cross-tab-lazy.js';
import { deferred } from '../../transports/deferred.js';
import { sse } from '../../transports/sse.js';

/** The push sources the `transport` attribute can name. */
export type TransportKind = 'sse' | 'websocket' | 'poll';

const TRANSPORTS: Record<TransportKind, (src: string) => Transport> = {
  sse: (src) => sse(src),
  // Fetched when named: a page on SSE never downloads them.
  websocket: (src) => deferred(() => import('../../transports/websocket.js').then((m) => m.websocket(src))),
  poll: (src) => deferred(() => import('../../transports/poll.js').then((m) => m.poll(src))),
};

/**
 * Owns a notification store and provides it, by context, to every `notif-*`
 * element inside it. Give it `src` (and optionally `transport`) for the common
 * case, or a store built in code through `.store`. It renders nothing of its own.
 *
 * @summary Connects to a push source and shares the notification store with the elements inside.
 * @tag notif-provider
 * @slot - The elements that read the store: bell, feed, toaster, preferences.
 * @fires {NotifStatusEvent} notif-status - The connection status changed; `event.status`, `event.detail`.
 * @fires {NotifErrorEvent} notif-error - A frame was rejected or the connection failed; `event.error`, `event.raw`.
 */
export class NotifProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    src: { type: String },
    transport: { type: String },
    storageKey: { type: String, attribute: 'storage-key' },
    maxItems: { type: Number, attribute: 'max-items' },
    crossTab: { type: Boolean, attribute: 'cross-tab' },
    badge: { type: String },
    topics: { attribute: false },
  };

  /** URL of the push endpoint. Changing it reconnects the same store (items kept, cursor reset). */
  declare src: string | undefined;
  /** Which push source `src` speaks: `sse` (default), `websocket` or `poll`. */
  declare transport: TransportKind;
  /** Persist read state and preferences in localStorage under this key. Read when the store is created. */
  declare storageKey: string | undefined;
  /** Most notifications kept (default 500). Read when the store is created. */
  declare maxItems: number | undefined;
  /**
   * One connection for every tab of this browser showing the same `src`: one tab holds
   * it and relays to the others, read state and preferences stay in step, and only a
   * visible tab toasts. Read when the store is created.
   */
  declare crossTab: boolean;
  /**
   * Where else the unread count shows, space-separated: `title` ("(3) My app"),
   * `favicon` (a dot with the count on the page's icon), `app` (the installed app's badge).
   */
  declare badge: string | undefined;
  /** The topics people can opt in to or out of. */
  declare topics: Topic[] | undefined;

  #context = new ContextProvider(this, { context: notificationStoreContext });
  /** A store the app set; it wins over `src`. */
  #given: NotificationStore | undefined;
  /** The store made from `src`; the provider starts and stops it. */
  #own: NotificationStore | undefined;
  /** The store the elements inside were handed, and its listeners. */
  #active: NotificationStore | undefined;
  #unsubscribe: (() => void)[] = [];
  #stopBadge: (() => void) | undefined;

  constructor() {
    super();
    this.transport = 'sse';
    this.crossTab = false;
  }

  /**
   * The store in use: the one set here, else the one made from `src` (created
   * when the provider connects). Setting a store takes precedence over `src`;
   * the app owns a store it sets (the provider starts it, never stops it).
   */
  get store(): NotificationStore | undefined {
    return this.#given ?? this.#own;
  }

  set store(store: NotificationStore | undefined) {
    this.#given = store;
    if (this.isConnected) this.#use(this.#current());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#use(this.#current());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#use(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    // The first update only confirms the values the store was just created from.
    if (this.hasUpdated && this.#own && (changed.has('src') || changed.has('transport'))) {
      this.#own.setTransport(this.#createTransport());
    }
    if (changed.has('topics') && this.topics) this.store?.setTopics(this.topics);
    this.#use(this.#current());
    if (changed.has('badge')) this.#showBadge();
  }

  /** The store to hand out now, creating the provider's own from `src` the first time one is needed. */
  #current(): NotificationStore | undefined {
    if (!this.#given && !this.#own && (this.src || this.topics)) {
      const transport = this.#createTransport();
      this.#own = createNotificationStore({
        ...(transport && { transport }),
        ...(this.storageKey && { storageKey: this.storageKey }),
        ...(this.maxItems && { maxItems: this.maxItems }),
      });
    }
    return this.store;
  }

  /** Hands `store` to the elements inside: started once when it comes in, the own store stopped once when it goes. */
  #use(store: NotificationStore | undefined): void {
    if (store === this.#active) return;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#stopBadge?.();
    this.#stopBadge = undefined;
    if (this.#active === this.#own) this.#active?.stop();
    this.#active = store;
    this.#context.setValue(store);
    if (!store) return;
    if (this.topics) store.setTopics(this.topics);
    this.#unsubscribe = [
      store.on('error', (error) => this.dispatchEvent(new NotifErrorEvent(error))),
      store.on('status', (status, detail) => this.dispatchEvent(new NotifStatusEvent(status, detail))),
    ];
    store.start();
    this.#showBadge();
  }

  #showBadge(): void {
    this.#stopBadge?.();
    this.#stopBadge = undefined;
    const where = new Set((this.badge ?? '').split(/\s+/));
    const store = this.#active;
    if (!store || !(where.has('title') || where.has('favicon') || where.has('app'))) return;
    // Fetched only by a page that asks for a badge.
    let stopped = false;
    this.#stopBadge = () => (stopped = true);
    void import('../../core/badge.js').then(({ unreadBadge }) => {
      if (stopped) return;
      this.#stopBadge = unreadBadge(store, { title: where.has('title'), favicon: where.has('favicon'), appBadge: where.has('app') });
    });
  }

  #createTransport(): Transport | undefined {
    if (!this.src) return undefined;
    const create = TRANSPORTS[this.transport] as ((src: string) => Transport) | undefined;
    if (create) return this.crossTab ? lazyCrossTab(create(this.src), { name: `${this.transport} ${this.src}` }) : create(this.src);
    const error = new NotifError('protocol', `unknown transport "${this.transport}"; use sse, websocket or poll`);
    queueMicrotask(() => this.dispatchEvent(new NotifErrorEvent(error)));
    return undefined;
  }

  protected override render(): unknown {
    return html`<slot></slot>`;
  }
}
