// Realistic notifications for the demo: a CI system, a team chat, billing and security.
interface Sample {
  topic: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  title: string;
  body: string;
  url?: string;
  actions?: { id: string; label: string; url?: string }[];
}

const people = ['Anna', 'Bilal', 'Chen', 'Dara', 'Elif', 'Farid', 'Grace'];
const repos = ['web-app', 'billing-api', 'notif-elements', 'mobile'];
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
let build = 1400;

const makers: (() => Sample)[] = [
  () => {
    build++;
    return {
      topic: 'builds',
      title: `Build #${build} passed on ${pick(repos)}`,
      body: `All ${800 + Math.floor(Math.random() * 600)} tests passed in ${2 + Math.floor(Math.random() * 5)}m.`,
      url: `/builds/${build}`,
      actions: [{ id: 'open', label: 'Open build', url: `/builds/${build}` }],
    };
  },
  () => {
    build++;
    return {
      topic: 'builds',
      priority: 'high',
      title: `Build #${build} failed on ${pick(repos)}`,
      body: 'test/transports/sse.test.ts: expected 200 events, got 199.',
      url: `/builds/${build}`,
      actions: [
        { id: 'logs', label: 'View logs', url: `/builds/${build}/logs` },
        { id: 'retry', label: 'Retry' },
      ],
    };
  },
  () => ({
    topic: 'comments',
    title: `${pick(people)} commented on “Q4 roadmap”`,
    body: pick(['Looks good to me — ship it.', 'Can we move the launch to Tuesday?', 'Left two suggestions inline.']),
    url: '/docs/q4-roadmap#comments',
    actions: [{ id: 'reply', label: 'Reply' }],
  }),
  () => ({
    topic: 'comments',
    priority: 'low',
    title: `${pick(people)} mentioned you in #design`,
    body: '@you what do you think of the dark theme tokens?',
  }),
  () => ({
    topic: 'billing',
    title: 'Invoice ready',
    body: `Your invoice of €${(20 + Math.random() * 80).toFixed(2)} is ready to download.`,
    url: '/billing/invoices',
  }),
  () => ({
    topic: 'security',
    priority: 'urgent',
    title: 'New sign-in from an unknown device',
    body: 'Firefox on Linux, Lisbon, Portugal. Was this you?',
    url: '/security/sessions',
    actions: [
      { id: 'yes', label: 'It was me' },
      { id: 'no', label: 'Secure account', url: '/security' },
    ],
  }),
];

/** One random notification, to be given an id and a time by whoever publishes it. */
export function sampleNotification(): Sample {
  return pick(makers)();
}

/** How long ago, in hours, the notifications the demo starts with were sent: two days of history. */
export const SEED_HOURS_AGO = [40, 27, 5, 2, 0.5];
