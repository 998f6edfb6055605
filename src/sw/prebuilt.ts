// The prebuilt worker, `dist/notif-sw.js`, for an app that serves a worker file as is:
// `navigator.serviceWorker.register('/notif-sw.js?defaultUrl=/inbox')`.
import { installNotifWorker } from './index.js';

declare const self: ServiceWorkerGlobalScope;

installNotifWorker({ defaultUrl: new URL(self.location.href).searchParams.get('defaultUrl') ?? '/' });
