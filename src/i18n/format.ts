// Intl formatters are expensive to create (20–50 ms for the first on a cold page):
// made lazily, once per locale, and shared by every element.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const fullFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, lang: string, create: (lang: string) => T): T {
  let value = cache.get(lang);
  if (!value) {
    try {
      value = create(lang);
    } catch {
      value = create('en');
    }
    cache.set(lang, value);
  }
  return value;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday", and under a minute either way "now" (`jetzt`, `maintenant` …), in `lang`. */
export function formatRelative(time: number, now: number, lang: string): string {
  const format = cached(relativeFormats, lang, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  const delta = time - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return format.format(Math.round(delta / ms), unit);
  }
  // Zero seconds is the unit whose `numeric: 'auto'` phrase means "now"; zero minutes reads "this minute".
  return format.format(0, 'second');
}

/** The label of a day group: "Today", "Yesterday", else a date in `lang`. */
export function formatDay(time: number, now: number, lang: string, strings: { today: string; yesterday: string }): string {
  const day = startOfDay(time);
  const today = startOfDay(now);
  if (day === today) return strings.today;
  if (day === today - 24 * 3600_000 || day === startOfDay(today - 1)) return strings.yesterday;
  const format = cached(dayFormats, lang, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }));
  return format.format(time);
}

/** Local midnight of the day `time` falls in. */
export function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/**
 * Creates `lang`'s formatters while the page is idle: the first Intl formatter of
 * a page costs 100 ms or more (locale data), which must not land in the task that
 * renders a burst of notifications.
 */
export function warmFormats(lang: string): void {
  const warm = (): void => {
    formatRelative(0, 0, lang);
    formatDay(0, 3 * 24 * 3600_000, lang, { today: '', yesterday: '' });
    formatFull(0, lang);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 200);
}

/** An absolute timestamp for `title`/`datetime` tooltips. */
export function formatFull(time: number, lang: string): string {
  return cached(fullFormats, lang, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'full', timeStyle: 'short' })).format(time);
}
