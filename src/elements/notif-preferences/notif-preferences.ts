import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { allows, CHANNELS, DEFAULT_TOPIC } from '../../core/preferences.js';
import type { NotificationStore } from '../../core/store/index.js';
import type { Channel, Topic } from '../../core/model/types.js';
import { StoreController } from '../../controllers/store-controller.js';
import { NotifPreferencesChangeEvent } from '../../events/notif-preferences-change-event.js';
import { tokens } from '../../styles/tokens.js';
import { preferencesStyles } from './notif-preferences.styles.js';

/** Every visible string of `<notif-preferences>`; override any subset through `.strings`. */
export interface PreferencesStrings {
  /** Legend of the one row shown when the app declares no topics. */
  defaultTopic: string;
  feed: string;
  toast: string;
  desktop: string;
  /** Permission status: the browser has not been asked yet. */
  desktopAsk: string;
  /** Permission status: the browser's prompt is open. */
  desktopPending: string;
  /** Permission status: desktop notifications may be shown. */
  desktopAllowed: string;
  /** Permission status: the person (or the browser) refused; only browser settings can undo it. */
  desktopBlocked: string;
  /** Permission status: this browser has no desktop notifications. */
  desktopUnsupported: string;
  /** With Web Push: the subscription could not be made (the push service, the worker). */
  desktopFailed: string;
}

export const defaultPreferencesStrings: Readonly<PreferencesStrings> = Object.freeze({
  defaultTopic: 'All notifications',
  feed: 'In the feed',
  toast: 'As a toast',
  desktop: 'On the desktop',
  desktopAsk: 'Your browser will ask for permission when you turn on desktop notifications.',
  desktopPending: 'Waiting for your answer in the browser’s permission prompt…',
  desktopAllowed: 'Desktop notifications are allowed in this browser.',
  desktopBlocked: 'Blocked in browser settings. To turn them on, allow notifications for this site in the browser’s site settings.',
  desktopFailed: 'Desktop notifications could not be set up in this browser. Try again later.',
  desktopUnsupported: 'This browser does not support desktop notifications.',
});

/** The browser's desktop notification permission, or `unsupported` where there is no Notification API. */
type Permission = NotificationPermission | 'unsupported';

function desktopPermission(): Permission {
  return typeof globalThis.Notification === 'function' ? Notification.permission : 'unsupported';
}

function isChannel(value: string | undefined): value is Channel {
  return (CHANNELS as readonly (string | undefined)[]).includes(value);
}

const STATUS_ID = 'desktop-status';

/**
 * Opt-in per topic × channel, as native checkboxes in one fieldset per topic.
 * Topics come from `.topics`, else the store's; with none declared, one row
 * covers every notification. A change is a request: it fires
 * `notif-preferences-change` and, unless that is prevented, updates the store.
 * Turning on a desktop toggle asks the browser's permission from that click,
 * never on load; a desktop toggle shows as on only while the preference is on
 * and the browser allows desktop notifications.
 *
 * @summary Per-topic opt-in to the feed, toasts and desktop notifications.
 * @tag notif-preferences
 * @csspart form - The form holding one fieldset per topic.
 * @csspart toggle - Each native checkbox, with `data-topic` and `data-channel` (`feed`, `toast`, `desktop`).
 * @csspart status - The line saying whether the browser allows desktop notifications.
 * @cssprop [--notif-preferences-gap=0.75rem] - Space between and inside the topic groups.
 * @cssprop [--notif-preferences-toggle-size=1.125rem] - Width and height of each checkbox.
 * @cssprop [--notif-accent=#2563eb] - Checkbox color.
 * @cssprop [--notif-surface=#ffffff] - Background.
 * @cssprop [--notif-text=#111827] - Text color.
 * @cssprop [--notif-muted=#4b5563] - Permission status and disabled labels.
 * @cssprop [--notif-border=#d1d5db] - Topic group borders.
 * @cssprop [--notif-danger=#b91c1c] - "Blocked in browser settings" text.
 * @cssprop [--notif-radius=8px] - Corner radius of the topic groups.
 * @cssprop [--notif-font=system-ui] - Font family.
 * @cssprop [--notif-focus-ring=2px solid var(--notif-accent)] - Outline of the focused checkbox.
 * @fires {NotifPreferencesChangeEvent} notif-preferences-change - A toggle changed; `event.topic`, `event.channel`, `event.enabled`. Cancelable: preventing it leaves the store and the checkbox as they were.
 */
export class NotifPreferences extends LitElement {
  static override styles = [tokens, preferencesStyles];

  static override properties = {
    theme: { type: String, reflect: true },
    store: { attribute: false },
    topics: { attribute: false },
    strings: { attribute: false },
  };

  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** The store to read and update; defaults to the nearest `<notif-provider>`'s. */
  declare store: NotificationStore | undefined;
  /** Topics to show, instead of the store's; their values still come from the store. */
  declare topics: Topic[] | undefined;
  /** Overrides for any visible string. */
  declare strings: Partial<PreferencesStrings>;

  #store = new StoreController(
    this,
    (store) => [store.$preferences, store.$topics],
    // With webPush(): its state (subscribing, error) shows in the status line.
    (store) => (store.push ? [store.push.onState(() => this.requestUpdate())] : []),
  );
  /** Topics whose desktop toggle waits for the person's answer to the browser's permission prompt. */
  #asking = new Set<string>();
  /** The open permission request; toggles turned on meanwhile share it instead of asking again. */
  #request: Promise<Permission> | undefined;
  /** Stops listening for permission changes made in browser settings. */
  #permissionWatch: AbortController | undefined;

  constructor() {
    super();
    this.strings = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watchPermission();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#permissionWatch?.abort();
    this.#permissionWatch = undefined;
  }

  get #text(): PreferencesStrings {
    const text = { ...defaultPreferencesStrings };
    for (const [key, value] of Object.entries(this.strings) as [keyof PreferencesStrings, string | undefined][]) {
      if (typeof value === 'string') text[key] = value;
    }
    return text;
  }

  #rows(store: NotificationStore | undefined): Topic[] {
    const declared = this.topics ?? store?.$topics.get() ?? [];
    return declared.length ? declared : [{ id: DEFAULT_TOPIC, label: this.#text.defaultTopic }];
  }

  /** What the checkbox shows: the store's value; desktop only while the browser allows it too. */
  #checked(topic: string, channel: Channel): boolean {
    const store = this.#store.store;
    if (!store) return false;
    const enabled = allows(store.$preferences.get(), { topic }, channel);
    if (channel !== 'desktop') return enabled;
    return this.#asking.has(topic) || (enabled && desktopPermission() === 'granted');
  }

  /** Re-renders when the permission changes in browser settings (a query, never a request). */
  #watchPermission(): void {
    this.#permissionWatch?.abort();
    const watch = new AbortController();
    this.#permissionWatch = watch;
    const permissions = globalThis.navigator?.permissions;
    if (typeof permissions?.query !== 'function') return;
    permissions.query({ name: 'notifications' }).then(
      (status) => {
        status.addEventListener('change', () => this.requestUpdate(), { signal: watch.signal });
      },
      () => undefined,
    );
  }

  #onChange = (event: Event): void => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const topic = input.dataset.topic;
    const channel = input.dataset.channel;
    const store = this.#store.store;
    if (!store || topic === undefined || !isChannel(channel)) return;
    const enabled = input.checked;
    if (!this.dispatchEvent(new NotifPreferencesChangeEvent(topic, channel, enabled))) {
      input.checked = this.#checked(topic, channel);
      return;
    }
    if (channel === 'desktop' && enabled) {
      void this.#enableDesktop(store, input, topic);
      return;
    }
    // Unchecked while the prompt is open: the person changed their mind, whatever they answer.
    if (channel === 'desktop') this.#asking.delete(topic);
    store.setPreference(topic, channel, enabled);
  };

  // Runs inside the change handler, so the permission request carries the person's click or key press.
  async #enableDesktop(store: NotificationStore, input: HTMLInputElement, topic: string): Promise<void> {
    const permission = desktopPermission();
    if (permission === 'granted') {
      store.setPreference(topic, 'desktop', true);
      return;
    }
    if (permission !== 'default') {
      // Denied stays denied: never prompt again; the status line says where to change it.
      input.checked = false;
      this.requestUpdate();
      return;
    }
    this.#asking.add(topic);
    this.requestUpdate();
    // The async function calls requestPermission synchronously, still inside the gesture.
    this.#request ??= (async (): Promise<Permission> => {
      try {
        return await Notification.requestPermission();
      } catch {
        return desktopPermission();
      }
    })();
    const answer = await this.#request;
    this.#request = undefined;
    const stillWanted = this.#asking.delete(topic);
    if (answer === 'granted' && stillWanted) store.setPreference(topic, 'desktop', true);
    // Rendering puts the checkbox back to what now holds (off unless granted).
    this.requestUpdate();
  }

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
  };

  #status(permission: Permission, text: PreferencesStrings): string {
    if (permission === 'unsupported') return text.desktopUnsupported;
    if (this.#asking.size) return text.desktopPending;
    if (permission === 'granted' && this.#store.store?.push?.state() === 'error') return text.desktopFailed;
    if (permission === 'granted') return text.desktopAllowed;
    if (permission === 'denied') return text.desktopBlocked;
    return text.desktopAsk;
  }

  protected override render(): unknown {
    const store = this.#store.store;
    const text = this.#text;
    const permission = desktopPermission();
    return html`
      <form part="form" @change=${this.#onChange} @submit=${this.#onSubmit}>
        ${this.#rows(store).map(
          (topic) => html`
            <fieldset>
              <legend>${topic.label}</legend>
              ${CHANNELS.map((channel) => {
                const desktop = channel === 'desktop';
                return html`
                  <label>
                    <input
                      type="checkbox"
                      part="toggle"
                      data-topic=${topic.id}
                      data-channel=${channel}
                      .checked=${live(this.#checked(topic.id, channel))}
                      ?disabled=${!store || (desktop && permission === 'unsupported')}
                      aria-describedby=${desktop ? STATUS_ID : nothing}
                    />
                    <span>${text[channel]}</span>
                  </label>
                `;
              })}
            </fieldset>
          `,
        )}
        <p id=${STATUS_ID} part="status" class="status" role="status" data-permission=${permission}>
          ${this.#status(permission, text)}
        </p>
      </form>
    `;
  }
}
