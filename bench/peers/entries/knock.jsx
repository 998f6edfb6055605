// Knock: bell (NotificationIconButton) + feed popover, inside the providers they need.
// The stylesheet is the one Knock's docs tell you to import.
import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  KnockProvider,
  KnockFeedProvider,
  NotificationIconButton,
  NotificationFeedPopover,
} from '@knocklabs/react';
import '@knocklabs/react/dist/index.css';

function Bell() {
  const [isVisible, setIsVisible] = useState(false);
  const buttonRef = useRef(null);
  return (
    <KnockProvider apiKey="pk_test" user={{ id: 'user-1' }}>
      <KnockFeedProvider feedId="feed-1">
        <NotificationIconButton ref={buttonRef} onClick={() => setIsVisible(!isVisible)} />
        <NotificationFeedPopover
          buttonRef={buttonRef}
          isVisible={isVisible}
          onClose={() => setIsVisible(false)}
        />
      </KnockFeedProvider>
    </KnockProvider>
  );
}

createRoot(document.getElementById('app')).render(<Bell />);
