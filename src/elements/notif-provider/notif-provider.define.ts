import { NotifProvider } from './notif-provider.js';

if (!customElements.get('notif-provider')) customElements.define('notif-provider', NotifProvider);

declare global {
  interface HTMLElementTagNameMap {
    'notif-provider': NotifProvider;
  }
}
