// Courier: the web-component popup inbox (bell button + inbox list). Styles are
// injected from JS; no stylesheet to import.
import { Courier, CourierInboxPopupMenu } from '@trycourier/courier-ui-inbox';

Courier.shared.signIn({ userId: 'user-1', jwt: 'jwt' });
if (!customElements.get('courier-inbox-popup-menu')) throw new Error('not registered');
document.body.append(new CourierInboxPopupMenu());
