import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import '../src/define.js';
import { createNotificationStore, type NotificationStore, type NotifPreferencesChangeEvent, type Topic } from '../src/index.js';
import { stubNoNotificationApi, stubPermission } from './support/permission.js';
import { HEBREW_TOPICS, TOPICS } from './support/samples.js';
import { darkStage, note } from './support/stage.js';
import { useConnectedStore } from './support/stores.js';

interface PreferencesArgs {
  theme?: 'light' | 'dark';
  onNotifPreferencesChange?: (event: NotifPreferencesChangeEvent) => void;
}

type Story = StoryObj<PreferencesArgs>;

function preferences(args: PreferencesArgs, store: NotificationStore, topics?: Topic[]): TemplateResult {
  return html`<notif-preferences
    style="display:block;max-inline-size:32rem"
    .store=${store}
    .topics=${topics}
    theme=${args.theme ?? nothing}
    @notif-preferences-change=${args.onNotifPreferencesChange}
  ></notif-preferences>`;
}

/** Preferences for a store that declares `topics`. */
function withTopics(args: PreferencesArgs, topics: Topic[] = TOPICS): TemplateResult {
  return preferences(args, useConnectedStore(() => createNotificationStore({ topics })));
}

const PERMISSION_NOTE =
  'A page cannot set the browser’s notification permission: only the person can, from the prompt or the site settings. ' +
  'This story replaces Notification.permission for itself only (restored when the story closes). To see the real state, ' +
  'block or allow notifications for this site in the browser’s site settings and open the “With topics” story.';

/** Stubbed stories render in their own frame on the docs page: a stub is global to the page it runs in. */
const ownFrame = { docs: { story: { inline: false, iframeHeight: 520 } } };

const meta: Meta<PreferencesArgs> = {
  title: 'Elements/notif-preferences',
  component: 'notif-preferences',
  tags: ['autodocs'],
  render: (args) => withTopics(args),
  parameters: {
    docs: {
      description: {
        component:
          'Opt-in per topic × channel as native checkboxes. Feed and toast start on; desktop starts off and asks the browser’s ' +
          'permission only from the click that turns it on. Topics come from `.topics` or the store (`createNotificationStore({ topics })`).',
      },
    },
  },
};
export default meta;

/** No topics declared: one row covers every notification. */
export const Default: Story = {
  render: (args) => preferences(args, useConnectedStore(() => createNotificationStore())),
};

/**
 * The sample topics from the store. “Invoices and billing” declares `defaults: { toast: false }`; “Security alerts” declares
 * desktop on, which shows as checked only once the browser allows desktop notifications.
 */
export const WithTopics: Story = {};

/** Topics given through `.topics` instead of the store. */
export const TopicsProperty: Story = {
  name: 'Topics via .topics',
  render: (args) =>
    preferences(
      args,
      useConnectedStore(() => createNotificationStore()),
      TOPICS.slice(0, 2),
    ),
};

/** Choices the person already made (stored with `storageKey` in a real app): comments off as toasts, builds off in the feed. */
export const ChangedChoices: Story = {
  render: (args) =>
    preferences(
      args,
      useConnectedStore(() => {
        const store = createNotificationStore({ topics: TOPICS });
        store.setPreference('comments', 'toast', false);
        store.setPreference('builds', 'feed', false);
        return store;
      }),
    ),
};

/** Permission denied: desktop toggles stay off and the status says “Blocked in browser settings”; the page never prompts again. */
export const PermissionDenied: Story = {
  beforeEach: () => stubPermission('denied'),
  parameters: ownFrame,
  render: (args) => note(PERMISSION_NOTE, withTopics(args)),
};

/** Permission granted: “Security alerts” shows desktop on (its declared default). */
export const PermissionGranted: Story = {
  beforeEach: () => stubPermission('granted'),
  parameters: ownFrame,
  render: (args) => note(PERMISSION_NOTE, withTopics(args)),
};

/** A browser without the Notification API: desktop toggles are disabled and say so. */
export const DesktopUnsupported: Story = {
  beforeEach: () => stubNoNotificationApi(),
  parameters: ownFrame,
  render: (args) => note(PERMISSION_NOTE, withTopics(args)),
};

/** `dir="rtl" lang="he"` with Hebrew topic labels and strings. */
export const RightToLeftHebrew: Story = {
  name: 'RTL (Hebrew)',
  render: (args) => html`<div dir="rtl" lang="he">
    ${html`<notif-preferences
      style="display:block;max-inline-size:32rem"
      .store=${useConnectedStore(() => createNotificationStore({ topics: HEBREW_TOPICS }))}
      .strings=${{
        feed: 'בפיד',
        toast: 'כהודעה קופצת',
        desktop: 'בשולחן העבודה',
        desktopAsk: 'הדפדפן יבקש הרשאה כשתפעילו התראות בשולחן העבודה.',
      }}
      theme=${args.theme ?? nothing}
      @notif-preferences-change=${args.onNotifPreferencesChange}
    ></notif-preferences>`}
  </div>`,
};

/** `theme="dark"`. */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => darkStage(withTopics(args)),
};
