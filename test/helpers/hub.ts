// Browser-side helpers to drive the test notification hub (server/hub/).
import { executeServerCommand } from '@web/test-runner-commands';
import type { ControlAction, ControlResults, Transport } from '../../server/hub/control-actions.js';

export type HubTransport = Transport;

/** What `control()` can ask the hub to do: the actions of server/hub/control-actions.js. */
export type HubControl = ControlAction;

/** Every field some action answers with, each optional. */
type AnyResult = Partial<UnionToIntersection<ControlResults[keyof ControlResults]>>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

export type HubControlResult = AnyResult & { ok: boolean; error?: string };

export interface HubRequest {
  transport: HubTransport;
  /** As received: the Last-Event-ID header, else the lastEventId query parameter. */
  lastEventId: string | null;
  headers: { authorization?: string; accept?: string; 'cache-control'?: string; cookie?: string; origin?: string };
  query: Record<string, string>;
  /** ms since the channel was created */
  at: number;
  /** 101 = accepted WebSocket, 0 = refused because the page was offline */
  status: number;
  offline?: true;
}

export interface HubLog {
  requests: HubRequest[];
  /** CORS preflights (OPTIONS) and the headers they asked to send. */
  preflights: { endpoint: string; headers: string; at: number }[];
  /** currently open sse, ws and held long-poll connections */
  open: number;
  maxOpen: number;
  /** text frames the clients sent over WebSocket */
  received: string[];
  /** server actions received (POST /hub/<c>/actions), with the status each got (0 = offline) */
  actions: { type: string; ids: string[]; at: number; status: number }[];
  lastSeq: number;
}

/** A sample notification as the hub generates it for `publish: { count }`. */
export interface HubNotification {
  id: string;
  title: string;
  body: string;
  createdAt: number;
}

/** The JSON body of `GET /hub/<c>/poll`. */
export interface HubPollBody {
  items: unknown[];
  eventId: string;
}

let counter = 0;

/** A channel name no other test uses. */
export function channel(prefix = 'test'): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${Date.now().toString(36)}-${counter}-${random}`;
}

export type HubQuery = Record<string, string | number | boolean | null | undefined>;

/** Absolute URL of a channel's transport endpoint (ws:// for 'ws'). */
export function hubUrl(c: string, transport: HubTransport, query: HubQuery = {}): string {
  const url = new URL(`/hub/${encodeURIComponent(c)}/${transport}`, location.href);
  if (transport === 'ws') url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.href;
}

/** Drives the hub; throws when it answers with an error. */
export async function control(c: string, body: HubControl): Promise<HubControlResult> {
  const response = await fetch(`/hub/${encodeURIComponent(c)}/control`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as HubControlResult;
  if (!response.ok || !result.ok) {
    throw new Error(`hub control ${JSON.stringify(body)} failed: ${result.error ?? response.status}`);
  }
  return result;
}

/** What the hub saw on this channel. */
export async function hubLog(c: string): Promise<HubLog> {
  const response = await fetch(`/hub/${encodeURIComponent(c)}/log`);
  if (!response.ok) throw new Error(`hub log for ${c}: HTTP ${response.status}`);
  return (await response.json()) as HubLog;
}

export interface WaitForOptions {
  timeout?: number;
  interval?: number;
  /** Said in the error when it times out (a function is called then, to describe the state). */
  message?: string | (() => string | Promise<string>);
}

/**
 * Polls `predicate` until it returns a truthy value, and resolves with it.
 * A predicate that throws counts as "not yet"; the last error is reported.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeout = 5000, interval = 10, message }: WaitForOptions = {},
): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const start = performance.now();
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as Exclude<T, false | 0 | '' | null | undefined>;
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() - start >= timeout) break;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const what = typeof message === 'function' ? await message() : (message ?? predicate.toString());
  const detail =
    lastError !== undefined
      ? `last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}`
      : `last value: ${JSON.stringify(lastValue)}`;
  throw new Error(`waitFor timed out after ${timeout}ms: ${what} (${detail})`);
}

/**
 * Emulates the page going offline / online: navigator.onLine flips and the
 * `offline` / `online` events fire, and the hub refuses new sse/poll/ws
 * requests as if unreachable. Already open connections stay open (use
 * `control(c, { action: 'cut' })` to drop them). Resolves once navigator.onLine
 * has changed; returns false when the browser launcher cannot emulate it.
 * Go back online in an afterEach.
 */
export async function setOffline(offline: boolean): Promise<boolean> {
  const done = await executeServerCommand<boolean, { offline: boolean }>('set-offline', { offline });
  if (!done) return false;
  await waitFor(() => navigator.onLine === !offline, {
    timeout: 2000,
    message: `navigator.onLine to become ${!offline}`,
  });
  return true;
}
