// MagicBell, legacy React SDK (@magicbell/magicbell-react, emotion CSS-in-JS):
// MagicBell (the bell) rendering a FloatingNotificationInbox.
import { createRoot } from 'react-dom/client';
import MagicBell, { FloatingNotificationInbox } from '@magicbell/magicbell-react';

createRoot(document.getElementById('app')).render(
  <MagicBell apiKey="pk" userEmail="user@example.com">
    {(props) => <FloatingNotificationInbox height={450} {...props} />}
  </MagicBell>,
);
