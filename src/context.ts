import { createContext } from '@lit/context';
import type { NotificationStore } from './core/store/index.js';

/** The context key through which `<notif-provider>` hands its store to the elements inside it. */
export const notificationStoreContext = createContext<NotificationStore | undefined>(Symbol.for('notif-elements/store'));
