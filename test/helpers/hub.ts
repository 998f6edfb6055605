// Browser-side helpers to drive the test notification hub (test/servers/hub.js).
import { executeServerCommand } from '@web/test-runner-commands';

export type HubTransport = 'sse' | 'poll' | 'ws';

/** What `control()` can ask the hub to do; see test/servers/hub.js. */
export type HubControl =
  /** Appends `count` generated notifications and/or explicit frames (strings are sent raw). */
  | { action: 'publish'; count?: number; frames?: ReadonlyArray<string | object> }
  /** The next `times` (default 1, -1 = until reset) stream requests get this answer instead. */
  | {
      action: 'respond';
      status: number;
      headers?: Record<string, string>;
      body?: string | object;
      times?: number;
      transports?: readonly HubTransport[];
      /** Accept the connection and never answer (no headers, no 101). */
      stall?: boolean;
    }
  /** Destroys every open sse / long poll / ws connection of the channel now. */
  | { action: 'cut' }
  /** Destroys each sse/ws connection right after it wrote `events` events (0 = off). */
  | { action: 'cutAfter'; events: number; mode?: 'end-of-frame' | 'mid-frame' }
  /** Closes open WebSockets with this close code. */
  | { action: 'closeWs'; code: number; reason?: string }
  /** SSE `retry:` sent at connect (null = none). */
  | { action: 'retry'; ms: number | null }
  /** Ends open SSE responses cleanly. */
  | { action: 'end' }
  /** Keeps only the last `limit` events (a client further behind is told to resync). */
  | { action: 'history'; limit: number }
  /** SSE connections get a `:` comment every `ms` (0 = off), as real servers do every 15 s. */
  | { action: 'keepalive'; ms: number }
  /** To the open WebSockets, outside the history: a binary frame, or raw bytes on the socket (both base64). */
  | { action: 'wsSend'; binary?: string; raw?: string }
  /** Credentialed CORS: echo the Origin and send Access-Control-Allow-Credentials (for cookies cross-origin). */
  | { action: 'cors'; credentials: boolean }
  /** A server restart that lost its state: new epoch (ids `<epoch>:<seq>`), seq from 1, empty history. */
  | { action: 'restart' }
  /** Closes the channel's connections and forgets everything about it. */
  | { action: 'reset' };

export interface HubControlResult {
  ok: boolean;
  /** publish */
  lastSeq?: number;
  /** closeWs */
  closed?: number;
  /** end */
  ended?: number;
  /** restart */
  epoch?: number;
  /** wsSend */
  sent?: number;
  error?: string;
}

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
