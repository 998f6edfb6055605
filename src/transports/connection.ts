import { NotifError } from '../core/model/errors.js';
import type { TransportSink } from '../core/model/types.js';
import { clampRetryFloor, fullJitterDelay, type BackoffOptions } from '../core/backoff.js';
import { browserNetwork, type NetworkMonitor } from './network.js';
import { networkFailure, type Classify, type Outcome } from './outcome.js';

/** Options every reconnecting transport takes. */
export interface ConnectionOptions {
  backoff?: BackoffOptions;
  /**
   * Called once when the server answers 401/403. Resolve `true` to retry,
   * an object of headers to retry with them, or `false` to give up.
   */
  refreshCredentials?: () => Promise<boolean | Record<string, string>>;
  /** Resume from this cursor on the first connection (e.g. one saved across reloads). */
  lastEventId?: string;
  /** An attempt that is not established (headers, 101) within this many ms is abandoned. Default 5000. */
  connectTimeoutMs?: number;
  /**
   * Overrides the outcome table per HTTP status or WebSocket close code: `retry`
   * (with backoff), `immediate`, `terminal` or `auth`; `undefined` keeps the default.
   * E.g. Pusher's 4000–4099 terminal, 4100–4199 retry, 4200–4299 immediate.
   */
  classify?: Classify;
  /**
   * Multiplies every duration the connection waits: the connect and silence
   * timeouts, backoff delays, server retry floors, the heartbeat and poll
   * intervals. For tests and simulations (0.01 runs a 35 s liveness timeout
   * in 350 ms); default 1.
   */
  timeScale?: number;
}

/** A duration as this connection waits it (see `timeScale`). */
export function scaledMs(options: ConnectionOptions, ms: number): number {
  return ms * (options.timeScale ?? 1);
}

/** A connection has been healthy this long before its failures are forgiven. */
const HEALTHY_AFTER_MS = 5000;
/** What a server sends in the first second of a resumed connection is its backlog. */
const REPLAY_WINDOW_MS = 1000;

/** One connection attempt, as the reconnect loop hands it to a transport. */
export interface Attempt {
  /** Aborted when the attempt must end: `stop()`, going offline. */
  readonly signal: AbortSignal;
  /** Headers returned by the last `refreshCredentials()`, if any. */
  readonly credentials: Record<string, string> | undefined;
  /** The connection is established: status `open`. */
  opened(): void;
  /** A message arrived: the connection made progress, so backoff starts over. */
  progressed(): void;
  /** Bytes or frames arrived (keep-alives included): the connection is not half-open. */
  alive(): void;
  /** Whether a message now belongs to the backlog of a resumed connection. */
  isReplay(): boolean;
  /** The server's `retry:` field; a floor for every later delay. */
  setRetryFloor(ms: number): void;
}

interface LoopState {
  cursor: () => string | undefined;
  /** With no sign of life for this long after opening, the connection is replaced. */
  silenceMs?: number;
}

/**
 * Runs `open` until it succeeds for good or `stop` is called: backoff with full
 * jitter between failures, no attempts while offline and one right after coming
 * back, one refresh of credentials on 401/403, and terminal outcomes that end
 * the loop. At most one attempt is alive at any moment. Returns `stop`, which is
 * final and synchronous: nothing reaches the sink after it.
 */
export function runConnection(
  sink: TransportSink,
  open: (attempt: Attempt) => Promise<Outcome>,
  options: ConnectionOptions,
  state: LoopState,
  network: NetworkMonitor = browserNetwork,
): () => void {
  const stopController = new AbortController();
  const stopSignal = stopController.signal;
  let failures = 0;
  let serverFloorMs = 0;
  let credentials: Record<string, string> | undefined;
  let current: AbortController | undefined;
  let wake: (() => void) | undefined;

  const unsubscribeNetwork = network.subscribe((online) => {
    // Going offline ends the live attempt now rather than waiting for a timeout;
    // coming back wakes a sleeping loop so it reconnects at once.
    if (!online) current?.abort();
    wake?.();
  });

  const report = (status: Parameters<TransportSink['status']>[0], detail?: Parameters<TransportSink['status']>[1]): void => {
    if (!stopSignal.aborted) sink.status(status, detail);
  };

  /**
   * Waits `ms` (a backoff) or, without it, until the browser is back online; `stop()` ends
   * either wait. An offline event cuts a backoff short: the loop then waits for `online`.
   */
  function pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        wake = undefined;
        stopSignal.removeEventListener('abort', done);
        resolve();
      };
      // Coming online ends the wait for it; going offline ends a backoff.
      wake = () => {
        if (network.online() === (ms === undefined)) done();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      stopSignal.addEventListener('abort', done, { once: true });
      // A status listener may have called stop() just before this wait began.
      if (stopSignal.aborted) done();
    });
  }

  async function attemptOnce(): Promise<{ outcome: Outcome; healthy: boolean }> {
    const controller = new AbortController();
    current = controller;
    const abortOnStop = (): void => controller.abort();
    stopSignal.addEventListener('abort', abortOnStop, { once: true });
    const resumed = state.cursor() !== undefined;
    let openedAt: number | undefined;
    let progressed = false;
    // Timeouts end the attempt as a failure with their own reason.
    let failure: NotifError | undefined;
    const fail = (message: string): void => {
      failure ??= new NotifError('network', message);
      controller.abort();
    };
    const connectMs = scaledMs(options, options.connectTimeoutMs ?? 5000);
    const connectTimer = setTimeout(() => fail(`no answer within ${connectMs} ms`), connectMs);
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    const watchSilence = (): void => {
      if (!state.silenceMs) return;
      clearTimeout(silenceTimer);
      const ms = scaledMs(options, state.silenceMs);
      silenceTimer = setTimeout(() => fail(`nothing received for ${ms} ms; replacing the connection`), ms);
    };
    const attempt: Attempt = {
      signal: controller.signal,
      credentials,
      opened() {
        clearTimeout(connectTimer);
        watchSilence();
        // Once per attempt: a poll says it at every answer, and a status event per answer is noise.
        if (openedAt !== undefined) return;
        openedAt = Date.now();
        report('open');
      },
      progressed() {
        progressed = true;
      },
      alive: watchSilence,
      isReplay() {
        return resumed && openedAt !== undefined && Date.now() - openedAt < REPLAY_WINDOW_MS;
      },
      setRetryFloor(ms) {
        serverFloorMs = clampRetryFloor(ms);
      },
    };
    let outcome: Outcome;
    try {
      outcome = await open(attempt);
    } catch (cause) {
      outcome = networkFailure(cause);
    } finally {
      // Whatever `open` left behind (a reader, a socket) is told to stop now.
      controller.abort();
      clearTimeout(connectTimer);
      clearTimeout(silenceTimer);
      stopSignal.removeEventListener('abort', abortOnStop);
      current = undefined;
    }
    if (failure && !stopSignal.aborted) outcome = { kind: 'retry', error: failure };
    const unusable = outcome.kind === 'retry' && outcome.unusable === true;
    const healthy = !unusable && (progressed || (openedAt !== undefined && Date.now() - openedAt >= scaledMs(options, HEALTHY_AFTER_MS)));
    return { outcome, healthy };
  }

  async function loop(): Promise<void> {
    let refreshed = false;
    let immediateBefore = false;
    let first = true;
    while (!stopSignal.aborted) {
      if (!network.online()) {
        report('offline');
        await pause();
        if (stopSignal.aborted) return;
      }
      report(first ? 'connecting' : 'reconnecting');
      first = false;
      const { outcome, healthy } = await attemptOnce();
      if (stopSignal.aborted) return;
      if (healthy) {
        failures = 0;
        refreshed = false;
      }
      if (outcome.kind === 'terminal') {
        report(outcome.status, { ...(outcome.error && { error: outcome.error }), ...(outcome.reason && { reason: outcome.reason }) });
        if (outcome.error) sink.error(outcome.error);
        return;
      }
      if (outcome.kind === 'auth') {
        const retry = !refreshed && options.refreshCredentials ? await refresh() : false;
        refreshed = true;
        if (stopSignal.aborted) return;
        if (!retry) {
          report('error', { error: outcome.error });
          sink.error(outcome.error);
          return;
        }
        continue;
      }
      if (!network.online()) continue;
      // "Reconnect now", but never twice in a row without progress: a server that
      // keeps asking must not get a tight loop.
      const immediate = outcome.kind === 'retry' && outcome.immediate === true;
      const now = immediate && (healthy || !immediateBefore);
      immediateBefore = immediate;
      const delay = now ? 0 : scaledMs(options, Math.max(serverFloorMs, outcome.floorMs ?? 0, fullJitterDelay(++failures, options.backoff)));
      report('reconnecting', outcome.error ? { retryInMs: delay, error: outcome.error } : { retryInMs: delay });
      if (!now) await pause(delay);
    }
  }

  async function refresh(): Promise<boolean> {
    try {
      const result = await options.refreshCredentials?.();
      if (typeof result === 'object' && result !== null) credentials = { ...credentials, ...result };
      return result !== false && result !== undefined;
    } catch {
      return false;
    }
  }

  void loop().finally(unsubscribeNetwork);

  return () => {
    if (stopSignal.aborted) return;
    stopController.abort();
    unsubscribeNetwork();
  };
}
