// The toaster renders <notif-toast> elements, so registering it registers those too.
import '../notif-toast/notif-toast.define.js';
import { NotifToaster } from './notif-toaster.js';

if (!customElements.get('notif-toaster')) customElements.define('notif-toaster', NotifToaster);

declare global {
  interface HTMLElementTagNameMap {
    'notif-toaster': NotifToaster;
  }
}
