import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';
import type { NotificationStore } from '../core/store/index.js';
import { notificationStoreContext } from '../context.js';

/** An element that reads a store: its own `.store` first, else the nearest provider's. */
export type StoreHost = ReactiveControllerHost & HTMLElement & { store: NotificationStore | undefined };

/**
 * Connects an element to the notification store: resolves which store to use,
 * re-renders the host when the atoms it reads change, and runs `subscribe`
 * for store events (returning their unsubscribe), re-wiring all of it when the
 * store changes. Elements stay thin views; state lives in the store.
 */
export class StoreController implements ReactiveController {
  readonly #host: StoreHost;
  readonly #atoms: (store: NotificationStore) => ReadableAtom<unknown>[];
  readonly #subscribe: ((store: NotificationStore) => (() => void)[]) | undefined;
  readonly #context: ContextConsumer<typeof notificationStoreContext, StoreHost>;
  #wired: NotificationStore | undefined;
  #unsubscribe: (() => void)[] = [];

  constructor(
    host: StoreHost,
    atoms: (store: NotificationStore) => ReadableAtom<unknown>[],
    subscribe?: (store: NotificationStore) => (() => void)[],
  ) {
    this.#host = host;
    this.#atoms = atoms;
    this.#subscribe = subscribe;
    this.#context = new ContextConsumer(host, {
      context: notificationStoreContext,
      subscribe: true,
      callback: () => this.#wire(),
    });
    host.addController(this);
  }

  /** The store in use, if any. */
  get store(): NotificationStore | undefined {
    return this.#host.store ?? this.#context.value;
  }

  hostConnected(): void {
    this.#wire();
  }

  hostUpdate(): void {
    // `.store` may have been set since the last render.
    if (this.store !== this.#wired) this.#wire();
  }

  hostDisconnected(): void {
    this.#unwire();
  }

  #wire(): void {
    const store = this.store;
    if (store === this.#wired && this.#unsubscribe.length) return;
    this.#unwire();
    this.#wired = store;
    if (!store || !this.#host.isConnected) return;
    const update = (): void => this.#host.requestUpdate();
    this.#unsubscribe = [
      ...this.#atoms(store).map((atom) => atom.listen(update)),
      ...(this.#subscribe?.(store) ?? []),
    ];
    update();
  }

  #unwire(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#wired = undefined;
  }
}
