import { html, nothing, type TemplateResult } from 'lit';
import { isExternalUrl } from '../../core/model/url.js';
import type { Notification } from '../../core/model/types.js';

// Notification fields reach the DOM only through Lit text and attribute bindings;
// URLs were already filtered by the normalizer's rule.

/** `rel` for a link to `url`: external links never get `window.opener` or a referrer. */
export function relFor(url: string): string | typeof nothing {
  return isExternalUrl(url, location.origin) ? 'noopener noreferrer' : nothing;
}

/** `target` for a link to `url`: external links open in a new tab. */
export function targetFor(url: string): string | typeof nothing {
  return isExternalUrl(url, location.origin) ? '_blank' : nothing;
}

/** Opens `url` the way a link with `relFor`/`targetFor` would. */
export { openUrl as follow } from '../../core/open-url.js';

/** The notification's icon as a decorative image, or nothing. */
export function iconTemplate(notification: Notification): TemplateResult | typeof nothing {
  return notification.icon
    ? html`<img part="icon" src=${notification.icon} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : nothing;
}

/**
 * An action: a link when it has a `url` (which must already be safe), else a button.
 * `onClick` gets every click on it; preventing a link's click keeps it from navigating.
 */
export function actionTemplate(label: unknown, url: string | undefined, onClick: (event: MouseEvent) => void): TemplateResult {
  return url
    ? html`<a part="action" href=${url} rel=${relFor(url)} target=${targetFor(url)} @click=${onClick}>${label}</a>`
    : html`<button part="action" type="button" @click=${onClick}>${label}</button>`;
}
