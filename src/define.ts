// Registers every element: `import 'notif-elements/define'`.
import './elements/notif-provider/notif-provider.define.js';
