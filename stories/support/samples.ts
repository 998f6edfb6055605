// Realistic sample notifications for the stories: CI builds, comments, invoices and
// security alerts, spread over a week so the feed's day groups show. Everything here is
// plain data; it reaches the elements only through a store (`store.add`, a transport).
import type { NotificationInput, Priority, Topic } from '../../src/index.js';

/** A notification as an app would send it (the wire format), with the fields the stories always set. */
export type SampleNotification = NotificationInput & { id: string; createdAt: number };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** The topics an app would declare; `security` defaults to desktop notifications on. */
export const TOPICS: Topic[] = [
  { id: 'builds', label: 'CI builds' },
  { id: 'comments', label: 'Comments and mentions' },
  { id: 'billing', label: 'Invoices and billing', defaults: { toast: false } },
  { id: 'security', label: 'Security alerts', defaults: { desktop: true } },
];

const people = ['Anna Kowalski', 'Bilal Haddad', 'Chen Wei', 'Dara O’Neill', 'Elif Demir', 'Farid Rahimi', 'Grace Mensah'];
const repos = ['web-app', 'billing-api', 'notif-elements', 'mobile'];

/** A week of history: newest a few minutes ago, oldest six days ago; five unread. */
export function sampleNotifications(now: number = Date.now()): SampleNotification[] {
  return [
    {
      id: 'build-1432',
      topic: 'builds',
      priority: 'high',
      title: 'Build #1432 failed on billing-api',
      body: 'test/invoices/tax.test.ts: expected 19.00 to equal 19.01 (rounding).',
      createdAt: now - 4 * MINUTE,
      url: '#/builds/1432',
      actions: [
        { id: 'logs', label: 'View logs', url: '#/builds/1432/logs' },
        { id: 'retry', label: 'Retry' },
      ],
    },
    {
      id: 'comment-88',
      topic: 'comments',
      title: 'Chen Wei commented on “Q4 roadmap”',
      body: 'Can we move the launch to Tuesday? Marketing needs one more day for the screenshots.',
      createdAt: now - 38 * MINUTE,
      url: '#/docs/q4-roadmap',
      actions: [{ id: 'reply', label: 'Reply' }],
    },
    {
      id: 'security-17',
      topic: 'security',
      priority: 'urgent',
      title: 'New sign-in from an unknown device',
      body: 'Firefox on Linux, Lisbon, Portugal. If this was not you, secure your account now.',
      createdAt: now - 2 * HOUR,
      url: '#/security/sessions',
      actions: [
        { id: 'me', label: 'It was me' },
        { id: 'secure', label: 'Secure account', url: '#/security' },
      ],
    },
    {
      id: 'invoice-2024-11',
      topic: 'billing',
      title: 'Invoice INV-2024-11 is ready',
      body: 'Your invoice of €48.00 for November is ready to download.',
      createdAt: now - 5 * HOUR,
      url: '#/billing/invoices/INV-2024-11',
    },
    {
      id: 'build-1431',
      topic: 'builds',
      title: 'Build #1431 passed on web-app',
      body: 'All 1,284 tests passed in 4m 12s.',
      createdAt: now - 7 * HOUR,
      url: '#/builds/1431',
      read: true,
    },
    {
      id: 'mention-41',
      topic: 'comments',
      priority: 'low',
      title: 'Elif Demir mentioned you in #design',
      body: '@you what do you think of the dark theme tokens?',
      createdAt: now - 1 * DAY - 2 * HOUR,
      url: '#/chat/design',
      read: true,
    },
    {
      id: 'build-1427',
      topic: 'builds',
      title: 'Deploy to production finished',
      body: 'web-app v3.18.0 is live in eu-west-1 and us-east-1.',
      createdAt: now - 1 * DAY - 6 * HOUR,
      url: '#/deploys/318',
      read: true,
    },
    {
      id: 'payment-failed-3',
      topic: 'billing',
      priority: 'high',
      title: 'Payment failed for card ending 4242',
      body: 'We could not charge €48.00. Update your card before 3 December to keep your plan.',
      createdAt: now - 2 * DAY - 3 * HOUR,
      url: '#/billing/payment-methods',
      actions: [{ id: 'update', label: 'Update card', url: '#/billing/payment-methods' }],
    },
    {
      id: 'comment-80',
      topic: 'comments',
      title: 'Grace Mensah replied to your review',
      body: 'Good catch, fixed in 3f9c2e1.',
      createdAt: now - 3 * DAY,
      url: '#/reviews/512',
      read: true,
    },
    {
      id: 'security-15',
      topic: 'security',
      title: 'Two-factor authentication turned on',
      body: 'Your account now asks for a code from your authenticator app.',
      createdAt: now - 4 * DAY - 5 * HOUR,
      url: '#/security',
      read: true,
    },
    {
      id: 'build-1410',
      topic: 'builds',
      priority: 'low',
      title: 'Nightly dependency update opened 3 pull requests',
      body: 'lit 3.3.3, nanostores 1.5.5, vite 8.3.8.',
      createdAt: now - 6 * DAY,
      url: '#/pulls?author=bot',
      read: true,
    },
  ];
}

/** `count` unread notifications, one every 20 minutes back from `now` (for the 99+ badge). */
export function manyNotifications(count: number, now: number = Date.now()): SampleNotification[] {
  return Array.from({ length: count }, (_, i) => {
    const person = people[i % people.length] ?? 'Someone';
    const repo = repos[i % repos.length] ?? 'web-app';
    return {
      id: `bulk-${i}`,
      topic: i % 3 === 0 ? 'builds' : 'comments',
      title: i % 3 === 0 ? `Build #${2000 - i} passed on ${repo}` : `${person} commented on pull request #${700 - i}`,
      body: i % 3 === 0 ? `All tests passed in ${2 + (i % 5)}m.` : 'Looks good to me, one nit inline.',
      createdAt: now - i * 20 * MINUTE,
      url: `#/items/${i}`,
    };
  });
}

/** Text that must wrap and clamp: a long title, a long body and an unbreakable token. */
export function longTextNotifications(now: number = Date.now()): SampleNotification[] {
  return [
    {
      id: 'long-1',
      topic: 'builds',
      priority: 'high',
      title:
        'Build #1433 failed on billing-api after 47 minutes because the integration suite for invoice tax rounding in the EU reverse-charge scheme timed out',
      body:
        'test/integration/invoices/eu-reverse-charge/rounding-and-currency-conversion.integration.test.ts timed out after 300000 ms. ' +
        'The last log line was “waiting for ledger service at http://ledger.internal:8443/healthz”. This usually means the ledger ' +
        'container did not start; check the service logs, the database migrations and the feature flag ledger_v2_rollout.',
      createdAt: now - 12 * MINUTE,
      url: '#/builds/1433',
      actions: [
        { id: 'logs', label: 'View the full build log' },
        { id: 'rerun', label: 'Re-run failed jobs only' },
        { id: 'mute', label: 'Mute this test for 24 hours' },
      ],
    },
    {
      id: 'long-2',
      topic: 'comments',
      title: 'Farid Rahimi commented on docs/architecture/transports-and-reconnection-with-backoff-and-resume.md',
      body: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a089f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      createdAt: now - 3 * HOUR,
      url: '#/docs/architecture',
    },
    ...sampleNotifications(now).slice(1, 3),
  ];
}

/** Arabic sample text, for `dir="rtl" lang="ar"`. */
export function arabicNotifications(now: number = Date.now()): SampleNotification[] {
  return [
    {
      id: 'ar-1',
      topic: 'builds',
      priority: 'high',
      title: 'فشل البناء رقم 1432 في billing-api',
      body: 'فشل اختبار حساب الضريبة: القيمة المتوقعة 19.00 والقيمة الفعلية 19.01.',
      createdAt: now - 6 * MINUTE,
      url: '#/builds/1432',
      actions: [
        { id: 'logs', label: 'عرض السجل' },
        { id: 'retry', label: 'إعادة المحاولة' },
      ],
    },
    {
      id: 'ar-2',
      topic: 'comments',
      title: 'علّقت ليلى على «خطة الربع الرابع»',
      body: 'هل يمكننا تأجيل الإطلاق إلى يوم الثلاثاء؟',
      createdAt: now - 2 * HOUR,
      url: '#/docs/q4-roadmap',
    },
    {
      id: 'ar-3',
      topic: 'billing',
      title: 'الفاتورة INV-2024-11 جاهزة',
      body: 'فاتورتك بقيمة 48.00 يورو لشهر نوفمبر جاهزة للتنزيل.',
      createdAt: now - 1 * DAY - 3 * HOUR,
      url: '#/billing/invoices',
      read: true,
    },
    {
      id: 'ar-4',
      topic: 'security',
      priority: 'urgent',
      title: 'تسجيل دخول جديد من جهاز غير معروف',
      body: 'فايرفوكس على لينكس، لشبونة، البرتغال. هل كان هذا أنت؟',
      createdAt: now - 3 * DAY,
      url: '#/security/sessions',
      read: true,
    },
  ];
}

/** Hebrew sample text, for `dir="rtl" lang="he"`. */
export function hebrewNotifications(now: number = Date.now()): SampleNotification[] {
  return [
    {
      id: 'he-1',
      topic: 'builds',
      title: 'בנייה מספר 1431 עברה בהצלחה ב-web-app',
      body: 'כל 1,284 הבדיקות עברו תוך 4 דקות ו-12 שניות.',
      createdAt: now - 15 * MINUTE,
      url: '#/builds/1431',
    },
    {
      id: 'he-2',
      topic: 'comments',
      priority: 'low',
      title: 'נועה הזכירה אותך בערוץ #design',
      body: 'מה דעתך על צבעי ערכת הנושא הכהה?',
      createdAt: now - 5 * HOUR,
      url: '#/chat/design',
    },
    {
      id: 'he-3',
      topic: 'billing',
      priority: 'high',
      title: 'החיוב בכרטיס המסתיים ב-4242 נכשל',
      body: 'לא הצלחנו לחייב 48.00 אירו. יש לעדכן את פרטי הכרטיס עד ה-3 בדצמבר.',
      createdAt: now - 2 * DAY,
      url: '#/billing/payment-methods',
      read: true,
    },
  ];
}

/** Labels for the topics in Hebrew, for the RTL preferences story. */
export const HEBREW_TOPICS: Topic[] = [
  { id: 'builds', label: 'בניות CI' },
  { id: 'comments', label: 'תגובות ואזכורים' },
  { id: 'billing', label: 'חשבוניות וחיובים' },
  { id: 'security', label: 'התראות אבטחה' },
];

/** One notification per priority, newest `urgent`. */
export function priorityNotifications(now: number = Date.now()): SampleNotification[] {
  const samples: Record<Priority, Omit<SampleNotification, 'id' | 'createdAt' | 'priority'>> = {
    low: { topic: 'comments', title: 'Dara O’Neill reacted 👍 to your comment', body: 'On “Q4 roadmap”.' },
    normal: { topic: 'billing', title: 'Invoice INV-2024-11 is ready', body: 'Your invoice of €48.00 is ready to download.' },
    high: {
      topic: 'builds',
      title: 'Build #1432 failed on billing-api',
      body: 'test/invoices/tax.test.ts: expected 19.00 to equal 19.01.',
      actions: [{ id: 'logs', label: 'View logs' }],
    },
    urgent: {
      topic: 'security',
      title: 'New sign-in from an unknown device',
      body: 'Firefox on Linux, Lisbon, Portugal. Was this you?',
      actions: [
        { id: 'me', label: 'It was me' },
        { id: 'secure', label: 'Secure account' },
      ],
    },
  };
  return PRIORITIES.map((priority, i) => ({
    id: `priority-${priority}`,
    priority,
    createdAt: now - (PRIORITIES.length - i) * 7 * MINUTE,
    url: `#/priority/${priority}`,
    ...samples[priority],
  }));
}

/** The sample for one priority, as a standalone toast shows it. */
export function notificationWithPriority(priority: Priority, now: number = Date.now()): SampleNotification {
  const found = priorityNotifications(now).find((n) => n.priority === priority);
  if (!found) throw new Error(`no sample for priority ${priority}`);
  return found;
}

let sequence = 0;

const liveMakers: ((n: number) => Omit<SampleNotification, 'id' | 'createdAt'>)[] = [
  (n) => ({
    topic: 'builds',
    title: `Build #${1500 + n} passed on ${repos[n % repos.length] ?? 'web-app'}`,
    body: `All ${900 + ((n * 37) % 500)} tests passed in ${2 + (n % 5)}m ${(n * 13) % 60}s.`,
    url: `#/builds/${1500 + n}`,
    actions: [{ id: 'open', label: 'Open build', url: `#/builds/${1500 + n}` }],
  }),
  (n) => ({
    topic: 'comments',
    title: `${people[n % people.length] ?? 'Someone'} commented on “Q4 roadmap”`,
    body: ['Looks good to me — ship it.', 'Can we move the launch to Tuesday?', 'Left two suggestions inline.'][n % 3],
    url: '#/docs/q4-roadmap',
    actions: [{ id: 'reply', label: 'Reply' }],
  }),
  (n) => ({
    topic: 'builds',
    priority: 'high',
    title: `Build #${1500 + n} failed on ${repos[(n + 1) % repos.length] ?? 'mobile'}`,
    body: 'test/transports/sse.test.ts: expected 200 events, got 199.',
    url: `#/builds/${1500 + n}`,
    actions: [
      { id: 'logs', label: 'View logs', url: `#/builds/${1500 + n}/logs` },
      { id: 'retry', label: 'Retry' },
    ],
  }),
  (n) => ({
    topic: 'billing',
    title: `Invoice INV-2025-${String(100 + n).padStart(4, '0')} is ready`,
    body: `Your invoice of €${(20 + ((n * 7.31) % 80)).toFixed(2)} is ready to download.`,
    url: '#/billing/invoices',
  }),
  (n) => ({
    topic: 'comments',
    priority: 'low',
    title: `${people[(n + 3) % people.length] ?? 'Someone'} mentioned you in #design`,
    body: '@you can you review the new toast spacing?',
    url: '#/chat/design',
  }),
  () => ({
    topic: 'security',
    priority: 'urgent',
    title: 'New sign-in from an unknown device',
    body: 'Chrome on Windows, Porto, Portugal. Was this you?',
    url: '#/security/sessions',
    actions: [
      { id: 'me', label: 'It was me' },
      { id: 'secure', label: 'Secure account', url: '#/security' },
    ],
  }),
];

/** The next notification of a realistic live stream; ids never repeat within a page. */
export function nextLiveNotification(now: number = Date.now()): SampleNotification {
  const n = sequence++;
  // Urgent security alerts are rare: one in every twelve.
  const maker = n % 12 === 11 ? liveMakers[5] : liveMakers[n % 5];
  return { id: `live-${n}-${now}`, createdAt: now, ...maker!(n) };
}
