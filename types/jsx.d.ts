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
  defaultBellStrings,
  defaultFeedStrings,
  defaultPreferencesStrings,
  defaultToastStrings,
  defaultToasterStrings,
} from "notif-elements";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 * @deprecated Runtime scoped elements result in duplicate types and can confusing for developers. It is recommended to use the `prefix` and `suffix` options to generate new types instead.
 */
export type ScopedElements<
  Prefix extends string = "",
  Suffix extends string = "",
> = {
  [
    Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`
  ]: CustomElements[Key];
};

type BaseProps<T extends HTMLElement> = {
  /** Content added between the opening and closing tags of the element */
  children?: any | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string | undefined;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined> | undefined;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl" | undefined;
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string | undefined;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string | undefined;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string | undefined;
  /** A unique identifier for the element. */
  id?: string | undefined;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number | undefined;
  /** Specifies the language of the element. */
  lang?: string | undefined;
  /** Defines the element's semantic role for accessibility APIs. */
  role?: string | undefined;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string | undefined;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: (T | ((e: T) => void)) | undefined;
  /** Adds a reference for a custom element slot */
  slot?: string | undefined;
  /** Prop for setting inline styles */
  style?: Record<string, string | number> | undefined;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number | undefined;
  /** Specifies the tooltip text for the element. */
  title?: string | undefined;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no" | undefined;
  /** The popover global attribute is used to designate an element as a popover element. */
  popover?: "auto" | "hint" | "manual" | undefined;
  /** Turns an element element into a popover control button; takes the ID of the popover element to control as its value. */
  popovertarget?: "top" | "bottom" | "left" | "right" | "auto" | undefined;
  /** Specifies the action to be performed on a popover element being controlled by a control element. */
  popovertargetaction?: "show" | "hide" | "toggle" | undefined;
};

type BaseEvents = {};

export type NotifBellProps = {
  /** Counts above this show as "99+" (default 99). */
  "max-count"?: NotifBell["maxCount"] | undefined;
  /** Counts above this show as "99+" (default 99). */
  maxCount?: NotifBell["maxCount"] | undefined;
  /** Replaces "Notifications" in the button's accessible name. */
  label?: NotifBell["label"] | undefined;
  /** Whether the panel is open; set it to open or close the panel. */
  open?: NotifBell["open"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifBell["theme"] | undefined;
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  store?: NotifBell["store"] | undefined;
  /** Overrides for the bell's strings. */
  strings?: NotifBell["strings"] | undefined;
  /** Overrides for the strings of the feed in the panel. */
  feedStrings?: NotifBell["feedStrings"] | undefined;
  /** Passed to the feed in the panel. */
  renderItem?: NotifBell["renderItem"] | undefined;

  /** The panel opened. */
  "onnotif-open"?: ((e: NotifOpenEvent) => void) | undefined;
  /** The panel closed. */
  "onnotif-close"?: ((e: NotifCloseEvent) => void) | undefined;
};

export type NotifBellSolidJsProps = {
  /** Counts above this show as "99+" (default 99). */
  "attr:max-count"?: NotifBell["maxCount"] | undefined;
  /** Counts above this show as "99+" (default 99). */
  "prop:maxCount"?: NotifBell["maxCount"] | undefined;
  /** Replaces "Notifications" in the button's accessible name. */
  "prop:label"?: NotifBell["label"] | undefined;
  /** Whether the panel is open; set it to open or close the panel. */
  "prop:open"?: NotifBell["open"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  "prop:theme"?: NotifBell["theme"] | undefined;
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  "prop:store"?: NotifBell["store"] | undefined;
  /** Overrides for the bell's strings. */
  "prop:strings"?: NotifBell["strings"] | undefined;
  /** Overrides for the strings of the feed in the panel. */
  "prop:feedStrings"?: NotifBell["feedStrings"] | undefined;
  /** Passed to the feed in the panel. */
  "prop:renderItem"?: NotifBell["renderItem"] | undefined;
  /** The panel opened. */
  "on:notif-open"?: ((e: NotifOpenEvent) => void) | undefined;
  /** The panel closed. */
  "on:notif-close"?: ((e: NotifCloseEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type NotifFeedProps = {
  /** `all` (default), `unread`, or a topic id. */
  filter?: NotifFeed["filter"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifFeed["theme"] | undefined;
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  store?: NotifFeed["store"] | undefined;
  /** Replaces the default item template entirely. It is rendered afresh for each
notification, so state inside it (an open `<details>`, a field) never passes to
another notification when scrolling reuses the row. */
  renderItem?: NotifFeed["renderItem"] | undefined;
  /** Overrides for any visible string. */
  strings?: NotifFeed["strings"] | undefined;

  /** A notification or one of its actions was activated; cancelable (prevents mark-read and navigation). */
  "onnotif-click"?: ((e: NotifClickEvent) => void) | undefined;
  /** Request to mark notifications read (an activated item, or "mark all as read"); cancelable. */
  "onnotif-read"?: ((e: NotifReadEvent) => void) | undefined;
};

export type NotifFeedSolidJsProps = {
  /** `all` (default), `unread`, or a topic id. */
  "prop:filter"?: NotifFeed["filter"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  "prop:theme"?: NotifFeed["theme"] | undefined;
  /** The store to read; defaults to the nearest `<notif-provider>`'s. */
  "prop:store"?: NotifFeed["store"] | undefined;
  /** Replaces the default item template entirely. It is rendered afresh for each
notification, so state inside it (an open `<details>`, a field) never passes to
another notification when scrolling reuses the row. */
  "prop:renderItem"?: NotifFeed["renderItem"] | undefined;
  /** Overrides for any visible string. */
  "prop:strings"?: NotifFeed["strings"] | undefined;
  /** A notification or one of its actions was activated; cancelable (prevents mark-read and navigation). */
  "on:notif-click"?: ((e: NotifClickEvent) => void) | undefined;
  /** Request to mark notifications read (an activated item, or "mark all as read"); cancelable. */
  "on:notif-read"?: ((e: NotifReadEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type NotifPreferencesProps = {
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifPreferences["theme"] | undefined;
  /** The store to read and update; defaults to the nearest `<notif-provider>`'s. */
  store?: NotifPreferences["store"] | undefined;
  /** Topics to show, instead of the store's; their values still come from the store. */
  topics?: NotifPreferences["topics"] | undefined;
  /** Overrides for any visible string. */
  strings?: NotifPreferences["strings"] | undefined;

  /** A toggle changed; `event.topic`, `event.channel`, `event.enabled`. Cancelable: preventing it leaves the store and the checkbox as they were. */
  "onnotif-preferences-change"?:
    ((e: NotifPreferencesChangeEvent) => void) | undefined;
};

export type NotifPreferencesSolidJsProps = {
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  "prop:theme"?: NotifPreferences["theme"] | undefined;
  /** The store to read and update; defaults to the nearest `<notif-provider>`'s. */
  "prop:store"?: NotifPreferences["store"] | undefined;
  /** Topics to show, instead of the store's; their values still come from the store. */
  "prop:topics"?: NotifPreferences["topics"] | undefined;
  /** Overrides for any visible string. */
  "prop:strings"?: NotifPreferences["strings"] | undefined;
  /** A toggle changed; `event.topic`, `event.channel`, `event.enabled`. Cancelable: preventing it leaves the store and the checkbox as they were. */
  "on:notif-preferences-change"?:
    ((e: NotifPreferencesChangeEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type NotifProviderProps = {
  /** URL of the push endpoint. Changing it reconnects the same store (items kept, cursor reset). */
  src?: NotifProvider["src"] | undefined;
  /** Which push source `src` speaks: `sse` (default), `websocket` or `poll`. */
  transport?: NotifProvider["transport"] | undefined;
  /** Persist read state and preferences in localStorage under this key. Read when the store is created. */
  "storage-key"?: NotifProvider["storageKey"] | undefined;
  /** Persist read state and preferences in localStorage under this key. Read when the store is created. */
  storageKey?: NotifProvider["storageKey"] | undefined;
  /** Most notifications kept (default 500). Read when the store is created. */
  "max-items"?: NotifProvider["maxItems"] | undefined;
  /** Most notifications kept (default 500). Read when the store is created. */
  maxItems?: NotifProvider["maxItems"] | undefined;
  /** One connection for every tab of this browser showing the same `src`: one tab holds
it and relays to the others, read state and preferences stay in step, and only a
visible tab toasts. Read when the store is created. */
  "cross-tab"?: NotifProvider["crossTab"] | undefined;
  /** One connection for every tab of this browser showing the same `src`: one tab holds
it and relays to the others, read state and preferences stay in step, and only a
visible tab toasts. Read when the store is created. */
  crossTab?: NotifProvider["crossTab"] | undefined;
  /** Where else the unread count shows, space-separated: `title` ("(3) My app"),
`favicon` (a dot with the count on the page's icon), `app` (the installed app's badge). */
  badge?: NotifProvider["badge"] | undefined;
  /** The topics people can opt in to or out of. */
  topics?: NotifProvider["topics"] | undefined;
  /** The store in use: the one set here, else the one made from `src` (created
when the provider connects). Setting a store takes precedence over `src`;
the app owns a store it sets (the provider starts it, never stops it). */
  store?: NotifProvider["store"] | undefined;

  /** The connection status changed; `event.status`, `event.detail`. */
  "onnotif-status"?: ((e: NotifStatusEvent) => void) | undefined;
  /** A frame was rejected or the connection failed; `event.error`, `event.raw`. */
  "onnotif-error"?: ((e: NotifErrorEvent) => void) | undefined;
};

export type NotifProviderSolidJsProps = {
  /** URL of the push endpoint. Changing it reconnects the same store (items kept, cursor reset). */
  "prop:src"?: NotifProvider["src"] | undefined;
  /** Which push source `src` speaks: `sse` (default), `websocket` or `poll`. */
  "prop:transport"?: NotifProvider["transport"] | undefined;
  /** Persist read state and preferences in localStorage under this key. Read when the store is created. */
  "attr:storage-key"?: NotifProvider["storageKey"] | undefined;
  /** Persist read state and preferences in localStorage under this key. Read when the store is created. */
  "prop:storageKey"?: NotifProvider["storageKey"] | undefined;
  /** Most notifications kept (default 500). Read when the store is created. */
  "attr:max-items"?: NotifProvider["maxItems"] | undefined;
  /** Most notifications kept (default 500). Read when the store is created. */
  "prop:maxItems"?: NotifProvider["maxItems"] | undefined;
  /** One connection for every tab of this browser showing the same `src`: one tab holds
it and relays to the others, read state and preferences stay in step, and only a
visible tab toasts. Read when the store is created. */
  "bool:cross-tab"?: NotifProvider["crossTab"] | undefined;
  /** One connection for every tab of this browser showing the same `src`: one tab holds
it and relays to the others, read state and preferences stay in step, and only a
visible tab toasts. Read when the store is created. */
  "prop:crossTab"?: NotifProvider["crossTab"] | undefined;
  /** Where else the unread count shows, space-separated: `title` ("(3) My app"),
`favicon` (a dot with the count on the page's icon), `app` (the installed app's badge). */
  "prop:badge"?: NotifProvider["badge"] | undefined;
  /** The topics people can opt in to or out of. */
  "prop:topics"?: NotifProvider["topics"] | undefined;
  /** The store in use: the one set here, else the one made from `src` (created
when the provider connects). Setting a store takes precedence over `src`;
the app owns a store it sets (the provider starts it, never stops it). */
  "prop:store"?: NotifProvider["store"] | undefined;
  /** The connection status changed; `event.status`, `event.detail`. */
  "on:notif-status"?: ((e: NotifStatusEvent) => void) | undefined;
  /** A frame was rejected or the connection failed; `event.error`, `event.raw`. */
  "on:notif-error"?: ((e: NotifErrorEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type NotifToastProps = {
  /** `low`, `normal`, `high` or `urgent`; follows the notification's priority unless set. `urgent` is announced with `role="alert"`. */
  priority?: NotifToast["priority"] | undefined;
  /** Milliseconds until the toast dismisses itself (reason `timeout`); 0 (default) keeps it. Values under 4000 count as 4000. */
  duration?: NotifToast["duration"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme?: NotifToast["theme"] | undefined;
  /** The notification to show. Text fields render as plain text; URLs must pass the URL rule. */
  notification?: NotifToast["notification"] | undefined;
  /** Overrides for any of the visible strings (`dismiss`); the rest stay English. */
  strings?: NotifToast["strings"] | undefined;
  /** The store to mark the notification read in; defaults to the provider's. */
  store?: NotifToast["store"] | undefined;

  /** The toast or one of its actions was activated; `event.notification`, `event.action`. Cancelable: prevent it to skip mark-read, navigation and dismissal. */
  "onnotif-click"?: ((e: NotifClickEvent) => void) | undefined;
  /** After an unread notification's click: a request to mark it read. Cancelable: prevent it to keep it unread. */
  "onnotif-read"?: ((e: NotifReadEvent) => void) | undefined;
  /** The toast is about to be dismissed; `event.notification` (undefined without one), `event.reason` (`button`, `timeout`, `swipe`, `escape` or `click`). Cancelable: prevent it to keep the toast. */
  "onnotif-dismiss"?: ((e: NotifDismissEvent) => void) | undefined;
};

export type NotifToastSolidJsProps = {
  /** `low`, `normal`, `high` or `urgent`; follows the notification's priority unless set. `urgent` is announced with `role="alert"`. */
  "prop:priority"?: NotifToast["priority"] | undefined;
  /** Milliseconds until the toast dismisses itself (reason `timeout`); 0 (default) keeps it. Values under 4000 count as 4000. */
  "prop:duration"?: NotifToast["duration"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  "prop:theme"?: NotifToast["theme"] | undefined;
  /** The notification to show. Text fields render as plain text; URLs must pass the URL rule. */
  "prop:notification"?: NotifToast["notification"] | undefined;
  /** Overrides for any of the visible strings (`dismiss`); the rest stay English. */
  "prop:strings"?: NotifToast["strings"] | undefined;
  /** The store to mark the notification read in; defaults to the provider's. */
  "prop:store"?: NotifToast["store"] | undefined;
  /** The toast or one of its actions was activated; `event.notification`, `event.action`. Cancelable: prevent it to skip mark-read, navigation and dismissal. */
  "on:notif-click"?: ((e: NotifClickEvent) => void) | undefined;
  /** After an unread notification's click: a request to mark it read. Cancelable: prevent it to keep it unread. */
  "on:notif-read"?: ((e: NotifReadEvent) => void) | undefined;
  /** The toast is about to be dismissed; `event.notification` (undefined without one), `event.reason` (`button`, `timeout`, `swipe`, `escape` or `click`). Cancelable: prevent it to keep the toast. */
  "on:notif-dismiss"?: ((e: NotifDismissEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type NotifToasterProps = {
  /** Where the stack sits: `top-start`, `top-center`, `top-end` (default), `bottom-start`, `bottom-center`, `bottom-end`. */
  position?: NotifToaster["position"] | undefined;
  /** Milliseconds each toast stays (default 6000, at least 4000); 0 keeps toasts until dismissed. */
  duration?: NotifToaster["duration"] | undefined;
  /** Most toasts visible at once, the summary included (default 3). */
  max?: NotifToaster["max"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. Passed on to the toasts. */
  theme?: NotifToaster["theme"] | undefined;
  /** Overrides for any of the visible strings (`region`, `summary`, `dismiss`); the rest stay English. */
  strings?: NotifToaster["strings"] | undefined;
  /** The store to read; defaults to the nearest provider's. */
  store?: NotifToaster["store"] | undefined;

  /** Bubbles from a toast: it or one of its actions was activated. Cancelable. */
  "onnotif-click"?: ((e: NotifClickEvent) => void) | undefined;
  /** Bubbles from a toast about to be dismissed (`button`, `timeout`, `swipe`, `escape`, `click`); the toaster removes it unless prevented. */
  "onnotif-dismiss"?: ((e: NotifDismissEvent) => void) | undefined;
};

export type NotifToasterSolidJsProps = {
  /** Where the stack sits: `top-start`, `top-center`, `top-end` (default), `bottom-start`, `bottom-center`, `bottom-end`. */
  "prop:position"?: NotifToaster["position"] | undefined;
  /** Milliseconds each toast stays (default 6000, at least 4000); 0 keeps toasts until dismissed. */
  "prop:duration"?: NotifToaster["duration"] | undefined;
  /** Most toasts visible at once, the summary included (default 3). */
  "prop:max"?: NotifToaster["max"] | undefined;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. Passed on to the toasts. */
  "prop:theme"?: NotifToaster["theme"] | undefined;
  /** Overrides for any of the visible strings (`region`, `summary`, `dismiss`); the rest stay English. */
  "prop:strings"?: NotifToaster["strings"] | undefined;
  /** The store to read; defaults to the nearest provider's. */
  "prop:store"?: NotifToaster["store"] | undefined;
  /** Bubbles from a toast: it or one of its actions was activated. Cancelable. */
  "on:notif-click"?: ((e: NotifClickEvent) => void) | undefined;
  /** Bubbles from a toast about to be dismissed (`button`, `timeout`, `swipe`, `escape`, `click`); the toaster removes it unless prevented. */
  "on:notif-dismiss"?: ((e: NotifDismissEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type CustomElements = {
  /**
   * A bell button with an unread badge that opens the notification feed in a
   * panel (the Popover API: it sits in the top layer, so `overflow: hidden`
   * ancestors never clip it). Its accessible name says the count
   * ("Notifications, 3 unread"); Escape or a click outside closes the panel and
   * returns focus to the button. It rings, quietly, when something new arrives
   * (not under `prefers-reduced-motion`), and shows when the connection is down.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `max-count`/`maxCount`: Counts above this show as "99+" (default 99).
   * - `label`: Replaces "Notifications" in the button's accessible name.
   * - `open`: Whether the panel is open; set it to open or close the panel.
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `store`: The store to read; defaults to the nearest `<notif-provider>`'s. (property only)
   * - `strings`: Overrides for the bell's strings. (property only)
   * - `feedStrings`: Overrides for the strings of the feed in the panel. (property only)
   * - `renderItem`: Passed to the feed in the panel. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-open`: The panel opened.
   * - `notif-close`: The panel closed.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `icon`: Replaces the bell icon.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-badge-color`: Badge background. (default: `var(--notif-accent)`)
   * - `--notif-badge-text-color`: Badge text. (default: `#ffffff`)
   * - `--notif-bell-size`: Size of the button. (default: `2.5rem`)
   * - `--notif-bell-bg`: Button background. (default: `transparent`)
   * - `--notif-bell-color`: Icon color. (default: `currentColor`)
   * - `--notif-panel-width`: Width of the panel. (default: `24rem`)
   * - `--notif-accent`: Accent color. (default: `#2563eb`)
   * - `--notif-surface`: Panel background. (default: `#ffffff`)
   * - `--notif-border`: Panel border. (default: `#d1d5db`)
   * - `--notif-radius`: Panel corner radius. (default: `8px`)
   * - `--notif-shadow`: Panel shadow. (default: `0 10px 30px rgb(0 0 0 / 0.18)`)
   * - `--notif-danger`: Error indicator. (default: `#b91c1c`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `button`: The native button.
   * - `badge`: The unread count (hidden at 0; "99+" past `max-count`).
   * - `status`: The offline / error indicator.
   * - `panel`: The popover panel that holds the feed.
   */
  "notif-bell": Partial<NotifBellProps & BaseProps<NotifBell> & BaseEvents>;

  /**
   * The notification list: newest first, grouped by day, with filters, "mark all
   * as read", an empty state, and older pages through `store.loadMore()`.
   * Virtualized: with 100,000 notifications only the visible rows are in the DOM.
   * Arrow keys move between items, Enter activates one, Tab reaches its actions.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `filter`: `all` (default), `unread`, or a topic id.
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `store`: The store to read; defaults to the nearest `<notif-provider>`'s. (property only)
   * - `renderItem`: Replaces the default item template entirely. It is rendered afresh for each
   * notification, so state inside it (an open `<details>`, a field) never passes to
   * another notification when scrolling reuses the row. (property only)
   * - `strings`: Overrides for any visible string. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-click`: A notification or one of its actions was activated; cancelable (prevents mark-read and navigation).
   * - `notif-read`: Request to mark notifications read (an activated item, or "mark all as read"); cancelable.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `empty`: Shown when there is nothing to list (default: "You're all caught up.").
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Moves keyboard focus to the first (or the current) notification.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-feed-height`: Height of the scrolling list. (default: `26rem`)
   * - `--notif-body-lines`: Lines of body text shown before it is clamped. (default: `2`)
   * - `--notif-item-unread-bg`: Background of unread items. (default: `color-mix(in srgb, var(--notif-accent) 8%, var(--notif-surface))`)
   * - `--notif-accent`: Accent color (unread marker, active filter, links). (default: `#2563eb`)
   * - `--notif-surface`: Background. (default: `#ffffff`)
   * - `--notif-surface-alt`: Hover background. (default: `#f3f4f6`)
   * - `--notif-text`: Text color. (default: `#111827`)
   * - `--notif-muted`: Secondary text color. (default: `#4b5563`)
   * - `--notif-border`: Separators. (default: `#d1d5db`)
   * - `--notif-danger`: Error text. (default: `#b91c1c`)
   * - `--notif-radius`: Corner radius. (default: `8px`)
   * - `--notif-font`: Font family. (default: `system-ui`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `list`: The scrolling list (role list).
   * - `item`: One notification row, with `data-id`, `data-read="true|false"` and `data-pending="true"` while its change waits for the server.
   * - `icon`: The notification's icon image.
   * - `title`: The notification's title.
   * - `body`: The notification's body, clamped.
   * - `time`: The relative time.
   * - `action`: Each action link or button.
   * - `empty`: The empty state.
   * - `mark-all`: The "mark all as read" button.
   * - `load-more`: The "load older notifications" button.
   */
  "notif-feed": Partial<NotifFeedProps & BaseProps<NotifFeed> & BaseEvents>;

  /**
   * Opt-in per topic × channel, as native checkboxes in one fieldset per topic.
   * Topics come from `.topics`, else the store's; with none declared, one row
   * covers every notification. A change is a request: it fires
   * `notif-preferences-change` and, unless that is prevented, updates the store.
   * Turning on a desktop toggle asks the browser's permission from that click,
   * never on load; a desktop toggle shows as on only while the preference is on
   * and the browser allows desktop notifications.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `store`: The store to read and update; defaults to the nearest `<notif-provider>`'s. (property only)
   * - `topics`: Topics to show, instead of the store's; their values still come from the store. (property only)
   * - `strings`: Overrides for any visible string. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-preferences-change`: A toggle changed; `event.topic`, `event.channel`, `event.enabled`. Cancelable: preventing it leaves the store and the checkbox as they were.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-preferences-gap`: Space between and inside the topic groups. (default: `0.75rem`)
   * - `--notif-preferences-toggle-size`: Width and height of each checkbox. (default: `1.125rem`)
   * - `--notif-accent`: Checkbox color. (default: `#2563eb`)
   * - `--notif-surface`: Background. (default: `#ffffff`)
   * - `--notif-text`: Text color. (default: `#111827`)
   * - `--notif-muted`: Permission status and disabled labels. (default: `#4b5563`)
   * - `--notif-border`: Topic group borders. (default: `#d1d5db`)
   * - `--notif-danger`: "Blocked in browser settings" text. (default: `#b91c1c`)
   * - `--notif-radius`: Corner radius of the topic groups. (default: `8px`)
   * - `--notif-font`: Font family. (default: `system-ui`)
   * - `--notif-focus-ring`: Outline of the focused checkbox. (default: `2px solid var(--notif-accent)`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `form`: The form holding one fieldset per topic.
   * - `toggle`: Each native checkbox, with `data-topic` and `data-channel` (`feed`, `toast`, `desktop`).
   * - `status`: The line saying whether the browser allows desktop notifications.
   */
  "notif-preferences": Partial<
    NotifPreferencesProps & BaseProps<NotifPreferences> & BaseEvents
  >;

  /**
   * Owns a notification store and provides it, by context, to every `notif-*`
   * element inside it. Give it `src` (and optionally `transport`) for the common
   * case, or a store built in code through `.store`. It renders nothing of its own.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `src`: URL of the push endpoint. Changing it reconnects the same store (items kept, cursor reset).
   * - `transport`: Which push source `src` speaks: `sse` (default), `websocket` or `poll`.
   * - `storage-key`/`storageKey`: Persist read state and preferences in localStorage under this key. Read when the store is created.
   * - `max-items`/`maxItems`: Most notifications kept (default 500). Read when the store is created.
   * - `cross-tab`/`crossTab`: One connection for every tab of this browser showing the same `src`: one tab holds
   * it and relays to the others, read state and preferences stay in step, and only a
   * visible tab toasts. Read when the store is created.
   * - `badge`: Where else the unread count shows, space-separated: `title` ("(3) My app"),
   * `favicon` (a dot with the count on the page's icon), `app` (the installed app's badge).
   * - `topics`: The topics people can opt in to or out of. (property only)
   * - `store`: The store in use: the one set here, else the one made from `src` (created
   * when the provider connects). Setting a store takes precedence over `src`;
   * the app owns a store it sets (the provider starts it, never stops it). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-status`: The connection status changed; `event.status`, `event.detail`.
   * - `notif-error`: A frame was rejected or the connection failed; `event.error`, `event.raw`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The elements that read the store: bell, feed, toaster, preferences.
   */
  "notif-provider": Partial<
    NotifProviderProps & BaseProps<NotifProvider> & BaseEvents
  >;

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
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `priority`: `low`, `normal`, `high` or `urgent`; follows the notification's priority unless set. `urgent` is announced with `role="alert"`.
   * - `duration`: Milliseconds until the toast dismisses itself (reason `timeout`); 0 (default) keeps it. Values under 4000 count as 4000.
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `notification`: The notification to show. Text fields render as plain text; URLs must pass the URL rule. (property only)
   * - `strings`: Overrides for any of the visible strings (`dismiss`); the rest stay English. (property only)
   * - `store`: The store to mark the notification read in; defaults to the provider's. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-click`: The toast or one of its actions was activated; `event.notification`, `event.action`. Cancelable: prevent it to skip mark-read, navigation and dismissal.
   * - `notif-read`: After an unread notification's click: a request to mark it read. Cancelable: prevent it to keep it unread.
   * - `notif-dismiss`: The toast is about to be dismissed; `event.notification` (undefined without one), `event.reason` (`button`, `timeout`, `swipe`, `escape` or `click`). Cancelable: prevent it to keep the toast.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The title, used when there is no `.notification` (the toaster's summary toast uses it).
   * - `icon`: Replaces the notification's icon.
   * - `actions`: Replaces the notification's action buttons and links.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `dismiss(reason: DismissReason = 'button') => boolean`: Asks to dismiss the toast: fires a cancelable `notif-dismiss` and, unless
   * it is prevented, hides the toast. Returns whether it was dismissed (false
   * when prevented or already hidden).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-toast-width`: Largest width of a toast. (default: `360px`)
   * - `--notif-toast-bg`: Background of a toast. (default: `var(--notif-surface)`)
   * - `--notif-toast-shadow`: Shadow of a toast. (default: `var(--notif-shadow)`)
   * - `--notif-surface`: Surface color (dark: #111827). (default: `#ffffff`)
   * - `--notif-surface-alt`: Background of action buttons and hovered controls (dark: #1f2937). (default: `#f3f4f6`)
   * - `--notif-text`: Text color (dark: #f9fafb). (default: `#111827`)
   * - `--notif-muted`: Body text and dismiss icon (dark: #cbd5e1). (default: `#4b5563`)
   * - `--notif-border`: Border color (dark: #374151). (default: `#d1d5db`)
   * - `--notif-accent`: Action text and the `high` priority stripe (dark: #60a5fa). (default: `#2563eb`)
   * - `--notif-danger`: Replaces the accent for `urgent` toasts (dark: #f87171). (default: `#b91c1c`)
   * - `--notif-radius`: Corner radius. (default: `8px`)
   * - `--notif-shadow`: Shadow token. (default: `0 10px 30px rgb(0 0 0 / 0.18)`)
   * - `--notif-font`: Font family. (default: `system-ui`)
   * - `--notif-focus-ring`: Focus outline. (default: `2px solid var(--notif-accent)`)
   * - `--notif-motion-duration`: Swipe snap-back duration (none under reduced motion). (default: `180ms`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `icon`: The notification's icon image.
   * - `title`: The title (plain text, at most 2 lines).
   * - `body`: The body (plain text, clamped to 3 lines).
   * - `action`: Each action: a link when it has a `url`, else a button.
   * - `dismiss`: The dismiss button.
   */
  "notif-toast": Partial<NotifToastProps & BaseProps<NotifToast> & BaseEvents>;

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
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `position`: Where the stack sits: `top-start`, `top-center`, `top-end` (default), `bottom-start`, `bottom-center`, `bottom-end`.
   * - `duration`: Milliseconds each toast stays (default 6000, at least 4000); 0 keeps toasts until dismissed.
   * - `max`: Most toasts visible at once, the summary included (default 3).
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`. Passed on to the toasts.
   * - `strings`: Overrides for any of the visible strings (`region`, `summary`, `dismiss`); the rest stay English. (property only)
   * - `store`: The store to read; defaults to the nearest provider's. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-click`: Bubbles from a toast: it or one of its actions was activated. Cancelable.
   * - `notif-dismiss`: Bubbles from a toast about to be dismissed (`button`, `timeout`, `swipe`, `escape`, `click`); the toaster removes it unless prevented.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-toast-width`: Width of a toast (and of the stack). (default: `360px`)
   * - `--notif-toast-z`: z-index of the stack. (default: `1000`)
   * - `--notif-toast-gap`: Space between toasts. (default: `8px`)
   * - `--notif-toast-offset`: Distance of the stack from the viewport edges. (default: `16px`)
   * - `--notif-toast-offset-top`: Distance of a top stack from the top edge (e.g. the height of a fixed header). Either way a top stack starts below any `<notif-bell>` in its way. (default: `var(--notif-toast-offset)`)
   * - `--notif-motion-duration`: Duration of the slide-in (none under reduced motion). (default: `180ms`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `region`: The fixed stack of toasts: the live region (`role="status"`, `aria-live="polite"`).
   * - `toast`: Each toast (a `<notif-toast>`) with `data-id`; the summary toast has `data-summary` (its count) instead.
   * - `icon`: Each toast's icon (exported from the toast).
   * - `title`: Each toast's title (exported from the toast).
   * - `body`: Each toast's body (exported from the toast).
   * - `action`: Each toast's action links and buttons (exported from the toast).
   * - `dismiss`: Each toast's dismiss button (exported from the toast).
   */
  "notif-toaster": Partial<
    NotifToasterProps & BaseProps<NotifToaster> & BaseEvents
  >;
};

export type CustomElementsSolidJs = {
  /**
   * A bell button with an unread badge that opens the notification feed in a
   * panel (the Popover API: it sits in the top layer, so `overflow: hidden`
   * ancestors never clip it). Its accessible name says the count
   * ("Notifications, 3 unread"); Escape or a click outside closes the panel and
   * returns focus to the button. It rings, quietly, when something new arrives
   * (not under `prefers-reduced-motion`), and shows when the connection is down.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `max-count`/`maxCount`: Counts above this show as "99+" (default 99).
   * - `label`: Replaces "Notifications" in the button's accessible name.
   * - `open`: Whether the panel is open; set it to open or close the panel.
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `store`: The store to read; defaults to the nearest `<notif-provider>`'s. (property only)
   * - `strings`: Overrides for the bell's strings. (property only)
   * - `feedStrings`: Overrides for the strings of the feed in the panel. (property only)
   * - `renderItem`: Passed to the feed in the panel. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-open`: The panel opened.
   * - `notif-close`: The panel closed.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `icon`: Replaces the bell icon.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-badge-color`: Badge background. (default: `var(--notif-accent)`)
   * - `--notif-badge-text-color`: Badge text. (default: `#ffffff`)
   * - `--notif-bell-size`: Size of the button. (default: `2.5rem`)
   * - `--notif-bell-bg`: Button background. (default: `transparent`)
   * - `--notif-bell-color`: Icon color. (default: `currentColor`)
   * - `--notif-panel-width`: Width of the panel. (default: `24rem`)
   * - `--notif-accent`: Accent color. (default: `#2563eb`)
   * - `--notif-surface`: Panel background. (default: `#ffffff`)
   * - `--notif-border`: Panel border. (default: `#d1d5db`)
   * - `--notif-radius`: Panel corner radius. (default: `8px`)
   * - `--notif-shadow`: Panel shadow. (default: `0 10px 30px rgb(0 0 0 / 0.18)`)
   * - `--notif-danger`: Error indicator. (default: `#b91c1c`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `button`: The native button.
   * - `badge`: The unread count (hidden at 0; "99+" past `max-count`).
   * - `status`: The offline / error indicator.
   * - `panel`: The popover panel that holds the feed.
   */
  "notif-bell": Partial<
    NotifBellProps & NotifBellSolidJsProps & BaseProps<NotifBell> & BaseEvents
  >;

  /**
   * The notification list: newest first, grouped by day, with filters, "mark all
   * as read", an empty state, and older pages through `store.loadMore()`.
   * Virtualized: with 100,000 notifications only the visible rows are in the DOM.
   * Arrow keys move between items, Enter activates one, Tab reaches its actions.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `filter`: `all` (default), `unread`, or a topic id.
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `store`: The store to read; defaults to the nearest `<notif-provider>`'s. (property only)
   * - `renderItem`: Replaces the default item template entirely. It is rendered afresh for each
   * notification, so state inside it (an open `<details>`, a field) never passes to
   * another notification when scrolling reuses the row. (property only)
   * - `strings`: Overrides for any visible string. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-click`: A notification or one of its actions was activated; cancelable (prevents mark-read and navigation).
   * - `notif-read`: Request to mark notifications read (an activated item, or "mark all as read"); cancelable.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `empty`: Shown when there is nothing to list (default: "You're all caught up.").
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Moves keyboard focus to the first (or the current) notification.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-feed-height`: Height of the scrolling list. (default: `26rem`)
   * - `--notif-body-lines`: Lines of body text shown before it is clamped. (default: `2`)
   * - `--notif-item-unread-bg`: Background of unread items. (default: `color-mix(in srgb, var(--notif-accent) 8%, var(--notif-surface))`)
   * - `--notif-accent`: Accent color (unread marker, active filter, links). (default: `#2563eb`)
   * - `--notif-surface`: Background. (default: `#ffffff`)
   * - `--notif-surface-alt`: Hover background. (default: `#f3f4f6`)
   * - `--notif-text`: Text color. (default: `#111827`)
   * - `--notif-muted`: Secondary text color. (default: `#4b5563`)
   * - `--notif-border`: Separators. (default: `#d1d5db`)
   * - `--notif-danger`: Error text. (default: `#b91c1c`)
   * - `--notif-radius`: Corner radius. (default: `8px`)
   * - `--notif-font`: Font family. (default: `system-ui`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `list`: The scrolling list (role list).
   * - `item`: One notification row, with `data-id`, `data-read="true|false"` and `data-pending="true"` while its change waits for the server.
   * - `icon`: The notification's icon image.
   * - `title`: The notification's title.
   * - `body`: The notification's body, clamped.
   * - `time`: The relative time.
   * - `action`: Each action link or button.
   * - `empty`: The empty state.
   * - `mark-all`: The "mark all as read" button.
   * - `load-more`: The "load older notifications" button.
   */
  "notif-feed": Partial<
    NotifFeedProps & NotifFeedSolidJsProps & BaseProps<NotifFeed> & BaseEvents
  >;

  /**
   * Opt-in per topic × channel, as native checkboxes in one fieldset per topic.
   * Topics come from `.topics`, else the store's; with none declared, one row
   * covers every notification. A change is a request: it fires
   * `notif-preferences-change` and, unless that is prevented, updates the store.
   * Turning on a desktop toggle asks the browser's permission from that click,
   * never on load; a desktop toggle shows as on only while the preference is on
   * and the browser allows desktop notifications.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `store`: The store to read and update; defaults to the nearest `<notif-provider>`'s. (property only)
   * - `topics`: Topics to show, instead of the store's; their values still come from the store. (property only)
   * - `strings`: Overrides for any visible string. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-preferences-change`: A toggle changed; `event.topic`, `event.channel`, `event.enabled`. Cancelable: preventing it leaves the store and the checkbox as they were.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-preferences-gap`: Space between and inside the topic groups. (default: `0.75rem`)
   * - `--notif-preferences-toggle-size`: Width and height of each checkbox. (default: `1.125rem`)
   * - `--notif-accent`: Checkbox color. (default: `#2563eb`)
   * - `--notif-surface`: Background. (default: `#ffffff`)
   * - `--notif-text`: Text color. (default: `#111827`)
   * - `--notif-muted`: Permission status and disabled labels. (default: `#4b5563`)
   * - `--notif-border`: Topic group borders. (default: `#d1d5db`)
   * - `--notif-danger`: "Blocked in browser settings" text. (default: `#b91c1c`)
   * - `--notif-radius`: Corner radius of the topic groups. (default: `8px`)
   * - `--notif-font`: Font family. (default: `system-ui`)
   * - `--notif-focus-ring`: Outline of the focused checkbox. (default: `2px solid var(--notif-accent)`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `form`: The form holding one fieldset per topic.
   * - `toggle`: Each native checkbox, with `data-topic` and `data-channel` (`feed`, `toast`, `desktop`).
   * - `status`: The line saying whether the browser allows desktop notifications.
   */
  "notif-preferences": Partial<
    NotifPreferencesProps &
      NotifPreferencesSolidJsProps &
      BaseProps<NotifPreferences> &
      BaseEvents
  >;

  /**
   * Owns a notification store and provides it, by context, to every `notif-*`
   * element inside it. Give it `src` (and optionally `transport`) for the common
   * case, or a store built in code through `.store`. It renders nothing of its own.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `src`: URL of the push endpoint. Changing it reconnects the same store (items kept, cursor reset).
   * - `transport`: Which push source `src` speaks: `sse` (default), `websocket` or `poll`.
   * - `storage-key`/`storageKey`: Persist read state and preferences in localStorage under this key. Read when the store is created.
   * - `max-items`/`maxItems`: Most notifications kept (default 500). Read when the store is created.
   * - `cross-tab`/`crossTab`: One connection for every tab of this browser showing the same `src`: one tab holds
   * it and relays to the others, read state and preferences stay in step, and only a
   * visible tab toasts. Read when the store is created.
   * - `badge`: Where else the unread count shows, space-separated: `title` ("(3) My app"),
   * `favicon` (a dot with the count on the page's icon), `app` (the installed app's badge).
   * - `topics`: The topics people can opt in to or out of. (property only)
   * - `store`: The store in use: the one set here, else the one made from `src` (created
   * when the provider connects). Setting a store takes precedence over `src`;
   * the app owns a store it sets (the provider starts it, never stops it). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-status`: The connection status changed; `event.status`, `event.detail`.
   * - `notif-error`: A frame was rejected or the connection failed; `event.error`, `event.raw`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The elements that read the store: bell, feed, toaster, preferences.
   */
  "notif-provider": Partial<
    NotifProviderProps &
      NotifProviderSolidJsProps &
      BaseProps<NotifProvider> &
      BaseEvents
  >;

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
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `priority`: `low`, `normal`, `high` or `urgent`; follows the notification's priority unless set. `urgent` is announced with `role="alert"`.
   * - `duration`: Milliseconds until the toast dismisses itself (reason `timeout`); 0 (default) keeps it. Values under 4000 count as 4000.
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`.
   * - `notification`: The notification to show. Text fields render as plain text; URLs must pass the URL rule. (property only)
   * - `strings`: Overrides for any of the visible strings (`dismiss`); the rest stay English. (property only)
   * - `store`: The store to mark the notification read in; defaults to the provider's. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-click`: The toast or one of its actions was activated; `event.notification`, `event.action`. Cancelable: prevent it to skip mark-read, navigation and dismissal.
   * - `notif-read`: After an unread notification's click: a request to mark it read. Cancelable: prevent it to keep it unread.
   * - `notif-dismiss`: The toast is about to be dismissed; `event.notification` (undefined without one), `event.reason` (`button`, `timeout`, `swipe`, `escape` or `click`). Cancelable: prevent it to keep the toast.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The title, used when there is no `.notification` (the toaster's summary toast uses it).
   * - `icon`: Replaces the notification's icon.
   * - `actions`: Replaces the notification's action buttons and links.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `dismiss(reason: DismissReason = 'button') => boolean`: Asks to dismiss the toast: fires a cancelable `notif-dismiss` and, unless
   * it is prevented, hides the toast. Returns whether it was dismissed (false
   * when prevented or already hidden).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-toast-width`: Largest width of a toast. (default: `360px`)
   * - `--notif-toast-bg`: Background of a toast. (default: `var(--notif-surface)`)
   * - `--notif-toast-shadow`: Shadow of a toast. (default: `var(--notif-shadow)`)
   * - `--notif-surface`: Surface color (dark: #111827). (default: `#ffffff`)
   * - `--notif-surface-alt`: Background of action buttons and hovered controls (dark: #1f2937). (default: `#f3f4f6`)
   * - `--notif-text`: Text color (dark: #f9fafb). (default: `#111827`)
   * - `--notif-muted`: Body text and dismiss icon (dark: #cbd5e1). (default: `#4b5563`)
   * - `--notif-border`: Border color (dark: #374151). (default: `#d1d5db`)
   * - `--notif-accent`: Action text and the `high` priority stripe (dark: #60a5fa). (default: `#2563eb`)
   * - `--notif-danger`: Replaces the accent for `urgent` toasts (dark: #f87171). (default: `#b91c1c`)
   * - `--notif-radius`: Corner radius. (default: `8px`)
   * - `--notif-shadow`: Shadow token. (default: `0 10px 30px rgb(0 0 0 / 0.18)`)
   * - `--notif-font`: Font family. (default: `system-ui`)
   * - `--notif-focus-ring`: Focus outline. (default: `2px solid var(--notif-accent)`)
   * - `--notif-motion-duration`: Swipe snap-back duration (none under reduced motion). (default: `180ms`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `icon`: The notification's icon image.
   * - `title`: The title (plain text, at most 2 lines).
   * - `body`: The body (plain text, clamped to 3 lines).
   * - `action`: Each action: a link when it has a `url`, else a button.
   * - `dismiss`: The dismiss button.
   */
  "notif-toast": Partial<
    NotifToastProps &
      NotifToastSolidJsProps &
      BaseProps<NotifToast> &
      BaseEvents
  >;

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
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `position`: Where the stack sits: `top-start`, `top-center`, `top-end` (default), `bottom-start`, `bottom-center`, `bottom-end`.
   * - `duration`: Milliseconds each toast stays (default 6000, at least 4000); 0 keeps toasts until dismissed.
   * - `max`: Most toasts visible at once, the summary included (default 3).
   * - `theme`: `light` or `dark`; unset follows `prefers-color-scheme`. Passed on to the toasts.
   * - `strings`: Overrides for any of the visible strings (`region`, `summary`, `dismiss`); the rest stay English. (property only)
   * - `store`: The store to read; defaults to the nearest provider's. (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `notif-click`: Bubbles from a toast: it or one of its actions was activated. Cancelable.
   * - `notif-dismiss`: Bubbles from a toast about to be dismissed (`button`, `timeout`, `swipe`, `escape`, `click`); the toaster removes it unless prevented.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--notif-toast-width`: Width of a toast (and of the stack). (default: `360px`)
   * - `--notif-toast-z`: z-index of the stack. (default: `1000`)
   * - `--notif-toast-gap`: Space between toasts. (default: `8px`)
   * - `--notif-toast-offset`: Distance of the stack from the viewport edges. (default: `16px`)
   * - `--notif-toast-offset-top`: Distance of a top stack from the top edge (e.g. the height of a fixed header). Either way a top stack starts below any `<notif-bell>` in its way. (default: `var(--notif-toast-offset)`)
   * - `--notif-motion-duration`: Duration of the slide-in (none under reduced motion). (default: `180ms`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `region`: The fixed stack of toasts: the live region (`role="status"`, `aria-live="polite"`).
   * - `toast`: Each toast (a `<notif-toast>`) with `data-id`; the summary toast has `data-summary` (its count) instead.
   * - `icon`: Each toast's icon (exported from the toast).
   * - `title`: Each toast's title (exported from the toast).
   * - `body`: Each toast's body (exported from the toast).
   * - `action`: Each toast's action links and buttons (exported from the toast).
   * - `dismiss`: Each toast's dismiss button (exported from the toast).
   */
  "notif-toaster": Partial<
    NotifToasterProps &
      NotifToasterSolidJsProps &
      BaseProps<NotifToaster> &
      BaseEvents
  >;
};

export type CustomCssProperties = {
  /** Badge background. */
  "--notif-badge-color"?: string | undefined;
  /** Badge text. */
  "--notif-badge-text-color"?: string | undefined;
  /** Size of the button. */
  "--notif-bell-size"?: string | undefined;
  /** Button background. */
  "--notif-bell-bg"?: string | undefined;
  /** Icon color. */
  "--notif-bell-color"?: string | undefined;
  /** Width of the panel. */
  "--notif-panel-width"?: string | undefined;
  /** Accent color. */
  "--notif-accent"?: string | undefined;
  /** Panel background. */
  "--notif-surface"?: string | undefined;
  /** Panel border. */
  "--notif-border"?: string | undefined;
  /** Panel corner radius. */
  "--notif-radius"?: string | undefined;
  /** Panel shadow. */
  "--notif-shadow"?: string | undefined;
  /** Error indicator. */
  "--notif-danger"?: string | undefined;
  /** Height of the scrolling list. */
  "--notif-feed-height"?: string | undefined;
  /** Lines of body text shown before it is clamped. */
  "--notif-body-lines"?: string | undefined;
  /** Background of unread items. */
  "--notif-item-unread-bg"?: string | undefined;
  /** Hover background. */
  "--notif-surface-alt"?: string | undefined;
  /** Text color. */
  "--notif-text"?: string | undefined;
  /** Secondary text color. */
  "--notif-muted"?: string | undefined;
  /** Font family. */
  "--notif-font"?: string | undefined;
  /** Space between and inside the topic groups. */
  "--notif-preferences-gap"?: string | undefined;
  /** Width and height of each checkbox. */
  "--notif-preferences-toggle-size"?: string | undefined;
  /** Outline of the focused checkbox. */
  "--notif-focus-ring"?: string | undefined;
  /** Largest width of a toast. */
  "--notif-toast-width"?: string | undefined;
  /** Background of a toast. */
  "--notif-toast-bg"?: string | undefined;
  /** Shadow of a toast. */
  "--notif-toast-shadow"?: string | undefined;
  /** Swipe snap-back duration (none under reduced motion). */
  "--notif-motion-duration"?: string | undefined;
  /** z-index of the stack. */
  "--notif-toast-z"?: string | undefined;
  /** Space between toasts. */
  "--notif-toast-gap"?: string | undefined;
  /** Distance of the stack from the viewport edges. */
  "--notif-toast-offset"?: string | undefined;
  /** Distance of a top stack from the top edge (e.g. the height of a fixed header). Either way a top stack starts below any `<notif-bell>` in its way. */
  "--notif-toast-offset-top"?: string | undefined;
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-dev-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@builder.io/qwik" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@stencil/core" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "hono/jsx" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react-native" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "solid-js" {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare global {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}
