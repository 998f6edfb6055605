import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/define.js';
import '../src/elements/notif-toaster/notif-toaster.define.js';
import type { NotificationStore } from '../src/index.js';
import type { ToasterPosition } from '../src/elements/notif-toaster/notif-toaster.js';
import { arabicNotifications, nextLiveNotification, sampleNotifications } from './support/samples.js';
import { liveStore, useConnectedStore } from './support/stores.js';

interface LiveArgs {
  /** Milliseconds between live notifications. */
  intervalMs: number;
  /** Notifications per arrival; more than the toaster’s free slots shows a summary toast. */
  burst: number;
  position: ToasterPosition;
  theme?: 'light' | 'dark';
}

type Story = StoryObj<LiveArgs>;

/**
 * A small app page without a provider: bell, feed, toaster and preferences all get the same
 * store through `.store`. The store's transport is `fromSubscribe` with a `setInterval`, as an
 * SDK subscription would be; `useConnectedStore` starts it after render and stops it (clearing
 * the interval) when the story closes or its interval/burst controls change.
 */
function app(args: LiveArgs, store: NotificationStore, dark = false): TemplateResult {
  const theme = args.theme ?? nothing;
  const page = dark ? 'background:#030712;color:#f9fafb;border-color:#374151' : 'background:#f9fafb;color:#111827;border-color:#d1d5db';
  return html`<div
    style="position:relative;transform:translateZ(0);min-block-size:640px;border:1px solid;border-radius:8px;font:14px system-ui,sans-serif;${page}"
  >
    <header style="display:flex;align-items:center;justify-content:space-between;padding:.5rem 1rem;border-block-end:1px solid;border-color:inherit">
      <strong>Acme Console</strong>
      <notif-bell .store=${store} theme=${theme}></notif-bell>
    </header>
    <main style="display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem;padding:1rem;align-items:start">
      <section>
        <h2 style="font-size:1rem;margin:0 0 .5rem">Inbox</h2>
        <notif-feed .store=${store} theme=${theme} style="border:1px solid;border-color:inherit;border-radius:8px;overflow:hidden"></notif-feed>
      </section>
      <section>
        <h2 style="font-size:1rem;margin:0 0 .5rem">Notification settings</h2>
        <notif-preferences .store=${store} theme=${theme}></notif-preferences>
      </section>
    </main>
    <notif-toaster .store=${store} position=${args.position} theme=${theme}></notif-toaster>
  </div>`;
}

function useLiveStore(args: LiveArgs, seed = sampleNotifications(), next = (): ReturnType<typeof nextLiveNotification> => nextLiveNotification()): NotificationStore {
  return useConnectedStore(
    () => liveStore({ seed, intervalMs: Math.max(500, args.intervalMs), burst: Math.max(1, args.burst), firstAfterMs: 1000, next }),
    [args.intervalMs, args.burst],
  );
}

const meta: Meta<LiveArgs> = {
  title: 'Live source',
  tags: ['autodocs'],
  args: { intervalMs: 4000, burst: 1, position: 'top-end' },
  argTypes: {
    intervalMs: { control: { type: 'range', min: 500, max: 15000, step: 500 }, description: 'Milliseconds between arrivals.' },
    burst: { control: { type: 'range', min: 1, max: 20, step: 1 }, description: 'Notifications per arrival.' },
    position: {
      control: { type: 'select' },
      options: ['top-start', 'top-center', 'top-end', 'bottom-start', 'bottom-center', 'bottom-end'],
    },
    theme: { control: { type: 'inline-radio' }, options: ['light', 'dark'] },
  },
  render: (args) => app(args, useLiveStore(args)),
  parameters: {
    layout: 'padded',
    docs: {
      story: { inline: false, iframeHeight: 700 },
      description: {
        component:
          'Elements fed by an in-browser push source, so the static Storybook is alive: ' +
          '`fromSubscribe((emit, status) => { const t = setInterval(() => emit(next()), ms); return () => clearInterval(t); })` ' +
          'is how any SDK callback (socket.io, Pusher, Ably, Firebase …) plugs into the store. The seed is a silent snapshot (no toasts); ' +
          'what arrives later is live: it toasts, rings the bell and joins the feed.',
      },
    },
  },
};
export default meta;

/** A new realistic notification (build, comment, invoice, mention, now and then a security alert) every few seconds. */
export const AppShell: Story = {};

/** Ten at a time: the toaster shows the newest two and one “N new notifications” summary. */
export const Burst: Story = {
  args: { burst: 10, intervalMs: 8000 },
};

/** The connection drops and comes back: the bell’s dot and the feed’s offline note follow the transport’s status. */
export const FlakyConnection: Story = {
  args: { intervalMs: 2000 },
  render: (args) =>
    app(
      args,
      useConnectedStore(
        () => liveStore({ seed: sampleNotifications(), intervalMs: Math.max(500, args.intervalMs), burst: Math.max(1, args.burst), flaky: true }),
        [args.intervalMs, args.burst],
      ),
    ),
};

/** The same page in the dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => app(args, useLiveStore(args), true),
};

/** Right to left, in Arabic. */
export const RightToLeft: Story = {
  name: 'RTL (Arabic)',
  render: (args) => {
    const seed = arabicNotifications();
    let n = 0;
    const next = (): ReturnType<typeof nextLiveNotification> => {
      const sample = seed[n++ % seed.length] ?? nextLiveNotification();
      return { ...sample, id: `${sample.id}-live-${n}`, createdAt: Date.now(), read: false };
    };
    return html`<div dir="rtl" lang="ar">${app(args, useLiveStore(args, seed, next))}</div>`;
  },
};
