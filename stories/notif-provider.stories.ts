import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { useMemo } from 'storybook/preview-api';
import '../src/define.js';
import '../src/elements/notif-toaster/notif-toaster.define.js';
import {
  createNotificationStore,
  fromSubscribe,
  type NotifErrorEvent,
  type NotificationStore,
  type NotifStatusEvent,
} from '../src/index.js';
import { nextLiveNotification, sampleNotifications, TOPICS } from './support/samples.js';
import { liveStore, useConnectedStore } from './support/stores.js';

interface ProviderArgs {
  src?: string;
  transport?: 'sse' | 'websocket' | 'poll';
  'storage-key'?: string;
  'max-items'?: number;
  onNotifStatus?: (event: NotifStatusEvent) => void;
  onNotifError?: (event: NotifErrorEvent) => void;
}

type Story = StoryObj<ProviderArgs>;

/** A small app shell: the elements inside the provider find its store by context; none is given `.store`. */
function shell(args: ProviderArgs, store: NotificationStore, aside: unknown = null): TemplateResult {
  return html`<notif-provider .store=${store} .topics=${TOPICS} @notif-status=${args.onNotifStatus} @notif-error=${args.onNotifError}>
    <div style="display:grid;gap:1rem;font:14px system-ui,sans-serif;color:#111827">
      <header style="display:flex;align-items:center;justify-content:space-between;padding:.5rem 1rem;border:1px solid #d1d5db;border-radius:8px">
        <strong>Acme Console</strong>
        <notif-bell></notif-bell>
      </header>
      <div style="display:grid;grid-template-columns:minmax(0,26rem) minmax(0,1fr);gap:1rem;align-items:start">
        <notif-feed style="border:1px solid #d1d5db;border-radius:8px;overflow:hidden"></notif-feed>
        ${aside}
      </div>
    </div>
    <notif-toaster position="bottom-end"></notif-toaster>
  </notif-provider>`;
}

const attributeNote = 'Read when the provider creates its own store from `src`; these stories give it a store through `.store` instead.';

const meta: Meta<ProviderArgs> = {
  title: 'Elements/notif-provider',
  component: 'notif-provider',
  tags: ['autodocs'],
  argTypes: {
    src: { control: false, description: `URL of the push endpoint. ${attributeNote}` },
    transport: { control: false, options: ['sse', 'websocket', 'poll'] },
    'storage-key': { control: false },
    'max-items': { control: false },
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          'Owns a store and shares it, by context, with every `notif-*` element inside it. It renders nothing of its own.',
          '',
          'In plain HTML, `src` is enough (SSE by default, or `transport="websocket"` / `"poll"`):',
          '',
          '```html',
          '<notif-provider src="/events">',
          '  <notif-bell></notif-bell>',
          '  <notif-toaster position="top-end"></notif-toaster>',
          '</notif-provider>',
          '```',
          '',
          'The static Storybook has no push server, so these stories give the provider a store built in code (`.store`) whose ',
          'source is an in-browser `fromSubscribe` timer. Status changes and rejected messages show in the Actions tab ' +
            '(`notif-status`, `notif-error`).',
        ].join('\n'),
      },
    },
  },
};
export default meta;

/** Bell, feed and toaster sharing the provider’s store; a new notification arrives every five seconds. */
export const Default: Story = {
  render: (args) => shell(args, useConnectedStore(() => liveStore({ seed: sampleNotifications(), intervalMs: 5000 }))),
};

/** `.topics` on the provider: the feed shows them as filters and `<notif-preferences>` as rows. */
export const WithPreferences: Story = {
  render: (args) =>
    shell(
      args,
      useConnectedStore(() => liveStore({ seed: sampleNotifications(), intervalMs: 6000 })),
      html`<notif-preferences></notif-preferences>`,
    ),
};

/** The source goes offline and comes back in a cycle: watch the bell’s dot, the feed’s note and `notif-status` in Actions. */
export const FlakyConnection: Story = {
  render: (args) => shell(args, useConnectedStore(() => liveStore({ seed: sampleNotifications(), intervalMs: 2500, flaky: true }))),
};

/**
 * A source that sends broken messages between good ones: each is dropped and reported as a `notif-error` event
 * (listed beside the feed and in Actions) while the stream goes on. A `javascript:` URL is not an error: the URL is
 * dropped and the notification kept.
 */
export const RejectedMessages: Story = {
  render: (args) => {
    const log = useMemo(() => document.createElement('ol'), []);
    const store = useConnectedStore(() =>
      createNotificationStore({
        topics: TOPICS,
        transport: fromSubscribe((emit) => {
          emit({ type: 'snapshot', items: sampleNotifications() });
          const frames: unknown[] = [
            '{"id": "half-a-frame", "title": ',
            { id: 'no-title', body: 'A notification needs a title.' },
            { ...nextLiveNotification(), url: 'javascript:alert(1)', title: 'Kept, without its unsafe link' },
            { id: 'bad-time', title: 'Bad timestamp', createdAt: 'next Tuesday' },
            nextLiveNotification(),
          ];
          let i = 0;
          const timer = setInterval(() => {
            emit(frames[i % frames.length]);
            i++;
            if (i >= frames.length) clearInterval(timer);
          }, 800);
          return () => clearInterval(timer);
        }),
      }),
    );
    const onError = (event: NotifErrorEvent): void => {
      args.onNotifError?.(event);
      const item = document.createElement('li');
      item.textContent = `${event.error.code}: ${event.error.message}`;
      log.append(item);
    };
    return html`<div @notif-error=${onError}>
      ${shell(
        { ...args, onNotifError: undefined },
        store,
        html`<section style="font:13px/1.5 ui-monospace,monospace"><strong>notif-error events</strong>${log}</section>`,
      )}
    </div>`;
  },
};
