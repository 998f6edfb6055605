import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { useEffect, useState } from 'storybook/preview-api';
import '../src/define.js';
import { createNotificationStore, crossTab, fromSubscribe, type NotificationStore, type TabRole } from '../src/index.js';
import { nextLiveNotification, TOPICS } from './support/samples.js';
import { useConnectedStore } from './support/stores.js';

type Story = StoryObj;

/**
 * A store on `crossTab(source)`. The source stands for a server connection: an interval
 * that emits a notification every 3 s, running only in the tab that holds the lock.
 */
function tabStore(): NotificationStore {
  const source = fromSubscribe((emit) => {
    const timer = setInterval(() => emit(nextLiveNotification()), 3000);
    return () => clearInterval(timer);
  });
  return createNotificationStore({ topics: TOPICS, transport: crossTab(source, { name: 'storybook-cross-tab' }) });
}

const ROLE_TEXT: Record<TabRole, string> = {
  leader: 'leader: this tab holds the one connection',
  follower: 'follower: another tab holds it; this one mirrors it',
  solo: 'solo: on its own (no Web Locks or BroadcastChannel here)',
};

function Tab(): TemplateResult {
  const store = useConnectedStore(tabStore);
  const [role, setRole] = useState<TabRole>(store.$role.get());
  useEffect(() => store.$role.subscribe(setRole), [store]);
  return html`<div style="font:14px system-ui,sans-serif;display:grid;gap:.5rem;padding:.5rem">
    <header style="display:flex;align-items:center;justify-content:space-between">
      <strong data-role=${role}>${ROLE_TEXT[role]}</strong>
      <notif-bell .store=${store}></notif-bell>
    </header>
    <notif-feed .store=${store} style="border:1px solid #d1d5db;border-radius:8px;overflow:hidden;--notif-feed-height:16rem"></notif-feed>
    <notif-toaster .store=${store} position="bottom-end"></notif-toaster>
  </div>`;
}

const meta: Meta = {
  title: 'Cross-tab',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`<notif-provider cross-tab>` or `crossTab(transport)`: every tab of the browser shares one connection. ' +
          'One tab (the leader, elected with Web Locks) holds it and relays each message over a BroadcastChannel; ' +
          'mark one read, or archive it, in one tab and it changes in the other; only a visible tab toasts. ' +
          'Close the leader (in a real browser, its tab) and the other takes over from where it was.',
      },
    },
  },
};
export default meta;

/** One tab: a bell and a feed on a cross-tab store, and which part this tab plays. */
export const OneTab: Story = {
  render: () => Tab(),
};

/**
 * Two tabs, as two iframes of this Storybook: one is the leader and holds the
 * connection, the other mirrors it. Both show the same notifications in the same
 * order; a read in one shows in the other.
 */
export const TwoTabs: Story = {
  render: () => html`<div style="display:grid;grid-template-columns:1fr 1fr;gap:1rem">
    ${[1, 2].map(
      (n) => html`<iframe
        title="Tab ${n}"
        src="iframe.html?id=cross-tab--one-tab&viewMode=story"
        style="inline-size:100%;block-size:420px;border:1px solid #d1d5db;border-radius:8px"
      ></iframe>`,
    )}
  </div>`,
};
