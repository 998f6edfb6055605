import { NotifBell } from './notif-bell.js';

if (!customElements.get('notif-bell')) customElements.define('notif-bell', NotifBell);

declare global {
  interface HTMLElementTagNameMap {
    'notif-bell': NotifBell;
  }
}
