import { warmFormats } from '../../i18n/format.js';
import { NotifFeed } from './notif-feed.js';

if (!customElements.get('notif-feed')) {
  customElements.define('notif-feed', NotifFeed);
  // The page's formatters, made while it is idle rather than in the first render.
  warmFormats(document.documentElement.lang || navigator.language || 'en');
}

declare global {
  interface HTMLElementTagNameMap {
    'notif-feed': NotifFeed;
  }
}
