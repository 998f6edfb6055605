import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/define.js';
import type { Notification, NotificationStore, NotifClickEvent, NotifReadEvent, Priority, RenderItem } from '../src/index.js';
import {
  arabicNotifications,
  DAY,
  hebrewNotifications,
  HOUR,
  longTextNotifications,
  manyNotifications,
  priorityNotifications,
  sampleNotifications,
  TOPICS,
  type SampleNotification,
} from './support/samples.js';
import { darkStage, note, REDUCED_MOTION_NOTE } from './support/stage.js';
import { authError, liveStore, staticStore, statusStore, useConnectedStore } from './support/stores.js';

interface FeedArgs {
  filter?: string;
  theme?: 'light' | 'dark';
  onNotifClick?: (event: NotifClickEvent) => void;
  onNotifRead?: (event: NotifReadEvent) => void;
}

type Story = StoryObj<FeedArgs>;

function feed(args: FeedArgs, store: NotificationStore, options: { renderItem?: RenderItem; empty?: unknown } = {}): TemplateResult {
  return html`<notif-feed
    style="max-inline-size:26rem;border:1px solid #d1d5db;border-radius:8px;overflow:hidden"
    .store=${store}
    .renderItem=${options.renderItem}
    filter=${args.filter ?? nothing}
    theme=${args.theme ?? nothing}
    @notif-click=${args.onNotifClick}
    @notif-read=${args.onNotifRead}
    >${options.empty ?? nothing}</notif-feed
  >`;
}

function withStore(create: () => NotificationStore): Story['render'] {
  return (args) => feed(args, useConnectedStore(create));
}

/** Older notifications, `pages` pages of five, each after `delayMs`; then none. */
function history(pages: number, delayMs = 700): (before?: string) => Promise<{ items: SampleNotification[]; next?: string }> {
  const now = Date.now();
  return async (before) => {
    const page = before?.startsWith('page-') ? Number(before.slice(5)) : 0;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const items = Array.from({ length: 5 }, (_, i): SampleNotification => {
      const n = page * 5 + i;
      return {
        id: `older-${n}`,
        topic: n % 2 ? 'comments' : 'builds',
        title: n % 2 ? `Bilal Haddad resolved a thread on pull request #${600 - n}` : `Build #${1300 - n} passed on mobile`,
        body: n % 2 ? 'Thanks, that makes sense.' : 'All 512 tests passed in 3m.',
        createdAt: now - 7 * DAY - n * 9 * HOUR,
        url: `#/older/${n}`,
        read: true,
      };
    });
    return page + 1 < pages ? { items, next: `page-${page + 1}` } : { items };
  };
}

const meta: Meta<FeedArgs> = {
  title: 'Elements/notif-feed',
  component: 'notif-feed',
  tags: ['autodocs'],
  args: { filter: 'all' },
  argTypes: {
    filter: { control: { type: 'select' }, options: ['all', 'unread', 'builds', 'comments', 'billing', 'security'] },
  },
  render: withStore(() => staticStore(sampleNotifications())),
  parameters: {
    docs: {
      description: {
        component:
          'The list on its own, as the bell’s panel shows it or as a full page. The stories pass a store through `.store`; ' +
          'inside a `<notif-provider>` the feed finds the provider’s store.',
      },
    },
  },
};
export default meta;

/** A week of notifications grouped by day (Today, Yesterday, then dates), five unread, with the sample topics as filters. */
export const Default: Story = {};

/** `filter="unread"`: only the unread ones. */
export const Unread: Story = {
  args: { filter: 'unread' },
};

/** `filter="builds"`: one topic. */
export const TopicFilter: Story = {
  args: { filter: 'builds' },
};

/**
 * Six topics in a narrow feed: the filters stay on one row and scroll sideways. They are
 * ARIA tabs: Tab reaches the selected one, arrow keys move the selection, Home and End jump.
 */
export const ManyTopics: Story = {
  render: withStore(() =>
    staticStore(sampleNotifications(), {
      topics: [
        ...TOPICS,
        { id: 'deploys', label: 'Deployments' },
        { id: 'releases', label: 'Releases' },
      ],
    }),
  ),
  decorators: [(story) => html`<div style="max-inline-size:22rem">${story()}</div>`],
};

/** Nothing at all: “You’re all caught up.” */
export const Empty: Story = {
  render: withStore(() => staticStore([])),
};

/** A filter that matches nothing: “Nothing here.” */
export const EmptyFiltered: Story = {
  args: { filter: 'unread' },
  render: withStore(() => staticStore(sampleNotifications().map((n) => ({ ...n, read: true })))),
};

/** The `empty` slot replaces the empty state. */
export const EmptySlot: Story = {
  name: 'Empty (custom slot)',
  render: (args) =>
    feed(args, useConnectedStore(() => staticStore([])), {
      empty: html`<div slot="empty" style="padding:2rem;text-align:center">
        <strong>No notifications yet</strong>
        <p style="margin:.25rem 0 0">Builds, comments and invoices will show up here.</p>
      </div>`,
    }),
};

/** The transport is connecting and nothing has arrived yet. */
export const Loading: Story = {
  render: withStore(() => statusStore('connecting')),
};

/** The transport reported `offline`: what is already there stays, with a note that more will come. */
export const Offline: Story = {
  render: withStore(() => statusStore('offline', {}, sampleNotifications())),
};

/** A store whose server never answers its actions, with two items read and one archived here. */
function waitingStore(status: 'offline' | 'open'): NotificationStore {
  const never = (): Promise<void> => new Promise(() => {});
  const store = statusStore(status, {}, sampleNotifications(), { actions: { markRead: never, archive: never } });
  store.start();
  store.flush();
  const unread = store.$items.get().filter((n) => !n.read);
  store.markRead(unread.slice(0, 2).map((n) => n.id));
  if (unread[2]) store.archive(unread[2].id);
  return store;
}

/**
 * Offline with changes waiting: the reads made here show at once, their rows are marked
 * (a fainter marker, "not synced yet" for screen readers) and the note says they will
 * sync. With `storageKey` they survive a reload and go, in order, once the network is back.
 */
export const OfflineWithPending: Story = {
  name: 'Offline, changes waiting',
  render: withStore(() => waitingStore('offline')),
};

/** Online, but the server has not taken the changes yet (it is being retried): "Syncing 3 changes…". */
export const Syncing: Story = {
  render: withStore(() => waitingStore('open')),
};

/** The transport reported `error` with a `NotifError` (401 that could not be refreshed). */
export const ConnectionError: Story = {
  name: 'Error',
  render: withStore(() => statusStore('error', authError(), sampleNotifications())),
};

/** Older pages through the store’s `history` option: scroll to the end, or press “Load older notifications”. */
export const LoadMore: Story = {
  render: withStore(() => staticStore(sampleNotifications(), { history: history(3) })),
};

/** A history page is on its way (this one never arrives). */
export const LoadingOlder: Story = {
  render: withStore(() => staticStore(sampleNotifications(), { history: () => new Promise(() => undefined) })),
};

/** Loading older notifications failed: the message and a “Try again” button. */
export const LoadOlderFailed: Story = {
  render: withStore(() => staticStore(sampleNotifications(), { history: () => Promise.reject(new Error('HTTP 503')) })),
};

/** Long titles, bodies (clamped to `--notif-body-lines`, 2) and an unbreakable hash, with three actions. */
export const LongText: Story = {
  render: withStore(() => staticStore(longTextNotifications())),
};

/** `dir="rtl" lang="ar"`: mirrored layout, Arabic relative times and day names. */
export const RightToLeftArabic: Story = {
  name: 'RTL (Arabic)',
  render: (args) => html`<div dir="rtl" lang="ar">${feed(args, useConnectedStore(() => staticStore(arabicNotifications())))}</div>`,
};

/** `dir="rtl" lang="he"`. */
export const RightToLeftHebrew: Story = {
  name: 'RTL (Hebrew)',
  render: (args) => html`<div dir="rtl" lang="he">${feed(args, useConnectedStore(() => staticStore(hebrewNotifications())))}</div>`,
};

/** One notification of each priority; items carry `data-priority` for styling. */
export const Priorities: Story = {
  render: withStore(() => staticStore(priorityNotifications())),
};

/** `theme="dark"`. Without `theme`, the feed follows `prefers-color-scheme`. */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => darkStage(feed(args, useConnectedStore(() => staticStore(sampleNotifications())))),
};

/** 10,000 notifications: only the visible rows are in the DOM. */
export const TenThousand: Story = {
  name: '10,000 items (virtualized)',
  render: withStore(() => staticStore(manyNotifications(10_000), { maxItems: 10_000 })),
};

/** The feed has no motion of its own besides hover transitions; under reduced motion those are instant. */
export const ReducedMotion: Story = {
  render: (args) => note(REDUCED_MOTION_NOTE, feed(args, useConnectedStore(() => liveStore({ seed: sampleNotifications(), limit: 20 })))),
};

const PRIORITY_COLORS: Record<Priority, string> = { low: '#6b7280', normal: '#2563eb', high: '#d97706', urgent: '#b91c1c' };

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** A custom item: avatar initials from `data.author`, a topic chip and a priority colour. Text goes through Lit bindings only. */
const cardItem: RenderItem = (n: Notification): TemplateResult => {
  const author = typeof n.data?.author === 'string' ? n.data.author : (n.topic ?? 'System');
  const color = PRIORITY_COLORS[n.priority ?? 'normal'];
  return html`<div style="display:grid;grid-template-columns:2.25rem 1fr;gap:.75rem;padding:.75rem 1rem;align-items:start">
    <span
      aria-hidden="true"
      style="display:grid;place-items:center;inline-size:2.25rem;block-size:2.25rem;border-radius:50%;background:${color};color:#fff;font-weight:600;font-size:.8rem"
      >${initials(author)}</span
    >
    <span style="display:grid;gap:.125rem;min-inline-size:0">
      <span style="display:flex;gap:.5rem;align-items:baseline">
        <strong style="font-weight:${n.read ? 400 : 650}">${n.title}</strong>
      </span>
      ${n.body ? html`<span style="color:#4b5563;overflow-wrap:anywhere">${n.body}</span>` : nothing}
      <span style="display:flex;gap:.5rem;font-size:.75rem;color:#6b7280">
        <span style="border:1px solid currentColor;border-radius:999px;padding:0 .4rem">${n.topic ?? 'general'}</span>
        <time datetime=${new Date(n.createdAt).toISOString()}>${new Date(n.createdAt).toLocaleString()}</time>
      </span>
    </span>
  </div>`;
};

/** `.renderItem` replaces the item template; the feed still owns the row (focus, keyboard, `data-id`, `data-read`). */
export const CustomRenderItem: Story = {
  name: 'Custom renderItem',
  render: (args) =>
    feed(
      args,
      useConnectedStore(() =>
        staticStore(
          sampleNotifications().map((n, i) => ({
            ...n,
            data: { author: ['Chen Wei', 'Grace Mensah', 'Security bot', 'Billing', 'CI'][i % 5] },
          })),
        ),
      ),
      { renderItem: cardItem },
    ),
};
