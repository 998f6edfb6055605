// Registers every element: `import 'notif-elements/define'`.
import './elements/notif-provider/notif-provider.define.js';
import './elements/notif-feed/notif-feed.define.js';
import './elements/notif-bell/notif-bell.define.js';
import './elements/notif-preferences/notif-preferences.define.js';
import './elements/notif-toast/notif-toast.define.js';
import './elements/notif-toaster/notif-toaster.define.js';
