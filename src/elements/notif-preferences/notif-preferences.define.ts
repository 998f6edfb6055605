import { NotifPreferences } from './notif-preferences.js';

if (!customElements.get('notif-preferences')) customElements.define('notif-preferences', NotifPreferences);

declare global {
  interface HTMLElementTagNameMap {
    'notif-preferences': NotifPreferences;
  }
}
