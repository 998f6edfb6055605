import { NotifToast } from './notif-toast.js';

if (!customElements.get('notif-toast')) customElements.define('notif-toast', NotifToast);

declare global {
  interface HTMLElementTagNameMap {
    'notif-toast': NotifToast;
  }
}
