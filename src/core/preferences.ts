import type { Channel, ChannelPreferences, Notification, Preferences, Topic } from './model/types.js';

/** The topic a notification without one follows. */
export const DEFAULT_TOPIC = 'default';

/** Feed and toast are on until the person turns them off; desktop is off until they opt in. */
export const CHANNEL_DEFAULTS: Readonly<ChannelPreferences> = Object.freeze({
  feed: true,
  toast: true,
  desktop: false,
});

export const CHANNELS: readonly Channel[] = ['feed', 'toast', 'desktop'];

/** What a person chose, per topic; only their explicit choices are stored. */
export type PreferenceChoices = Record<string, Partial<ChannelPreferences>>;

/** Declared defaults and stored choices, resolved into one value per topic × channel. */
export function resolvePreferences(topics: readonly Topic[], choices: PreferenceChoices): Preferences {
  const resolved: Preferences = {};
  const ids = new Set([DEFAULT_TOPIC, ...topics.map((topic) => topic.id), ...Object.keys(choices)]);
  const declared = new Map(topics.map((topic) => [topic.id, topic]));
  const fallback = { ...CHANNEL_DEFAULTS, ...declared.get(DEFAULT_TOPIC)?.defaults, ...choices[DEFAULT_TOPIC] };
  for (const id of ids) {
    // A topic the app did not declare follows the default topic, channel by channel.
    const base = declared.has(id) ? { ...CHANNEL_DEFAULTS, ...declared.get(id)?.defaults } : fallback;
    resolved[id] = { ...base, ...choices[id] };
  }
  return resolved;
}

/** Whether `notification` may use `channel` under `preferences`. */
export function allows(preferences: Preferences, notification: Pick<Notification, 'topic'>, channel: Channel): boolean {
  const topic = notification.topic ?? DEFAULT_TOPIC;
  const choice = preferences[topic] ?? preferences[DEFAULT_TOPIC] ?? CHANNEL_DEFAULTS;
  return choice[channel];
}

/** Keeps only well-formed entries of stored choices (storage is user-editable). */
export function sanitizeChoices(value: unknown): PreferenceChoices {
  const out: PreferenceChoices = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [topic, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const choice: Partial<ChannelPreferences> = {};
    for (const channel of CHANNELS) {
      const flag = (entry as Record<string, unknown>)[channel];
      if (typeof flag === 'boolean') choice[channel] = flag;
    }
    out[topic] = choice;
  }
  return out;
}
