import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { useMemo } from 'storybook/preview-api';
// Registered directly: the toast may not be in src/define.ts yet.
import '../src/elements/notif-toast/notif-toast.define.js';
import type { NotifClickEvent, NotifDismissEvent, Notification, NotificationStore, Priority } from '../src/index.js';
import {
  arabicNotifications,
  hebrewNotifications,
  longTextNotifications,
  notificationWithPriority,
  PRIORITIES,
  sampleNotifications,
  type SampleNotification,
} from './support/samples.js';
import { darkStage, note, REDUCED_MOTION_NOTE } from './support/stage.js';
import { staticStore } from './support/stores.js';

interface ToastArgs {
  priority?: Priority;
  duration?: number;
  theme?: 'light' | 'dark';
  onNotifClick?: (event: NotifClickEvent) => void;
  onNotifDismiss?: (event: NotifDismissEvent) => void;
}

type Story = StoryObj<ToastArgs>;

/** The samples as the store validated them: a toast shows a `Notification`, never raw input. */
function useNotifications(samples: () => SampleNotification[]): { store: NotificationStore; items: Notification[] } {
  return useMemo(() => {
    const store = staticStore(samples());
    return { store, items: store.$items.get() };
  }, []);
}

function toast(args: ToastArgs, store: NotificationStore, notification: Notification | undefined, content: unknown = nothing): TemplateResult {
  return html`<notif-toast
    .store=${store}
    .notification=${notification}
    priority=${args.priority ?? nothing}
    duration=${args.duration ?? nothing}
    theme=${args.theme ?? nothing}
    @notif-click=${args.onNotifClick}
    @notif-dismiss=${args.onNotifDismiss}
    >${content}</notif-toast
  >`;
}

/** A story showing the first of `samples` as one toast. */
function single(samples: () => SampleNotification[]): Story['render'] {
  return (args) => {
    const { store, items } = useNotifications(samples);
    return toast(args, store, items[0]);
  };
}

/** A column of toasts, one per notification. */
function column(args: ToastArgs, store: NotificationStore, items: Notification[]): TemplateResult {
  return html`<div style="display:grid;gap:8px;max-inline-size:360px">${items.map((n) => toast(args, store, n))}</div>`;
}

const meta: Meta<ToastArgs> = {
  title: 'Elements/notif-toast',
  component: 'notif-toast',
  tags: ['autodocs'],
  argTypes: {
    priority: { control: { type: 'select' }, options: PRIORITIES },
    theme: { control: { type: 'inline-radio' }, options: ['light', 'dark'] },
  },
  render: single(() => sampleNotifications().slice(1)),
  parameters: {
    docs: {
      description: {
        component:
          'One toast. `<notif-toaster>` renders these for live notifications; an app can also place one itself. ' +
          'The stories take each notification from a store (`store.$items`), as the toaster does, and pass the store so a click marks it read. ' +
          '`priority` follows the notification’s unless set. After dismissing a toast, use Remount (the toolbar’s reload icon) to see it again.',
      },
    },
  },
};
export default meta;

/** A comment with a Reply action. */
export const Default: Story = {};

/** `priority="low"`: no shadow. */
export const Low: Story = { render: single(() => [notificationWithPriority('low')]) };

/** `priority="normal"`. */
export const Normal: Story = { render: single(() => [notificationWithPriority('normal')]) };

/** `priority="high"`: an accent stripe on the start edge. */
export const High: Story = { render: single(() => [notificationWithPriority('high')]) };

/** `priority="urgent"`: the danger colour, and announced with `role="alert"`. */
export const Urgent: Story = { render: single(() => [notificationWithPriority('urgent')]) };

/** All four priorities together, low to urgent. */
export const AllPriorities: Story = {
  render: (args) => {
    const { store, items } = useNotifications(() => PRIORITIES.map((p) => notificationWithPriority(p)));
    return column(args, store, [...items].reverse());
  },
};

/** A link action (it has a `url`) and a button action. */
export const WithActions: Story = {
  render: single(() => sampleNotifications().filter((n) => n.id === 'build-1432')),
};

/** Only a title. */
export const TitleOnly: Story = {
  render: single(() => [{ id: 'title-only', title: 'Your export is ready', createdAt: Date.now() }]),
};

/** The title clamps to two lines and the body to three; long words wrap. */
export const LongText: Story = {
  render: (args) => {
    const { store, items } = useNotifications(() => longTextNotifications().slice(0, 2));
    return column(args, store, items);
  },
};

/** `dir="rtl" lang="ar"`: the stripe, icon and dismiss button mirror. */
export const RightToLeftArabic: Story = {
  name: 'RTL (Arabic)',
  render: (args) => {
    const { store, items } = useNotifications(() => arabicNotifications().slice(0, 2));
    return html`<div dir="rtl" lang="ar">${column(args, store, items)}</div>`;
  },
};

/** `dir="rtl" lang="he"`. */
export const RightToLeftHebrew: Story = {
  name: 'RTL (Hebrew)',
  render: (args) => {
    const { store, items } = useNotifications(() => hebrewNotifications().slice(0, 2));
    return html`<div dir="rtl" lang="he">${column(args, store, items)}</div>`;
  },
};

/** `theme="dark"`, every priority. */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => {
    const { store, items } = useNotifications(() => PRIORITIES.map((p) => notificationWithPriority(p)));
    return darkStage(column(args, store, [...items].reverse()));
  },
};

const avatar = svg`<circle cx="16" cy="16" r="16" fill="#7c3aed"></circle><text x="16" y="21" text-anchor="middle" font-size="13" font-family="system-ui" fill="#fff">CW</text>`;

/** The `icon` slot replaces the notification’s icon, and the `actions` slot its actions. */
export const Slots: Story = {
  render: (args) => {
    const { store, items } = useNotifications(() => sampleNotifications().filter((n) => n.id === 'comment-88'));
    return toast(
      args,
      store,
      items[0],
      html`<svg slot="icon" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">${avatar}</svg>
        <span slot="actions" style="display:flex;gap:8px;margin-block-start:8px">
          <button type="button">Reply</button>
          <button type="button">Mark as resolved</button>
        </span>`,
    );
  },
};

/** Without a `.notification` the default slot is the title: the toaster’s “N new notifications” summary. */
export const Summary: Story = {
  render: (args) => toast(args, useNotifications(() => []).store, undefined, '12 new notifications'),
};

/** `duration="8000"`: it dismisses itself after eight seconds; hovering or focusing it pauses the countdown. */
export const AutoDismiss: Story = {
  args: { duration: 8000 },
};

/** Toasts have no entrance motion of their own (the toaster slides them in); a swiped toast snaps back, instantly under reduced motion. */
export const ReducedMotion: Story = {
  render: (args) => {
    const { store, items } = useNotifications(() => sampleNotifications().slice(0, 2));
    return note(REDUCED_MOTION_NOTE, column(args, store, items));
  },
};
