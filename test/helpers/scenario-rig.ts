// The rig the scenario files share: a real store over a real transport, with a
// probe between the two that timestamps what the transport hands its sink, and
// the oracle that checks the hub's published seqs against what the store delivered.
// Used by test/scenarios/connection.test.ts and test/scenarios/lifecycle.test.ts.
import { expect } from '@open-wc/testing';
import {
  createNotificationStore,
  decodeMessage,
  poll,
  sse,
  websocket,
  type ConnectionOptions,
  type ConnectionStatus,
  type NotifError,
  type NotificationStore,
  type StatusDetail,
  type Transport,
  type TransportSink,
} from '../../src/headless.js';
import { range } from './collect.js';
import { control, type HubQuery, type HubTransport } from './hub.js';
import { scaled, TIME_SCALE } from './scenario.js';

export type Letter = 'S' | 'W' | 'P';
export const LETTERS: readonly Letter[] = ['S', 'W', 'P'];
/** The hub holds a long poll 30 s (scaled), under the 40 s request timeout. */
export const HOLD_MS = scaled(30_000);
/** R1's cap, as the scenarios run it; R10 watches for 2× that after stop(). */
export const CAP_MS = scaled(30_000);
/**
 * Through the proxy, a cross-origin request (CORS preflight, then the request) was
 * seen to take 40–70 ms to be answered on the loaded 2-core box: more than the 50 ms
 * the 5 s connect timeout becomes at ×0.01, a ratio no real network has (≈ 100 ms
 * against 5 s). Scenarios that do not test R4 raise it to 30 s (300 ms scaled) so a
 * slow loopback is not taken for a stalled server; F06 (connection.test.ts) tests R4
 * with the default.
 */
export const ROOMY_CONNECT = { connectTimeoutMs: 30_000 };

export const now = (): number => performance.now();
export const ms = (value: number): string => `${Math.round(value)} ms`;

/** What a transport hands its sink, timestamped: the store sees the same, after this. */
export interface Probe {
  /** Notification ids as the transport delivered them, duplicates included. */
  raw: string[];
  /** When each id in `raw` arrived (same index); kept for diagnosing a failing run, no assertion reads it. */
  rawAt: number[];
  /** Last message of any kind (pongs and empty poll answers too): the black-hole scenario's last sign of life. */
  lastMessageAt: number;
  statuses: {
    status: ConnectionStatus;
    detail: StatusDetail | undefined;
    at: number;
  }[];
  /** When each connection attempt started (a status without detail: connecting / reconnecting). */
  attempts: number[];
  /** Each failed or ended connection, with the delay the loop chose before the next attempt; the error tells silence from other failures. */
  failures: { at: number; retryInMs: number; error: NotifError | undefined }[];
  opens: number[];
  /** Errors the transport reported, in order; kept for diagnosing a failing run, no assertion reads it. */
  errors: NotifError[];
  /** Sink calls (messages, statuses, errors) after the transport's stop(). */
  afterStop: number;
  /** Called on each `open`, so a scenario can act the moment a connection is up. */
  onOpen?: () => void;
}

export function createProbe(): Probe {
  return {
    raw: [],
    rawAt: [],
    lastMessageAt: 0,
    statuses: [],
    attempts: [],
    failures: [],
    opens: [],
    errors: [],
    afterStop: 0,
  };
}

/** Puts `probe` between `transport` and whatever sink connects to it; `send` is passed through. */
export function instrument(transport: Transport, probe: Probe): Transport {
  const wrapped: Transport = {
    connect(sink) {
      let stopped = false;
      const inner: TransportSink = {
        message(data, meta) {
          if (stopped) probe.afterStop++;
          if (data === undefined) {
            sink.message(data, meta);
            return;
          }
          const at = now();
          probe.lastMessageAt = at;
          for (const command of decodeMessage(data).commands) {
            if (command.type !== 'notification') continue;
            probe.raw.push(command.notification.id);
            probe.rawAt.push(at);
          }
          sink.message(data, meta);
        },
        cursor: () => sink.cursor(),
        status(status, detail) {
          if (stopped) probe.afterStop++;
          const at = now();
          probe.statuses.push({ status, detail, at });
          if ((status === 'connecting' || status === 'reconnecting') && detail === undefined) probe.attempts.push(at);
          if (status === 'reconnecting' && detail?.retryInMs !== undefined) {
            probe.failures.push({
              at,
              retryInMs: detail.retryInMs,
              error: detail.error,
            });
          }
          if (status === 'open') {
            probe.opens.push(at);
            probe.onOpen?.();
          }
          sink.status(status, detail);
        },
        error(error) {
          if (stopped) probe.afterStop++;
          probe.errors.push(error);
          sink.error(error);
        },
      };
      const disconnect = transport.connect(inner);
      return () => {
        stopped = true;
        disconnect();
      };
    },
  };
  if (transport.send) wrapped.send = (message) => transport.send?.(message);
  return wrapped;
}

export interface Rig {
  store: NotificationStore;
  probe: Probe;
  /** Ids in the order the store announced them. */
  delivered: string[];
}

/**
 * Every rig made in the current test file (each file runs in its own page), for
 * `afterEach` to stop and empty; a scenario that builds its store by hand pushes it here too.
 */
export const rigs: Rig[] = [];

/** A store over `transport`, instrumented; pass `probe` to share one probe across transports the store switches between. */
export function rig(transport: Transport, probe: Probe = createProbe()): Rig {
  const store = createNotificationStore({
    transport: instrument(transport, probe),
  });
  const delivered: string[] = [];
  store.on('notification', (n) => delivered.push(n.id));
  const made = { store, probe, delivered };
  rigs.push(made);
  return made;
}

/** Builds a URL on the hub (directly or through the fault proxy) for a transport. */
export type Endpoint = (transport: HubTransport, query?: HubQuery) => string;

/**
 * The transport a letter names, on `url`, at the scenarios' time scale with a roomy
 * connect timeout. `native` picks the EventSource adapter for S (lifecycle's F38
 * alternates it); W and P ignore it.
 */
export function transportFor(letter: Letter, url: Endpoint, options: ConnectionOptions & { native?: boolean } = {}): Transport {
  const common = { timeScale: TIME_SCALE, ...ROOMY_CONNECT, ...options };
  switch (letter) {
    case 'S':
      return sse(url('sse'), common);
    case 'W':
      return websocket(url('ws'), common);
    case 'P':
      return poll(url('poll', { long: 1, timeoutMs: HOLD_MS }), {
        long: true,
        ...common,
      });
  }
}

/** Publishes `count` events on channel `c`; the hub's last seq. */
export async function publish(c: string, count: number): Promise<number> {
  return (await control(c, { action: 'publish', count })).lastSeq ?? 0;
}

/**
 * The oracle: the store announced exactly the hub's seqs 1..lastSeq, once each, in
 * order; and the transport itself never handed over an id twice (the cursor it
 * resumed from was exact).
 */
export function oracle(r: Rig, lastSeq: number): string {
  const expected = range(1, lastSeq);
  const seen = new Set(r.delivered);
  const lost = expected.filter((id) => !seen.has(id));
  const dups = r.delivered.length - seen.size;
  const wireDups = r.probe.raw.length - new Set(r.probe.raw).size;
  expect(lost, 'lost').to.deep.equal([]);
  expect(dups, 'duplicates announced by the store').to.equal(0);
  expect(r.delivered, 'order').to.deep.equal(expected);
  expect(wireDups, 'ids the transport delivered twice (resumed from a stale cursor)').to.equal(0);
  return `0 lost, 0 dups, in order (${lastSeq} events)`;
}
