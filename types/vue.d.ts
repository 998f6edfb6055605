import type { DefineComponent } from "vue";
import type {
  NotifBell,
  NotifClickEvent,
  NotifCloseEvent,
  NotifDismissEvent,
  NotifErrorEvent,
  NotifFeed,
  NotifOpenEvent,
  NotifPreferences,
  NotifPreferencesChangeEvent,
  NotifProvider,
  NotifReadEvent,
  NotifStatusEvent,
  NotifToast,
  NotifToaster,
} from "notif-elements";

type NotifBellProps = {
  /** Counts above this show as "99+" (default 99). */
  "max-count"?: NotifBell["maxCount"];
  /** Replaces "Notifications" in the button's accessible name. */
  label?: NotifBell["label"];
  /** Whether the panel is open; set it to open or close the panel. */
  open?: NotifBell["open"];
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifBell["theme"];
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  store?: NotifBell["store"];
  /** Overrides for the bell's strings. */
  strings?: NotifBell["strings"];
  /** Overrides for the strings of the feed in the panel. */
  feedStrings?: NotifBell["feedStrings"];
  /** Passed to the feed in the panel. */
  renderItem?: NotifBell["renderItem"];
  /** The panel opened. */
  "onnotif-open"?: (e: CustomEvent<NotifOpenEvent>) => void;
  /** The panel closed. */
  "onnotif-close"?: (e: CustomEvent<NotifCloseEvent>) => void;
};

type NotifFeedProps = {
  /** `all` (default), `unread`, or a topic id. */
  filter?: NotifFeed["filter"];
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifFeed["theme"];
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  store?: NotifFeed["store"];
  /** Replaces the default item template entirely. It is rendered afresh for each
notification, so state inside it (an open `<details>`, a field) never passes to
another notification when scrolling reuses the row. */
  renderItem?: NotifFeed["renderItem"];
  /** Overrides for any visible string. */
  strings?: NotifFeed["strings"];
  /** A notification or one of its actions was activated; cancelable (prevents mark-read and navigation). */
  "onnotif-click"?: (e: CustomEvent<NotifClickEvent>) => void;
  /** Request to mark notifications read (an activated item, or "mark all as read"); cancelable. */
  "onnotif-read"?: (e: CustomEvent<NotifReadEvent>) => void;
};

type NotifPreferencesProps = {
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifPreferences["theme"];
  /** The store to read and update; defaults to the nearest `<notif-provider>`'s. */
  store?: NotifPreferences["store"];
  /** Topics to show, instead of the store's; their values still come from the store. */
  topics?: NotifPreferences["topics"];
  /** Overrides for any visible string. */
  strings?: NotifPreferences["strings"];
  /** A toggle changed; `event.topic`, `event.channel`, `event.enabled`. Cancelable: preventing it leaves the store and the checkbox as they were. */
  "onnotif-preferences-change"?: (e: CustomEvent<NotifPreferencesChangeEvent>) => void;
};

type NotifProviderProps = {
  /** URL of the push endpoint. Changing it reconnects the same store (items kept, cursor reset). */
  src?: NotifProvider["src"];
  /** Which push source `src` speaks: `sse` (default), `websocket` or `poll`. */
  transport?: NotifProvider["transport"];
  /** Persist read state and preferences in localStorage under this key. Read when the store is created. */
  "storage-key"?: NotifProvider["storageKey"];
  /** Most notifications kept (default 500). Read when the store is created. */
  "max-items"?: NotifProvider["maxItems"];
  /** One connection for every tab of this browser showing the same `src`: one tab holds
it and relays to the others, read state and preferences stay in step, and only a
visible tab toasts. Read when the store is created. */
  "cross-tab"?: NotifProvider["crossTab"];
  /** Where else the unread count shows, space-separated: `title` ("(3) My app"),
`favicon` (a dot with the count on the page's icon), `app` (the installed app's badge). */
  badge?: NotifProvider["badge"];
  /** The topics people can opt in to or out of. */
  topics?: NotifProvider["topics"];
  /** The store in use: the one set here, else the one made from `src` (created
when the provider connects). Setting a store takes precedence over `src`;
the app owns a store it sets (the provider starts it, never stops it). */
  store?: NotifProvider["store"];
  /** The connection status changed; `event.status`, `event.detail`. */
  "onnotif-status"?: (e: CustomEvent<NotifStatusEvent>) => void;
  /** A frame was rejected or the connection failed; `event.error`, `event.raw`. */
  "onnotif-error"?: (e: CustomEvent<NotifErrorEvent>) => void;
};

type NotifToastProps = {
  /** `low`, `normal`, `high` or `urgent`; follows the notification's priority unless set. `urgent` is announced with `role="alert"`. */
  priority?: NotifToast["priority"];
  /** Milliseconds until the toast dismisses itself (reason `timeout`); 0 (default) keeps it. Values under 4000 count as 4000. */
  duration?: NotifToast["duration"];
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifToast["theme"];
  /** The notification to show. Text fields render as plain text; URLs must pass the URL rule. */
  notification?: NotifToast["notification"];
  /** Overrides for any of the visible strings (`dismiss`); the rest stay English. */
  strings?: NotifToast["strings"];
  /** The store to mark the notification read in; defaults to the provider's. */
  store?: NotifToast["store"];
  /** The toast or one of its actions was activated; `event.notification`, `event.action`. Cancelable: prevent it to skip mark-read, navigation and dismissal. */
  "onnotif-click"?: (e: CustomEvent<NotifClickEvent>) => void;
  /** After an unread notification's click: a request to mark it read. Cancelable: prevent it to keep it unread. */
  "onnotif-read"?: (e: CustomEvent<NotifReadEvent>) => void;
  /** The toast is about to be dismissed; `event.notification` (undefined without one), `event.reason` (`button`, `timeout`, `swipe`, `escape` or `click`). Cancelable: prevent it to keep the toast. */
  "onnotif-dismiss"?: (e: CustomEvent<NotifDismissEvent>) => void;
};

type NotifToasterProps = {
  /** Where the stack sits: `top-start`, `top-center`, `top-end` (default), `bottom-start`, `bottom-center`, `bottom-end`. */
  position?: NotifToaster["position"];
  /** Milliseconds each toast stays (default 6000, at least 4000); 0 keeps toasts until dismissed. */
  duration?: NotifToaster["duration"];
  /** Most toasts visible at once, the summary included (default 3). */
  max?: NotifToaster["max"];
  /** `light` or `dark`; unset follows `prefers-color-scheme`. Passed on to the toasts. */
  theme?: NotifToaster["theme"];
  /** Overrides for any of the visible strings (`region`, `summary`, `dismiss`); the rest stay English. */
  strings?: NotifToaster["strings"];
  /** The store to read; defaults to the nearest provider's. */
  store?: NotifToaster["store"];
  /** Bubbles from a toast: it or one of its actions was activated. Cancelable. */
  "onnotif-click"?: (e: CustomEvent<NotifClickEvent>) => void;
  /** Bubbles from a toast about to be dismissed (`button`, `timeout`, `swipe`, `escape`, `click`); the toaster removes it unless prevented. */
  "onnotif-dismiss"?: (e: CustomEvent<NotifDismissEvent>) => void;
};

export type CustomElements = {
  /**
   * Bell button with an unread badge; opens the feed.
   * ---
   *
   *
   * ### **Events:**
   *  - **notif-open** - The panel opened.
   * - **notif-close** - The panel closed.
   *
   * ### **Slots:**
   *  - **icon** - Replaces the bell icon.
   *
   * ### **CSS Properties:**
   *  - **--notif-badge-color** - Badge background. _(default: var(--notif-accent))_
   * - **--notif-badge-text-color** - Badge text. _(default: #ffffff)_
   * - **--notif-bell-size** - Size of the button. _(default: 2.5rem)_
   * - **--notif-bell-bg** - Button background. _(default: transparent)_
   * - **--notif-bell-color** - Icon color. _(default: currentColor)_
   * - **--notif-panel-width** - Width of the panel. _(default: 24rem)_
   * - **--notif-accent** - Accent color. _(default: #2563eb)_
   * - **--notif-surface** - Panel background. _(default: #ffffff)_
   * - **--notif-border** - Panel border. _(default: #d1d5db)_
   * - **--notif-radius** - Panel corner radius. _(default: 8px)_
   * - **--notif-shadow** - Panel shadow. _(default: 0 10px 30px rgb(0 0 0 / 0.18))_
   * - **--notif-danger** - Error indicator. _(default: #b91c1c)_
   *
   * ### **CSS Parts:**
   *  - **button** - The native button.
   * - **badge** - The unread count (hidden at 0; "99+" past `max-count`).
   * - **status** - The offline / error indicator.
   * - **panel** - The popover panel that holds the feed.
   */
  "notif-bell": DefineComponent<NotifBellProps>;

  /**
   * The list of notifications, virtualized, with filters and mark all as read.
   * ---
   *
   *
   * ### **Events:**
   *  - **notif-click** - A notification or one of its actions was activated; cancelable (prevents mark-read and navigation).
   * - **notif-read** - Request to mark notifications read (an activated item, or "mark all as read"); cancelable.
   *
   * ### **Methods:**
   *  - **focus(options: _FocusOptions_): _void_** - Moves keyboard focus to the first (or the current) notification.
   *
   * ### **Slots:**
   *  - **empty** - Shown when there is nothing to list (default: "You're all caught up.").
   *
   * ### **CSS Properties:**
   *  - **--notif-feed-height** - Height of the scrolling list. _(default: 26rem)_
   * - **--notif-body-lines** - Lines of body text shown before it is clamped. _(default: 2)_
   * - **--notif-item-unread-bg** - Background of unread items. _(default: color-mix(in srgb, var(--notif-accent) 8%, var(--notif-surface)))_
   * - **--notif-accent** - Accent color (unread marker, active filter, links). _(default: #2563eb)_
   * - **--notif-surface** - Background. _(default: #ffffff)_
   * - **--notif-surface-alt** - Hover background. _(default: #f3f4f6)_
   * - **--notif-text** - Text color. _(default: #111827)_
   * - **--notif-muted** - Secondary text color. _(default: #4b5563)_
   * - **--notif-border** - Separators. _(default: #d1d5db)_
   * - **--notif-danger** - Error text. _(default: #b91c1c)_
   * - **--notif-radius** - Corner radius. _(default: 8px)_
   * - **--notif-font** - Font family. _(default: system-ui)_
   *
   * ### **CSS Parts:**
   *  - **list** - The scrolling list (role list).
   * - **item** - One notification row, with `data-id`, `data-read="true|false"` and `data-pending="true"` while its change waits for the server.
   * - **icon** - The notification's icon image.
   * - **title** - The notification's title.
   * - **body** - The notification's body, clamped.
   * - **time** - The relative time.
   * - **action** - Each action link or button.
   * - **empty** - The empty state.
   * - **mark-all** - The "mark all as read" button.
   * - **load-more** - The "load older notifications" button.
   */
  "notif-feed": DefineComponent<NotifFeedProps>;

  /**
   * Per-topic opt-in to the feed, toasts and desktop notifications.
   * ---
   *
   *
   * ### **Events:**
   *  - **notif-preferences-change** - A toggle changed; `event.topic`, `event.channel`, `event.enabled`. Cancelable: preventing it leaves the store and the checkbox as they were.
   *
   * ### **CSS Properties:**
   *  - **--notif-preferences-gap** - Space between and inside the topic groups. _(default: 0.75rem)_
   * - **--notif-preferences-toggle-size** - Width and height of each checkbox. _(default: 1.125rem)_
   * - **--notif-accent** - Checkbox color. _(default: #2563eb)_
   * - **--notif-surface** - Background. _(default: #ffffff)_
   * - **--notif-text** - Text color. _(default: #111827)_
   * - **--notif-muted** - Permission status and disabled labels. _(default: #4b5563)_
   * - **--notif-border** - Topic group borders. _(default: #d1d5db)_
   * - **--notif-danger** - "Blocked in browser settings" text. _(default: #b91c1c)_
   * - **--notif-radius** - Corner radius of the topic groups. _(default: 8px)_
   * - **--notif-font** - Font family. _(default: system-ui)_
   * - **--notif-focus-ring** - Outline of the focused checkbox. _(default: 2px solid var(--notif-accent))_
   *
   * ### **CSS Parts:**
   *  - **form** - The form holding one fieldset per topic.
   * - **toggle** - Each native checkbox, with `data-topic` and `data-channel` (`feed`, `toast`, `desktop`).
   * - **status** - The line saying whether the browser allows desktop notifications.
   */
  "notif-preferences": DefineComponent<NotifPreferencesProps>;

  /**
   * Connects to a push source and shares the notification store with the elements inside.
   * ---
   *
   *
   * ### **Events:**
   *  - **notif-status** - The connection status changed; `event.status`, `event.detail`.
   * - **notif-error** - A frame was rejected or the connection failed; `event.error`, `event.raw`.
   *
   * ### **Slots:**
   *  - _default_ - The elements that read the store: bell, feed, toaster, preferences.
   */
  "notif-provider": DefineComponent<NotifProviderProps>;

  /**
   * One notification as a toast: icon, title, body, actions and a dismiss button.
   * ---
   *
   *
   * ### **Events:**
   *  - **notif-click** - The toast or one of its actions was activated; `event.notification`, `event.action`. Cancelable: prevent it to skip mark-read, navigation and dismissal.
   * - **notif-read** - After an unread notification's click: a request to mark it read. Cancelable: prevent it to keep it unread.
   * - **notif-dismiss** - The toast is about to be dismissed; `event.notification` (undefined without one), `event.reason` (`button`, `timeout`, `swipe`, `escape` or `click`). Cancelable: prevent it to keep the toast.
   *
   * ### **Methods:**
   *  - **dismiss(reason: _DismissReason_): _boolean_** - Asks to dismiss the toast: fires a cancelable `notif-dismiss` and, unless
   * it is prevented, hides the toast. Returns whether it was dismissed (false
   * when prevented or already hidden).
   *
   * ### **Slots:**
   *  - _default_ - The title, used when there is no `.notification` (the toaster's summary toast uses it).
   * - **icon** - Replaces the notification's icon.
   * - **actions** - Replaces the notification's action buttons and links.
   *
   * ### **CSS Properties:**
   *  - **--notif-toast-width** - Largest width of a toast. _(default: 360px)_
   * - **--notif-toast-bg** - Background of a toast. _(default: var(--notif-surface))_
   * - **--notif-toast-shadow** - Shadow of a toast. _(default: var(--notif-shadow))_
   * - **--notif-surface** - Surface color (dark: #111827). _(default: #ffffff)_
   * - **--notif-surface-alt** - Background of action buttons and hovered controls (dark: #1f2937). _(default: #f3f4f6)_
   * - **--notif-text** - Text color (dark: #f9fafb). _(default: #111827)_
   * - **--notif-muted** - Body text and dismiss icon (dark: #cbd5e1). _(default: #4b5563)_
   * - **--notif-border** - Border color (dark: #374151). _(default: #d1d5db)_
   * - **--notif-accent** - Action text and the `high` priority stripe (dark: #60a5fa). _(default: #2563eb)_
   * - **--notif-danger** - Replaces the accent for `urgent` toasts (dark: #f87171). _(default: #b91c1c)_
   * - **--notif-radius** - Corner radius. _(default: 8px)_
   * - **--notif-shadow** - Shadow token. _(default: 0 10px 30px rgb(0 0 0 / 0.18))_
   * - **--notif-font** - Font family. _(default: system-ui)_
   * - **--notif-focus-ring** - Focus outline. _(default: 2px solid var(--notif-accent))_
   * - **--notif-motion-duration** - Swipe snap-back duration (none under reduced motion). _(default: 180ms)_
   *
   * ### **CSS Parts:**
   *  - **icon** - The notification's icon image.
   * - **title** - The title (plain text, at most 2 lines).
   * - **body** - The body (plain text, clamped to 3 lines).
   * - **action** - Each action: a link when it has a `url`, else a button.
   * - **dismiss** - The dismiss button.
   */
  "notif-toast": DefineComponent<NotifToastProps>;

  /**
   * Shows new live notifications as a stack of toasts in one polite live region.
   * ---
   *
   *
   * ### **Events:**
   *  - **notif-click** - Bubbles from a toast: it or one of its actions was activated. Cancelable.
   * - **notif-dismiss** - Bubbles from a toast about to be dismissed (`button`, `timeout`, `swipe`, `escape`, `click`); the toaster removes it unless prevented.
   *
   * ### **CSS Properties:**
   *  - **--notif-toast-width** - Width of a toast (and of the stack). _(default: 360px)_
   * - **--notif-toast-z** - z-index of the stack. _(default: 1000)_
   * - **--notif-toast-gap** - Space between toasts. _(default: 8px)_
   * - **--notif-toast-offset** - Distance of the stack from the viewport edges. _(default: 16px)_
   * - **--notif-toast-offset-top** - Distance of a top stack from the top edge (e.g. the height of a fixed header). Either way a top stack starts below any `<notif-bell>` in its way. _(default: var(--notif-toast-offset))_
   * - **--notif-motion-duration** - Duration of the slide-in (none under reduced motion). _(default: 180ms)_
   *
   * ### **CSS Parts:**
   *  - **region** - The fixed stack of toasts: the live region (`role="status"`, `aria-live="polite"`).
   * - **toast** - Each toast (a `<notif-toast>`) with `data-id`; the summary toast has `data-summary` (its count) instead.
   * - **icon** - Each toast's icon (exported from the toast).
   * - **title** - Each toast's title (exported from the toast).
   * - **body** - Each toast's body (exported from the toast).
   * - **action** - Each toast's action links and buttons (exported from the toast).
   * - **dismiss** - Each toast's dismiss button (exported from the toast).
   */
  "notif-toaster": DefineComponent<NotifToasterProps>;
};

declare module "vue" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalComponents extends CustomElements {}
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}
