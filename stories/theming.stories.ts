import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { useMemo } from 'storybook/preview-api';
import '../src/define.js';
import '../src/elements/notif-toast/notif-toast.define.js';
import type { NotificationStore } from '../src/index.js';
import { notificationWithPriority, PRIORITIES, sampleNotifications } from './support/samples.js';
import { staticStore, useConnectedStore } from './support/stores.js';

/** Each control sets one theme token on a wrapper; every element inside inherits it. */
interface ThemeArgs {
  accent: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  danger: string;
  radius: string;
  font: string;
  shadow: string;
  badgeColor: string;
  toastWidth: string;
  /** The page behind the elements (not a token). */
  page: string;
  theme?: 'light' | 'dark';
}

type Story = StoryObj<ThemeArgs>;

const TOKENS: Record<Exclude<keyof ThemeArgs, 'page' | 'theme'>, string> = {
  accent: '--notif-accent',
  surface: '--notif-surface',
  text: '--notif-text',
  muted: '--notif-muted',
  border: '--notif-border',
  danger: '--notif-danger',
  radius: '--notif-radius',
  font: '--notif-font',
  shadow: '--notif-shadow',
  badgeColor: '--notif-badge-color',
  toastWidth: '--notif-toast-width',
};

function tokenStyle(args: ThemeArgs): Record<string, string> {
  const style: Record<string, string> = { background: args.page, padding: '1.5rem', 'border-radius': '8px' };
  for (const [arg, property] of Object.entries(TOKENS) as [keyof typeof TOKENS, string][]) {
    if (args[arg]) style[property] = args[arg];
  }
  return style;
}

function showcase(args: ThemeArgs, store: NotificationStore, toastStore: NotificationStore): TemplateResult {
  const theme = args.theme ?? nothing;
  return html`<div style=${styleMap(tokenStyle(args))}>
    <div style="display:flex;flex-wrap:wrap;gap:1.5rem;align-items:start">
      <div style="display:grid;gap:1rem;inline-size:min(26rem,100%)">
        <notif-bell .store=${store} theme=${theme}></notif-bell>
        <notif-feed
          .store=${store}
          theme=${theme}
          style="--notif-feed-height:20rem;border:1px solid var(--notif-border);border-radius:var(--notif-radius);overflow:hidden"
        ></notif-feed>
      </div>
      <div style="display:grid;gap:8px;inline-size:var(--notif-toast-width, 360px);max-inline-size:100%">
        ${[...toastStore.$items.get()].reverse().map((n) => html`<notif-toast .store=${toastStore} .notification=${n} theme=${theme}></notif-toast>`)}
      </div>
      <notif-preferences .store=${store} theme=${theme} style="inline-size:min(26rem,100%)"></notif-preferences>
    </div>
  </div>`;
}

const LIGHT: ThemeArgs = {
  accent: '#2563eb',
  surface: '#ffffff',
  text: '#111827',
  muted: '#4b5563',
  border: '#d1d5db',
  danger: '#b91c1c',
  radius: '8px',
  font: 'system-ui, sans-serif',
  shadow: '0 10px 30px rgb(0 0 0 / 0.18)',
  badgeColor: '#2563eb',
  toastWidth: '360px',
  page: '#f9fafb',
};

const color = (token: string): object => ({ control: { type: 'color' }, description: `\`${token}\`` });
const text = (token: string): object => ({ control: { type: 'text' }, description: `\`${token}\`` });

const meta: Meta<ThemeArgs> = {
  title: 'Theming',
  tags: ['autodocs'],
  args: LIGHT,
  argTypes: {
    accent: color('--notif-accent'),
    surface: color('--notif-surface'),
    text: color('--notif-text'),
    muted: color('--notif-muted'),
    border: color('--notif-border'),
    danger: color('--notif-danger'),
    radius: text('--notif-radius'),
    font: text('--notif-font'),
    shadow: text('--notif-shadow'),
    badgeColor: color('--notif-badge-color'),
    toastWidth: text('--notif-toast-width'),
    page: { control: { type: 'color' }, description: 'The page behind the elements (not a token).' },
    theme: { control: { type: 'inline-radio' }, options: ['light', 'dark'], description: 'The `theme` attribute on every element.' },
  },
  render: (args) => {
    const store = useConnectedStore(() => staticStore(sampleNotifications()));
    const toasts = useMemo(() => staticStore(PRIORITIES.map((p) => notificationWithPriority(p))), []);
    return showcase(args, store, toasts);
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component:
          'The theme tokens are CSS custom properties that every element reads: set them on any ancestor (here a wrapper `style`) ' +
          'and the bell, feed, toasts and preferences follow. Light and dark come from the same tokens: without them the elements ' +
          'use their built-in light values, or dark ones under `prefers-color-scheme: dark` or `theme="dark"`. Per-element hooks ' +
          '(`--notif-badge-color`, `--notif-toast-width`, …) and `::part()` selectors are listed on each element’s page.',
      },
    },
  },
};
export default meta;

/** The built-in light values, set explicitly so each control starts from what you see. */
export const Light: Story = {};

/** The dark values through tokens alone (no `theme` attribute needed). */
export const Dark: Story = {
  args: {
    accent: '#60a5fa',
    surface: '#111827',
    text: '#f9fafb',
    muted: '#cbd5e1',
    border: '#374151',
    danger: '#f87171',
    shadow: '0 10px 30px rgb(0 0 0 / 0.6)',
    badgeColor: '#60a5fa',
    page: '#030712',
  },
};

/** A brand theme: violet accent, warm surface, rounder corners, a serif face and wider toasts. */
export const Brand: Story = {
  args: {
    accent: '#7c3aed',
    surface: '#fffbf5',
    text: '#1c1917',
    muted: '#57534e',
    border: '#e7e5e4',
    danger: '#be123c',
    radius: '14px',
    font: 'Georgia, "Times New Roman", serif',
    shadow: '0 12px 32px rgb(124 58 237 / 0.18)',
    badgeColor: '#db2777',
    toastWidth: '420px',
    page: '#f5f5f4',
  },
};

/** High contrast: black on white, square corners, no shadow. */
export const HighContrast: Story = {
  args: {
    accent: '#000000',
    surface: '#ffffff',
    text: '#000000',
    muted: '#1f2937',
    border: '#000000',
    danger: '#9f1239',
    radius: '0px',
    shadow: 'none',
    badgeColor: '#000000',
    page: '#ffffff',
  },
};
