import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { useEffect, useState } from 'storybook/preview-api';
import '../src/define.js';
import { unreadBadge } from '../src/index.js';
import { sampleNotifications } from './support/samples.js';
import { liveStore, useConnectedStore } from './support/stores.js';

type Story = StoryObj;

const meta: Meta = {
  title: 'Unread badge',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`unreadBadge(store, { title, favicon, appBadge })`, or `<notif-provider badge="title favicon app">`: the unread ' +
          'count where a person with twenty tabs sees it. "(3) My app" in the document title (the app’s own title changes ' +
          'are kept, the count is taken out at 0), a dot with the count on the page’s own favicon, and the app badge of an ' +
          'installed web app (`navigator.setAppBadge`). Here the title and the favicon are those of this story’s frame, shown below.',
      },
    },
  },
};
export default meta;

/** A live store with the badge in the title and on the favicon; new notifications raise the count, "mark all as read" clears it. */
export const TitleAndFavicon: Story = {
  render: () => {
    const store = useConnectedStore(() => liveStore({ seed: sampleNotifications(), intervalMs: 4000 }));
    const [seen, setSeen] = useState({ title: document.title, icon: '' });
    useEffect(() => {
      if (!document.title) document.title = 'My app';
      const stop = unreadBadge(store, { title: true, favicon: true });
      const show = (): void => setSeen({ title: document.title, icon: document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href ?? '' });
      const unsubscribe = store.$unreadCount.subscribe(() => queueMicrotask(show));
      return () => {
        unsubscribe();
        stop();
      };
    }, [store]);
    return html`<div style="font:14px system-ui,sans-serif;display:grid;gap:.75rem;max-inline-size:28rem">
      <p style="display:flex;gap:.75rem;align-items:center;margin:0">
        ${seen.icon ? html`<img src=${seen.icon} alt="The favicon" width="32" height="32" />` : null}
        <span>Document title: <strong data-title>${seen.title}</strong></span>
      </p>
      <notif-feed .store=${store} style="border:1px solid #d1d5db;border-radius:8px;overflow:hidden;--notif-feed-height:18rem"></notif-feed>
    </div>`;
  },
};
