// MagicBell, current React SDK (@magicbell/react): ContextProvider + FloatingInbox
// (bell button + floating inbox) and its stylesheet.
import { createRoot } from 'react-dom/client';
import Provider from '@magicbell/react/context-provider';
import FloatingInbox from '@magicbell/react/floating-inbox';
import '@magicbell/react/styles/floating-inbox.css';

createRoot(document.getElementById('app')).render(
  <Provider token="jwt">
    <FloatingInbox height={500} width={400} />
  </Provider>,
);
