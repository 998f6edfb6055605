// Compile-only: a React 19 app uses every element with typed attributes, properties and events.
import 'notif-elements/types/jsx';
import type { NotifClickEvent, NotificationStore } from 'notif-elements';

export function Inbox({ store }: { store: NotificationStore }) {
  const onClick = (event: NotifClickEvent): void => {
    event.preventDefault();
    console.log(event.notification.title, event.action?.id);
  };
  return (
    <notif-provider src="/events" transport="websocket" storage-key="app" max-items={200}>
      <notif-bell max-count={9} label="Alerts" onnotif-open={() => console.log('open')} />
      <notif-feed filter="unread" store={store} onnotif-click={onClick} />
      <notif-toaster position="bottom-start" duration={5000} max={2} />
      <notif-preferences theme="dark" />
    </notif-provider>
  );
}

export function Wrong() {
  return (
    <>
      {/* @ts-expect-error position only takes the six documented values */}
      <notif-toaster position="middle" />
      {/* @ts-expect-error max-count is a number */}
      <notif-bell max-count="many" />
    </>
  );
}
