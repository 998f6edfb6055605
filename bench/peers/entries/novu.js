// Novu: the framework-free UI entry of @novu/js (Solid inside, CSS inlined in the JS),
// mounting the Inbox component (bell + popover inbox).
import { NovuUI } from '@novu/js/ui';

const novu = new NovuUI({
  options: { applicationIdentifier: 'app-1', subscriber: 'user-1' },
});
novu.mountComponent({ name: 'Inbox', props: {}, element: document.getElementById('app') });
