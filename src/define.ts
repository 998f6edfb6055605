// Registers every element: `import 'notif-elements/define'`. The provider, bell and
// toaster come at once; the feed, the preferences and the toast arrive on first use,
// as their own chunks (a page that never opens the panel never loads the feed).
import './elements/notif-provider/notif-provider.define.js';
import './elements/notif-bell/notif-bell.define.js';
import './elements/notif-toaster/notif-toaster.define.js';
import { autoload } from './elements/shared/autoload.js';

autoload({
  'notif-feed': () => import('./elements/notif-feed/notif-feed.define.js'),
  'notif-preferences': () => import('./elements/notif-preferences/notif-preferences.define.js'),
  'notif-toast': () => import('./elements/notif-toast/notif-toast.define.js'),
});
