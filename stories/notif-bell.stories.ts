import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/define.js';
import type { NotifCloseEvent, NotifOpenEvent, NotificationStore } from '../src/index.js';
import {
  arabicNotifications,
  hebrewNotifications,
  longTextNotifications,
  manyNotifications,
  priorityNotifications,
  sampleNotifications,
} from './support/samples.js';
import { darkStage, note, REDUCED_MOTION_NOTE } from './support/stage.js';
import { authError, liveStore, staticStore, statusStore, useConnectedStore } from './support/stores.js';

interface BellArgs {
  'max-count'?: number;
  label?: string;
  open?: boolean;
  theme?: 'light' | 'dark';
  onNotifOpen?: (event: NotifOpenEvent) => void;
  onNotifClose?: (event: NotifCloseEvent) => void;
}

type Story = StoryObj<BellArgs>;

function bell(args: BellArgs, store: NotificationStore): TemplateResult {
  return html`<notif-bell
    .store=${store}
    max-count=${ifDefined(args['max-count'])}
    label=${ifDefined(args.label)}
    ?open=${args.open ?? false}
    theme=${args.theme ?? nothing}
    @notif-open=${args.onNotifOpen}
    @notif-close=${args.onNotifClose}
  ></notif-bell>`;
}

/** A render function for a bell on the store `create` makes (once per story, connected while shown). */
function withStore(create: () => NotificationStore): Story['render'] {
  return (args) => bell(args, useConnectedStore(create));
}

/** Stories whose panel is open render in their own frame on the docs page: the panel sits in the top layer. */
const ownFrame = { docs: { story: { inline: false, iframeHeight: 560 } } };

const meta: Meta<BellArgs> = {
  title: 'Elements/notif-bell',
  component: 'notif-bell',
  tags: ['autodocs'],
  args: { 'max-count': 99, open: false },
  render: withStore(() => staticStore(sampleNotifications())),
  parameters: {
    docs: {
      description: {
        component:
          'A bell button with an unread badge that opens the feed in a popover panel. Every story gives the bell a store ' +
          'through `.store`; inside a `<notif-provider>` it finds the provider’s store by itself.',
      },
    },
  },
};
export default meta;

/** A week of notifications, five of them unread: the badge says 5 and the button’s name “Notifications, 5 unread”. */
export const Default: Story = {};

/** Nothing unread: no badge, and the name is just “Notifications”. */
export const AllRead: Story = {
  render: withStore(() => staticStore(sampleNotifications().map((n) => ({ ...n, read: true })))),
};

/** One unread notification. */
export const OneUnread: Story = {
  render: withStore(() => staticStore(sampleNotifications().slice(0, 1))),
};

/** 120 unread: past `max-count` (99) the badge says “99+”; the accessible name still says 120. */
export const NinetyNinePlus: Story = {
  name: '99+ badge',
  render: withStore(() => staticStore(manyNotifications(120))),
};

/** `max-count="9"`: the badge caps at “9+”. */
export const CustomMaxCount: Story = {
  args: { 'max-count': 9 },
  render: withStore(() => staticStore(manyNotifications(12))),
};

/** An empty store: no badge; the panel shows the empty state. */
export const Empty: Story = {
  args: { open: true },
  parameters: ownFrame,
  render: withStore(() => staticStore([])),
};

/** The transport is still connecting and nothing has arrived: the panel says it is loading. */
export const Loading: Story = {
  args: { open: true },
  parameters: ownFrame,
  render: withStore(() => statusStore('connecting')),
};

/** The transport reported `offline`: a grey dot on the bell, “offline” in its name, and a note in the panel. */
export const Offline: Story = {
  render: withStore(() => statusStore('offline', {}, sampleNotifications())),
};

/** The transport reported `error` (a 401 it could not recover from): a red dot and “connection problem”. */
export const ConnectionError: Story = {
  name: 'Error',
  args: { open: true },
  parameters: ownFrame,
  render: withStore(() => statusStore('error', authError(), sampleNotifications())),
};

/** `open`: the panel with the feed, anchored to the bell’s end edge. */
export const Open: Story = {
  args: { open: true },
  parameters: ownFrame,
};

/** Long titles, bodies and an unbreakable hash wrap inside the panel; bodies clamp to two lines. */
export const LongText: Story = {
  args: { open: true },
  parameters: ownFrame,
  render: withStore(() => staticStore(longTextNotifications())),
};

/** Each priority in the panel: low, normal, high and urgent. */
export const Priorities: Story = {
  args: { open: true },
  parameters: ownFrame,
  render: withStore(() => staticStore(priorityNotifications())),
};

/** `dir="rtl" lang="ar"`: the panel anchors to the bell’s start edge, times are in Arabic. */
export const RightToLeftArabic: Story = {
  name: 'RTL (Arabic)',
  args: { open: true, label: 'الإشعارات' },
  parameters: ownFrame,
  render: (args) =>
    html`<div dir="rtl" lang="ar">${bell(args, useConnectedStore(() => staticStore(arabicNotifications())))}</div>`,
};

/** `dir="rtl" lang="he"` with Hebrew text. */
export const RightToLeftHebrew: Story = {
  name: 'RTL (Hebrew)',
  args: { label: 'התראות' },
  render: (args) => html`<div dir="rtl" lang="he">${bell(args, useConnectedStore(() => staticStore(hebrewNotifications())))}</div>`,
};

/** `theme="dark"`, on a dark page. Without `theme` the bell follows `prefers-color-scheme`. */
export const Dark: Story = {
  args: { theme: 'dark', open: true },
  parameters: ownFrame,
  render: (args) => darkStage(bell(args, useConnectedStore(() => staticStore(sampleNotifications())))),
};

/**
 * A new notification every four seconds makes the bell ring; under reduced motion it does not, and the
 * badge simply updates. This story looks the same either way until something arrives.
 */
export const ReducedMotion: Story = {
  render: (args) =>
    note(
      REDUCED_MOTION_NOTE,
      bell(
        args,
        useConnectedStore(() => liveStore({ seed: sampleNotifications(), intervalMs: 4000, limit: 20 })),
      ),
    ),
};
