import type { ConnectionStatus, MessageMeta, SharedChange, StatusDetail } from '../core/model/types.js';

/** Marks our messages on a BroadcastChannel another app of the origin may also use. */
export const PROTOCOL = 'notif-elements/tabs';
/** Bumped when a message's shape changes: tabs of two versions then each go their own way. */
export const VERSION = 1;

interface Envelope {
  ns: typeof PROTOCOL;
  v: number;
  /** The tab that sent it. */
  from: string;
  /** The newest leadership the sender knows of: what a leader left behind by a newer one (it was frozen) says is ignored. */
  term?: number;
}

/** What tabs say to each other. */
export type TabMessage = Envelope &
  (
    | { type: 'message'; data: unknown; meta: MessageMeta }
    | { type: 'status'; status: ConnectionStatus; detail?: StatusDetail | undefined }
    | { type: 'presence'; visible: boolean; leader: boolean }
    | { type: 'hello'; visible: boolean }
    | { type: 'welcome'; to: string; messages: { data: unknown; meta: MessageMeta }[]; status?: ConnectionStatus; detail?: StatusDetail | undefined }
    | { type: 'change'; change: SharedChange }
    | { type: 'bye' }
  );

const STATUSES: readonly string[] = ['idle', 'connecting', 'open', 'reconnecting', 'offline', 'error', 'closed'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isMeta = (value: unknown): value is MessageMeta =>
  isRecord(value) && (value.id === undefined || typeof value.id === 'string') && (value.replay === undefined || typeof value.replay === 'boolean');
const isIds = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

function isChange(value: unknown): value is SharedChange {
  if (!isRecord(value)) return false;
  if (value.type === 'read' || value.type === 'archive' || value.type === 'pending') return isIds(value.ids);
  return (
    value.type === 'preference' &&
    typeof value.topic === 'string' &&
    (value.channel === 'feed' || value.channel === 'toast' || value.channel === 'desktop') &&
    typeof value.enabled === 'boolean'
  );
}

/**
 * Whether `value` is one of our messages, checked field by field (RELIABILITY S7):
 * anything else on the channel, another app's or a malformed one, is never applied.
 * A message of another version passes (its `v` differs) so the tab can step aside.
 */
export function isTabMessage(value: unknown): value is TabMessage {
  if (!isRecord(value) || value.ns !== PROTOCOL || typeof value.v !== 'number' || typeof value.from !== 'string') return false;
  if (value.v !== VERSION) return true;
  if (value.term !== undefined && typeof value.term !== 'number') return false;
  switch (value.type) {
    case 'message':
      return isMeta(value.meta);
    case 'status':
      return typeof value.status === 'string' && STATUSES.includes(value.status) && (value.detail === undefined || isRecord(value.detail));
    case 'presence':
      return typeof value.visible === 'boolean' && typeof value.leader === 'boolean';
    case 'hello':
      return typeof value.visible === 'boolean';
    case 'welcome':
      return (
        typeof value.to === 'string' &&
        Array.isArray(value.messages) &&
        value.messages.every((m) => isRecord(m) && isMeta(m.meta)) &&
        (value.status === undefined || (typeof value.status === 'string' && STATUSES.includes(value.status)))
      );
    case 'change':
      return isChange(value.change);
    case 'bye':
      return true;
    default:
      return false;
  }
}
