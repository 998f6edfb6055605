import { NotifFeed } from './notif-feed.js';

if (!customElements.get('notif-feed')) customElements.define('notif-feed', NotifFeed);

declare global {
  interface HTMLElementTagNameMap {
    'notif-feed': NotifFeed;
  }
}
