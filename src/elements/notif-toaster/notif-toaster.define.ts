// The toaster loads <notif-toast> itself, when the page is idle or with the first toast.
import { NotifToaster } from './notif-toaster.js';

if (!customElements.get('notif-toaster')) customElements.define('notif-toaster', NotifToaster);

declare global {
  interface HTMLElementTagNameMap {
    'notif-toaster': NotifToaster;
  }
}
