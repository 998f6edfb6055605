import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
// Registered directly (it registers <notif-toast> too): the toaster may not be in src/define.ts yet.
import '../src/elements/notif-toaster/notif-toaster.define.js';
import type { ToasterPosition } from '../src/elements/notif-toaster/notif-toaster.js';
import type { NotifClickEvent, NotifDismissEvent, NotificationStore } from '../src/index.js';
import {
  arabicNotifications,
  manyNotifications,
  nextLiveNotification,
  notificationWithPriority,
  PRIORITIES,
  sampleNotifications,
  type SampleNotification,
} from './support/samples.js';
import { note, REDUCED_MOTION_NOTE } from './support/stage.js';
import { liveStore, useConnectedStore } from './support/stores.js';

interface ToasterArgs {
  position?: ToasterPosition;
  duration?: number;
  max?: number;
  theme?: 'light' | 'dark';
  onNotifClick?: (event: NotifClickEvent) => void;
  onNotifDismiss?: (event: NotifDismissEvent) => void;
}

type Story = StoryObj<ToasterArgs>;

const POSITIONS: ToasterPosition[] = ['top-start', 'top-center', 'top-end', 'bottom-start', 'bottom-center', 'bottom-end'];

/**
 * The toaster's stack is `position: fixed`. A transformed backdrop is its containing block,
 * so each story shows the stack inside a window-sized frame, on the canvas and inline on the
 * docs page alike, instead of every story's toasts piling up on the docs page's corners.
 */
function stage(content: unknown, dark = false): TemplateResult {
  const colors = dark ? 'background:#030712;color:#f9fafb' : 'background:#f3f4f6;color:#111827';
  return html`<div
    style="position:relative;transform:translateZ(0);overflow:hidden;block-size:420px;border:1px solid #d1d5db;border-radius:8px;${colors};font:14px system-ui,sans-serif"
  >
    <p style="position:absolute;inset:0;display:grid;place-items:center;margin:0;opacity:.6">The frame stands for the browser window.</p>
    ${content}
  </div>`;
}

function toaster(args: ToasterArgs, store: NotificationStore): TemplateResult {
  return html`<notif-toaster
    .store=${store}
    position=${args.position ?? nothing}
    duration=${args.duration ?? nothing}
    max=${args.max ?? nothing}
    theme=${args.theme ?? nothing}
    @notif-click=${args.onNotifClick}
    @notif-dismiss=${args.onNotifDismiss}
  ></notif-toaster>`;
}

/** `samples` arrive live together shortly after the story opens (only live notifications toast). */
function arriving(samples: () => SampleNotification[]): () => NotificationStore {
  return () => {
    const queue = samples();
    const count = queue.length;
    return liveStore({ firstAfterMs: 150, burst: count, limit: count, next: () => queue.shift() ?? nextLiveNotification() });
  };
}

/** Three notifications arriving together: a failed build, a comment and an invoice. */
const three = arriving(() => sampleNotifications().filter((n) => ['build-1432', 'comment-88', 'invoice-2024-11'].includes(n.id)));

function withStore(create: () => NotificationStore, dark = false): Story['render'] {
  return (args) => stage(toaster(args, useConnectedStore(create)), dark);
}

const meta: Meta<ToasterArgs> = {
  title: 'Elements/notif-toaster',
  component: 'notif-toaster',
  tags: ['autodocs'],
  // duration 0 keeps the toasts on screen so each state can be inspected; the default is 6000 ms.
  args: { position: 'top-end', duration: 0, max: 3 },
  argTypes: {
    position: { control: { type: 'select' }, options: POSITIONS },
  },
  render: withStore(three),
  parameters: {
    docs: {
      description: {
        component:
          'The stack of toasts for new live notifications, in one polite live region. It toasts only what arrives live ' +
          '(not snapshots, history or replays), so each story’s in-browser source sends its notifications just after the story opens. ' +
          'The stories set `duration` to 0 so toasts stay; set it in Controls (6000 is the default) to watch them expire, paused on hover and focus.',
      },
    },
  },
};
export default meta;

/** `position="top-start"`. */
export const TopStart: Story = { args: { position: 'top-start' } };

/** `position="top-center"`. */
export const TopCenter: Story = { args: { position: 'top-center' } };

/** `position="top-end"` (the default). */
export const TopEnd: Story = { args: { position: 'top-end' } };

/** `position="bottom-start"`: the newest toast sits nearest the edge. */
export const BottomStart: Story = { args: { position: 'bottom-start' } };

/** `position="bottom-center"`. */
export const BottomCenter: Story = { args: { position: 'bottom-center' } };

/** `position="bottom-end"`. */
export const BottomEnd: Story = { args: { position: 'bottom-end' } };

/** Twelve at once with `max="3"`: the two newest, and one “10 new notifications” summary toast (`data-summary`). */
export const BurstSummary: Story = {
  name: 'Burst (summary toast)',
  render: withStore(arriving(() => manyNotifications(12))),
};

/** One toast per priority (`max="4"`); the urgent one is announced as an alert. */
export const Priorities: Story = {
  args: { max: 4 },
  render: withStore(arriving(() => PRIORITIES.map((p) => notificationWithPriority(p)))),
};

/** A new notification every 2.5 s with the default 6 s duration: toasts stack, expire, and pause while hovered. */
export const LiveStream: Story = {
  args: { duration: 6000 },
  render: withStore(() => liveStore({ intervalMs: 2500, firstAfterMs: 300 })),
};

/** `dir="rtl" lang="ar"`: `top-end` is the top left. */
export const RightToLeft: Story = {
  name: 'RTL (Arabic)',
  render: (args) => html`<div dir="rtl" lang="ar">${stage(toaster(args, useConnectedStore(arriving(() => arabicNotifications().slice(0, 2)))))}</div>`,
};

/** `theme="dark"`, passed on to every toast. */
export const Dark: Story = {
  args: { theme: 'dark', max: 4 },
  render: withStore(arriving(() => PRIORITIES.map((p) => notificationWithPriority(p))), true),
};

/** Toasts slide in; under reduced motion they simply appear. */
export const ReducedMotion: Story = {
  args: { duration: 6000 },
  render: (args) => note(REDUCED_MOTION_NOTE, stage(toaster(args, useConnectedStore(() => liveStore({ intervalMs: 3000, firstAfterMs: 300 }))))),
};
