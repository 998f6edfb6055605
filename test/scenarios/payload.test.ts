// Fault scenarios F22–F30 of RELIABILITY.md: malformed, schema-invalid, oversized and
// hostile payloads, the stream sliced by the network, the WPT format cases over a real
// connection, and `retry:` fuzz. Real sockets to the loopback hub, timeouts ×TIME_SCALE.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { NotifError } from '../../src/core/model/errors.js';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import type { ConnectionStatus, MessageMeta, StatusDetail, Transport } from '../../src/core/model/types.js';
import { MAX_FRAME_CHARS } from '../../src/core/model/limits.js';
import { fullJitterDelay, type BackoffOptions } from '../../src/core/backoff.js';
import { poll } from '../../src/transports/poll.js';
import { sse, type SseOptions } from '../../src/transports/sse.js';
import { websocket } from '../../src/transports/websocket.js';
import { recordingSink, sleep } from '../helpers/collect.js';
import { channel, control, hubLog, hubUrl, waitFor, type HubControl } from '../helpers/hub.js';
import { openProxy, recordFigure, TIME_SCALE, type FaultProxy } from '../helpers/scenario.js';

type Kind = 'S' | 'W' | 'P';

const MiB = 1024 * 1024;
/** The hub refuses a control body over 10 MiB (MAX_CONTROL_BODY in server/hub/http.js). */
const HUB_CONTROL_LIMIT = 10 * MiB;
/** Long-poll hold on the hub. */
const POLL_HOLD_MS = 200;

const note = (id: number) => ({ id: String(id), title: `N${id}`, createdAt: 1_700_000_000_000 + id * 1000 });

/**
 * Connect timeout 5 s (500 s ×TIME_SCALE) instead of 50 ms, and no liveness watchdog: these
 * scenarios are about payloads, not timeouts (F04–F06), and on a 2-core box shared by several
 * suites (load average 10 seen) the scaled watchdogs fired for unrelated reasons: "no answer
 * within 50 ms", and "nothing received for 450 ms" because the hub sends no SSE keep-alive
 * comments, so the SSE watchdog is an idle timer, while it reads and writes a 10 MiB payload and
 * the page is paused for a full GC. Backoff and `retry:` floors stay scaled.
 */
const RELAXED = { timeScale: TIME_SCALE, connectTimeoutMs: 500_000 };

function transportFor(kind: Kind, c: string, backoff?: BackoffOptions): Transport {
  const relaxed = backoff ? { ...RELAXED, backoff } : RELAXED;
  if (kind === 'S') return sse(hubUrl(c, 'sse'), { ...relaxed, silenceTimeoutMs: 0 });
  if (kind === 'W') return websocket(hubUrl(c, 'ws'), { ...relaxed, timeoutMs: 0, heartbeatMs: 0 });
  return poll(hubUrl(c, 'poll', { long: 1, timeoutMs: POLL_HOLD_MS }), { ...relaxed, long: true, requestTimeoutMs: 500_000 });
}

/** Jitter pinned near its top, so that each retry's delay is known: the bound of full jitter. */
const PINNED_JITTER = 0.99;
/** The delays (ms, ×TIME_SCALE) of the first `n` retries with the jitter pinned to `random`. */
const pinnedDelays = (n: number, random = PINNED_JITTER): number[] =>
  Array.from({ length: n }, (_, i) => fullJitterDelay(i + 1, { random: () => random }) * TIME_SCALE);

/** A store with its errors and statuses recorded. */
interface Watched {
  store: NotificationStore;
  errors: NotifError[];
  statuses: ConnectionStatus[];
  /** The delay announced with each `reconnecting` after a failed attempt, and its reason. */
  retries: { retryInMs: number; error: NotifError | undefined }[];
  ids(): string[];
  reconnects(): number;
}

function watch(store: NotificationStore): Watched {
  const errors: NotifError[] = [];
  const statuses: ConnectionStatus[] = [];
  const retries: Watched['retries'] = [];
  store.on('error', (error) => errors.push(error));
  store.on('status', (status, detail) => {
    statuses.push(status);
    if (status === 'reconnecting' && detail.retryInMs !== undefined) retries.push({ retryInMs: detail.retryInMs, error: detail.error });
  });
  return {
    store,
    errors,
    statuses,
    retries,
    ids: () => store.$items.get().map((n) => n.id),
    reconnects: () => statuses.filter((s) => s === 'reconnecting').length,
  };
}

/** What a transport hands its sink, before any decoding: the raw data and the SSE id. */
interface RawEvents {
  events: [data: string, id: string][];
  statuses: { status: ConnectionStatus; detail: StatusDetail | undefined }[];
  errors: NotifError[];
  stop(): void;
}

function raw(transport: Transport): RawEvents {
  const out: Omit<RawEvents, 'stop'> = { events: [], statuses: [], errors: [] };
  const stop = transport.connect(
    recordingSink({
      message(data: unknown, meta?: MessageMeta) {
        out.events.push([String(data), meta?.id ?? '']);
      },
      status(status, detail) {
        out.statuses.push({ status, detail });
      },
      error(error) {
        out.errors.push(error);
      },
    }),
  );
  return { ...out, stop };
}

const EVENT_STREAM = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };

/**
 * One canned event-stream body for the next SSE request. After it: `then: 204` stops the fetch
 * adapter for good; `then: 'empty'` answers every later request with an empty stream (until
 * reset), so a resumed client never reaches the hub's own stream, which would answer an id it
 * does not know with a resync frame; `then: 'hub'` leaves later requests to the hub.
 */
async function rawStream(c: string, body: string, then: 204 | 'empty' | 'hub'): Promise<void> {
  await control(c, { action: 'respond', status: 200, headers: EVENT_STREAM, body, transports: ['sse'] });
  if (then === 204) await control(c, { action: 'respond', status: 204, transports: ['sse'] });
  if (then === 'empty') await control(c, { action: 'respond', status: 200, headers: EVENT_STREAM, body: ':\n\n', times: -1, transports: ['sse'] });
}

/** Used JS heap after a full GC (CDP HeapProfiler.collectGarbage, test/servers/page-memory.js). */
async function heap(): Promise<number> {
  const memory = await executeServerCommand<{ usedHeap: number } | null, undefined>('page-memory');
  if (!memory) throw new Error('page-memory needs the Chrome launcher');
  return memory.usedHeap;
}
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(2)} MiB`;

describe('payload scenarios (F22–F30)', function () {
  this.timeout(20_000);
  let c: string;
  let stops: (() => void)[] = [];
  let proxy: FaultProxy | undefined;

  const started = (kind: Kind, backoff?: BackoffOptions): Watched => {
    const store = createNotificationStore({ transport: transportFor(kind, c, backoff) });
    const watched = watch(store);
    store.start();
    stops.push(() => store.stop());
    return watched;
  };

  beforeEach(() => {
    c = channel('payload');
  });
  afterEach(async () => {
    for (const stop of stops) stop();
    stops = [];
    await proxy?.close();
    proxy = undefined;
    await control(c, { action: 'reset' });
  });

  // ------------------------------------------------------------------ F22 / F23

  for (const kind of ['S', 'W'] as const) {
    it(`F22 ${kind}: '{not json' among valid events → 1 error, the next event delivered, no reconnect`, async () => {
      const w = started(kind);
      await waitFor(() => w.store.$status.get() === 'open');
      await control(c, { action: 'publish', frames: [note(1), '{not json', note(2)] });
      await waitFor(() => w.ids().includes('2'));
      await control(c, { action: 'publish', frames: [note(3)] });
      await waitFor(() => w.ids().includes('3'));
      await sleep(50);
      const requests = (await hubLog(c)).requests.length;
      expect(w.ids()).to.deep.equal(['3', '2', '1']);
      expect(w.errors.map((e) => e.code)).to.deep.equal(['invalid-json']);
      expect(w.store.$errorCount.get()).to.equal(1);
      expect(requests).to.equal(1);
      expect(w.reconnects()).to.equal(0);
      await recordFigure({
        id: 'F22',
        transport: kind,
        expect: '1 error per bad frame; the next event delivered; no reconnect',
        measured: `errors ${w.store.$errorCount.get()} (invalid-json) for 1 bad frame; next events 2, 3 delivered; ${requests} connection, 0 reconnects`,
      });
    });
  }

  /**
   * Poll (F22 P, F25 P): the body is one JSON document and the cursor is inside it, so a bad
   * item makes the whole answer unusable, and the request after it gets the same answer again.
   * Each such answer is one failed attempt: 1 error, then a retry after the usual backoff. The
   * bad item stays in the hub's window for `windowMs`; then the window is cut to the last event
   * (`history` 1) and event 2 is published: the client, behind the window, gets a resync and
   * event 2, and the loop is healthy again.
   */
  async function poisonedPoll(
    w: Watched,
    publishBad: () => Promise<void>,
    windowMs: number,
  ): Promise<{ errors: number; retries: number[]; gaps: number[]; deliveredInMs: number; badAnswers: number }> {
    await waitFor(async () => w.store.$status.get() === 'open' && (await hubLog(c)).open === 1);
    await control(c, { action: 'publish', frames: [note(1)] });
    await waitFor(() => w.ids().includes('1'));
    // the next long poll (cursor 1) is held: it is the one the bad item answers
    await waitFor(async () => (await hubLog(c)).open === 1);
    const held = (await hubLog(c)).requests.length - 1;
    await publishBad();
    await waitFor(() => w.errors.length >= 1, { timeout: 5000 });
    await sleep(windowMs);
    const errors = w.errors.length;
    const retries = w.retries.map((r) => r.retryInMs);
    await control(c, { action: 'history', limit: 1 });
    const cleared = performance.now();
    await control(c, { action: 'publish', frames: [note(2)] });
    await waitFor(() => w.ids().includes('2'), { timeout: 5000, message: () => JSON.stringify({ errors: w.errors.length, retries: w.retries }) });
    const deliveredInMs = Math.round(performance.now() - cleared);
    await sleep(50);
    const requests = (await hubLog(c)).requests;
    // requests[held] was answered by the publish; held+1 … are answered at once, one per retry
    const badAnswers = w.errors.length;
    const gaps: number[] = [];
    for (let i = held + 2; i <= held + badAnswers; i++) gaps.push((requests[i]?.at ?? NaN) - (requests[i - 1]?.at ?? NaN));
    return { errors, retries, gaps, deliveredInMs, badAnswers };
  }

  /**
   * Asserts the retries of a poisoned poll: one error and one backed-off retry per bad answer,
   * each delay from the full-jitter schedule (pinned), and the hub sees no request sooner.
   */
  function expectBackedOff(
    w: Watched,
    run: Awaited<ReturnType<typeof poisonedPoll>>,
    code: string,
    maxErrors: number,
    slackMs = 1,
  ): number[] {
    const { gaps, badAnswers } = run;
    expect(run.errors, 'errors within the window (no backoff: 79 a second)').to.be.within(1, maxErrors);
    expect(w.errors.map((e) => e.code)).to.deep.equal(Array<string>(badAnswers).fill(code));
    expect(w.store.$errorCount.get()).to.equal(badAnswers);
    const delays = w.retries.map((r) => r.retryInMs);
    expect(delays, 'one backed-off retry per bad answer').to.have.length(badAnswers);
    const schedule = pinnedDelays(20);
    for (const delay of delays) expect(schedule, `${delay} ms is a full-jitter delay`).to.include(delay);
    // the hub sees the requests no closer than the delays the client announced (1 ms rounding,
    // or more slack where the hub itself is busy: it stamps a request when it gets to it)
    expect(gaps).to.have.length(badAnswers - 1);
    gaps.forEach((gap, i) => expect(gap, `gap ${i + 1} of ${gaps.join(', ')}`).to.be.at.least((delays[i + 1] ?? 0) - slackMs));
    expect(w.store.$status.get()).to.equal('open');
    return delays;
  }

  it('F22 P: `{not json` in the hub batch → 1 error per poll answer, retries backed off, the next valid event delivered', async () => {
    const w = started('P', { random: () => PINNED_JITTER });
    const run = await poisonedPoll(w, () => control(c, { action: 'publish', frames: ['{not json'] }).then(() => {}), 1000);
    expect(w.ids()).to.deep.equal(['2', '1']);
    const delays = expectBackedOff(w, run, 'invalid-json', 12);
    // a failed attempt is not forgiven: the delays double (9.9, 19.8, 39.6 … ms, cap 297 ms)
    expect(run.errors, 'bad answers within 1 s').to.be.at.least(4);
    expect(delays, 'delays: full jitter pinned, doubling to the cap').to.deep.equal(pinnedDelays(run.badAnswers));
    expect(Math.max(...run.gaps), 'the gaps between requests grow').to.be.at.least(4 * (delays[0] ?? Infinity));
    expect(run.deliveredInMs, 'next event after the window is valid again').to.be.below(300 + 1000);
    await recordFigure({
      id: 'F22',
      transport: 'P',
      expect: 'each unparseable answer: 1 error, then a backed-off retry; the next valid event delivered once the answer is valid',
      measured:
        `by design unlike S/W (the cursor is inside the one JSON body, so a bad item fails the whole answer, which is retried with backoff, not skipped): ` +
        `bad item in the hub's window for 1 s → ${run.errors} invalid-json errors (was 79/s), retries after ${run.retries.map((d) => d.toFixed(1)).join(', ')} ms ` +
        `(hub gaps ${run.gaps.join(', ')} ms); window cut → next event delivered in ${run.deliveredInMs} ms; ${run.badAnswers} errors in all, status open`,
    });
  });

  for (const kind of ['S', 'W', 'P'] as const) {
    it(`F23 ${kind}: schema-invalid notifications among valid ones → 1 error each, the rest delivered, no reconnect`, async () => {
      const w = started(kind);
      await waitFor(async () => w.store.$status.get() === 'open' && (kind !== 'P' || (await hubLog(c)).open === 1));
      const bad = [
        { title: 'missing id', createdAt: 1_700_000_001_500 },
        { id: 'wrong-title-type', title: 42 },
        { id: { nested: true }, title: 'object id' },
        { id: 'bad-date', title: 'date', createdAt: 'yesterday' },
        { id: 'bad-flag', title: 'flag', read: 'yes' },
        { type: 'explode', id: 'unknown-type' },
      ];
      await control(c, { action: 'publish', frames: [note(1), ...bad, note(2)] });
      await waitFor(() => w.ids().includes('2'));
      await control(c, { action: 'publish', frames: [note(3)] });
      await waitFor(() => w.ids().includes('3'));
      await sleep(50);
      const log = await hubLog(c);
      expect(w.ids()).to.deep.equal(['3', '2', '1']);
      expect(w.errors.map((e) => e.code)).to.deep.equal([
        'invalid-notification',
        'invalid-notification',
        'invalid-notification',
        'invalid-notification',
        'invalid-notification',
        'invalid-command',
      ]);
      expect(w.store.$errorCount.get()).to.equal(bad.length);
      expect(w.reconnects()).to.equal(0);
      if (kind !== 'P') expect(log.requests).to.have.length(1);
      await recordFigure({
        id: 'F23',
        transport: kind,
        expect: 'skipped and reported (1 error each); the next event delivered; no reconnect',
        measured: `${w.store.$errorCount.get()} errors for ${bad.length} invalid frames (5 invalid-notification, 1 invalid-command); next events delivered; 0 reconnects${kind === 'P' ? '' : `, ${log.requests.length} connection`}`,
      });
    });
  }

  // ------------------------------------------------------------------ F24

  it('F24 W: a binary frame is skipped and reported, the socket kept; invalid UTF-8 fails the socket (1006 in Chromium), retried with backoff, no loss', async () => {
    const w = started('W', { random: () => 0.5 });
    await waitFor(() => w.store.$status.get() === 'open');
    await control(c, { action: 'publish', frames: [note(1)] });
    await waitFor(() => w.ids().includes('1'));

    // 1. binary where text is expected
    expect(await control(c, { action: 'wsSend', binary: btoa('\x01\x02\x03') })).to.include({ sent: 1 });
    await waitFor(() => w.errors.length >= 1);
    await control(c, { action: 'publish', frames: [note(2)] });
    await waitFor(() => w.ids().includes('2'));
    await sleep(50);
    expect(w.errors.map((e) => e.code)).to.deep.equal(['protocol']);
    expect((await hubLog(c)).requests, 'the socket is kept').to.have.length(1);
    expect(w.reconnects()).to.equal(0);

    // 2. a text frame of invalid UTF-8 (FIN + text opcode, 2 bytes C3 28): the browser fails the
    // connection; the page sees 1006 (not 1007), a network failure, so the policy is: retry
    expect(await control(c, { action: 'wsSend', raw: btoa('\x81\x02\xc3\x28') })).to.include({ sent: 1 });
    // published while the socket dies: lost on the wire, replayed on resume
    await control(c, { action: 'publish', frames: [note(3)] });
    await waitFor(() => w.ids().includes('3'), { timeout: 5000, message: () => JSON.stringify(w.retries) });
    await waitFor(() => w.store.$status.get() === 'open');
    await sleep(50);
    const log = await hubLog(c);
    expect(w.ids()).to.deep.equal(['3', '2', '1']);
    expect(w.errors.map((e) => e.code), 'no error event for the close: it is retried').to.deep.equal(['protocol']);
    expect(w.retries, 'one backed-off retry').to.have.length(1);
    const [retry] = w.retries;
    expect(retry?.error?.status).to.equal(1006);
    expect(retry?.retryInMs, 'full jitter pinned to 0.5 of the first bound (1 s ×0.01)').to.equal(pinnedDelays(1, 0.5)[0]);
    expect(log.requests.map((r) => [r.status, r.lastEventId])).to.deep.equal([
      [101, null],
      [101, '2'],
    ]);
    expect(w.statuses).to.not.include('error');
    expect(w.statuses).to.not.include('closed');
    await recordFigure({
      id: 'F24',
      transport: 'W',
      expect: 'binary skipped + reported; invalid UTF-8: reconnect or stop per policy (retry: the page sees 1006)',
      measured:
        `binary frame: 1 protocol error, socket kept (1 connection), next frame delivered; invalid UTF-8 text frame: Chromium failed the socket ` +
        `(close ${retry?.error?.status ?? '?'}, not 1007), retried after ${retry?.retryInMs ?? '?'} ms (backoff), resumed with Last-Event-ID 2, ` +
        `the frame published meanwhile replayed: 3/3 delivered, 0 duplicates, no crash`,
    });
  });

  // ------------------------------------------------------------------ F25 / F26

  /** A notification whose JSON is `size` characters, sent raw (no newline in it). */
  function hugeFrame(size: number): string {
    const head = '{"id":"huge","title":"';
    const tail = '"}';
    return head + 'x'.repeat(size - head.length - tail.length) + tail;
  }

  /** Publishes one frame of `size` characters; nothing in the page keeps the payload afterwards. */
  async function publishHuge(size: number): Promise<void> {
    const request = JSON.stringify({ action: 'publish', frames: [hugeFrame(size)] } satisfies HubControl);
    expect(request.length, 'fits the hub control limit').to.be.at.most(HUB_CONTROL_LIMIT);
    const response = await fetch(`/hub/${encodeURIComponent(c)}/control`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: request,
    });
    expect(response.ok, await response.text()).to.equal(true);
  }

  async function heapScenario(kind: Kind, size: number): Promise<{ growth: number; before: number; after: number; requests: number; w: Watched }> {
    const w = started(kind);
    await waitFor(async () => w.store.$status.get() === 'open' && (kind !== 'P' || (await hubLog(c)).open === 1));
    await control(c, { action: 'publish', frames: [note(1)] });
    await waitFor(() => w.ids().includes('1'));
    const before = await heap();
    await publishHuge(size);
    await control(c, { action: 'publish', frames: [note(2)] });
    await waitFor(() => w.ids().includes('2'), { timeout: 10_000, message: () => JSON.stringify({ errors: w.errors.map((e) => e.code), statuses: w.statuses }) });
    await sleep(300);
    const after = await heap();
    const requests = (await hubLog(c)).requests.length;
    return { growth: after - before, before, after, requests, w };
  }

  it('F25 S: a ~10 MiB `data:` line with no newline → skipped to the next event, 1 too-large, heap growth < 5 MiB', async () => {
    // The hub takes control bodies up to 10 MiB, so the line is 10 MiB less 1 KiB of envelope.
    const size = 10 * MiB - 1024;
    const { growth, before, after, requests, w } = await heapScenario('S', size);
    expect(w.ids()).to.deep.equal(['2', '1']);
    expect(w.errors.map((e) => e.code)).to.deep.equal(['too-large']);
    expect(requests).to.equal(1);
    expect(w.reconnects()).to.equal(0);
    // After a real GC on both sides: without it the figure counted garbage (16.8 MiB seen).
    expect(growth).to.be.below(5 * MiB);
    await recordFigure({
      id: 'F25',
      transport: 'S',
      expect: 'skipped to the next boundary, 1 error, heap growth < 5 MiB',
      measured: `10 MiB − 1 KiB line: 1 too-large error, next event delivered, 1 connection; JS heap ${mib(before)} → ${mib(after)} (growth ${mib(growth)} after a CDP full GC)`,
    });
  });

  it('F25 P: a ~10 MiB item in the hub batch → 1 too-large per poll answer, retries backed off, the next event delivered, heap growth < 5 MiB', async function () {
    this.timeout(30_000);
    const w = started('P', { random: () => PINNED_JITTER });
    let before = NaN;
    const run = await poisonedPoll(
      w,
      async () => {
        before = await heap();
        await publishHuge(10 * MiB - 1024);
      },
      1000,
    );
    await sleep(300);
    const after = await heap();
    const growth = after - before;
    expect(w.ids()).to.deep.equal(['2', '1']);
    // Backed off, and the delays grow: see the next case.
    // Each attempt here lasts 100–400 ms (the hub writes 10 MiB, the page reads 1 MiB), so the
    // count bounds less than in F22 P; what shows the backoff is one announced delay per answer.
    // Each answer makes the hub build and write 10 MiB, blocking its event loop for tens of ms,
    // so its request stamps run late by up to that much: 150 ms of slack on the hub's side.
    expectBackedOff(w, run, 'too-large', 20, 150);
    expect(run.deliveredInMs, 'next event after the window is valid again').to.be.below(300 + 1000);
    // each answer is read up to the 1 MiB cap and dropped
    expect(growth).to.be.below(5 * MiB);
    await recordFigure({
      id: 'F25',
      transport: 'P',
      expect: 'each oversized answer: 1 too-large, then a backed-off retry; the next event delivered once the answer fits; heap growth < 5 MiB',
      measured:
        `by design unlike S (the cursor is inside the body, so an oversized answer cannot be skipped, it fails and is retried with backoff): ` +
        `10 MiB − 1 KiB item in the window for 1 s → ${run.errors} too-large errors, each read stopped at ${mib(MAX_FRAME_CHARS)} ` +
        `(was a re-poll at once), retries after ${run.retries.map((d) => d.toFixed(1)).join(', ')} ms (hub gaps ${run.gaps.join(', ')} ms); ` +
        `window cut → next event in ${run.deliveredInMs} ms; JS heap ${mib(before)} → ${mib(after)} (growth ${mib(growth)} after a CDP full GC)`,
    });
  });

  // However long it took to read 1 MiB, an oversized answer is not a healthy connection
  // (the outcome is `unusable`), so the failures add up and the delays double.
  it('F25 P: the backoff after oversized answers doubles, however slow each read', async function () {
    this.timeout(30_000);
    const w = started('P', { random: () => PINNED_JITTER });
    const run = await poisonedPoll(w, () => publishHuge(10 * MiB - 1024), 1000);
    expect(w.retries.map((r) => r.retryInMs)).to.deep.equal(pinnedDelays(run.badAnswers));
  });

  it('F26 W: a 5 MiB frame → dropped, 1 too-large, the socket kept, heap growth < 5 MiB', async () => {
    const size = 5 * MiB;
    const { growth, before, after, requests, w } = await heapScenario('W', size);
    expect(w.ids()).to.deep.equal(['2', '1']);
    expect(w.errors.map((e) => e.code)).to.deep.equal(['too-large']);
    // websocket.ts skips a frame over MAX_FRAME_CHARS and keeps the socket (no close 1009).
    expect(requests).to.equal(1);
    expect(w.reconnects()).to.equal(0);
    expect(growth).to.be.below(5 * MiB);
    await recordFigure({
      id: 'F26',
      transport: 'W',
      expect: 'dropped, 1 error, heap growth < 5 MiB',
      measured: `5 MiB frame: 1 too-large error (cap ${mib(MAX_FRAME_CHARS)}), socket kept (1 connection), next frame delivered; JS heap ${mib(before)} → ${mib(after)} (growth ${mib(growth)} after a CDP full GC)`,
    });
  });

  // ------------------------------------------------------------------ F27

  // CRLF, CR-only and LF-only line ends, CRLF blank lines (sliced 1 byte at a time the CR ends one
  // TCP write and the LF starts the next), comments, multi-line data and multi-byte UTF-8.
  const slicingFixture =
    ':ok\r\n\r\n' +
    'id: a1\r\ndata: {"id":"a1","title":"CRLF \u2713 caf\u00e9"}\r\n\r\n' +
    'id: a2\rdata: {"id":"a2","title":"CR only \u{1F600}"}\r\r' +
    'id: a3\ndata: {"id":"a3",\ndata: "title":"LF, two data lines \u4f60\u597d"}\n\n' +
    ': a comment \u{1F4A9}\r\n' +
    'data: {"id":"a4","title":"no id, mixed\r\n\r\n' +
    'id: a5\r\nevent: notification\r\ndata: {"id":"a5","title":"\u{1F468}\u200D\u{1F469}\u200D\u{1F467} family \u00bd"}\r\n\r\n' +
    'data: {"id":"a6","title":"last \u{10FFFF}"}\n\n';

  const slicingExpected: [string, string][] = [
    ['{"id":"a1","title":"CRLF \u2713 caf\u00e9"}', 'a1'],
    ['{"id":"a2","title":"CR only \u{1F600}"}', 'a2'],
    ['{"id":"a3",\n"title":"LF, two data lines \u4f60\u597d"}', 'a3'],
    ['{"id":"a4","title":"no id, mixed', 'a3'],
    ['{"id":"a5","title":"\u{1F468}\u200D\u{1F469}\u200D\u{1F467} family \u00bd"}', 'a5'],
    ['{"id":"a6","title":"last \u{10FFFF}"}', 'a5'],
  ];

  async function slicedRun(slice: 0 | 1 | 'random', native: boolean): Promise<{ events: [string, string][]; bytes: number }> {
    const c2 = channel('slice');
    const p = await openProxy({ slice });
    try {
      await rawStream(c2, slicingFixture, 'empty');
      // 1-byte writes 1 ms apart bring the response headers in over ~300 ms: with the scaled
      // 50 ms connect timeout every attempt would be aborted.
      const options: SseOptions = { ...RELAXED, native, silenceTimeoutMs: 0 };
      const got = raw(sse(p.url(c2, 'sse'), options));
      try {
        await waitFor(() => got.events.length >= slicingExpected.length, {
          timeout: 8000,
          message: () => `${got.events.length} events, slice ${slice}`,
        });
        await sleep(50);
      } finally {
        got.stop();
      }
      return { events: got.events, bytes: (await p.stats()).bytesDown };
    } finally {
      await p.close();
      await control(c2, { action: 'reset' });
    }
  }

  // The proxy keeps byte order when it slices (one queue per direction, pieces spaced by
  // setImmediate); before that, per-piece timers fired out of order under load and scrambled
  // the stream (`{""tiidt"l:e""a:2"…`), which TCP never does.
  for (const native of [false, true]) {
    const adapter = native ? 'native EventSource' : 'fetch';
    it(`F27 S (${adapter}): 1-byte and random TCP slicing give byte-exact the same events as unsliced`, async () => {
      const whole = await slicedRun(0, native);
      const one = await slicedRun(1, native);
      const random = await slicedRun('random', native);
      expect(whole.events).to.deep.equal(slicingExpected);
      expect(one.events).to.deep.equal(whole.events);
      expect(random.events).to.deep.equal(whole.events);
      if (!native) {
        await recordFigure({
          id: 'F27',
          transport: 'S',
          expect: 'byte-exact same events as unsliced',
          measured: `${whole.events.length}/${slicingExpected.length} events identical unsliced, 1-byte (${one.bytes} B down in 1-byte writes) and random 1–7-byte slicing; CRLF split, CR-only, emoji/4-byte UTF-8 split; native EventSource likewise`,
        });
      }
    });
  }

  // ------------------------------------------------------------------ F28

  interface WptCase {
    name: string;
    body: string;
    expected: [string, string][];
    events?: string[];
    /** The Last-Event-ID (header or, for the native adapter, query) of the next request. */
    nextLastEventId?: string | null;
  }

  const wptCases: WptCase[] = [
    { name: 'format-bom: one leading BOM stripped, a later one makes an unknown field', body: '\uFEFFdata:1\n\n\uFEFFdata:2\n\ndata:3\n\n', expected: [['1', ''], ['3', '']] },
    {
      name: 'format-comments: CR/LF/CRLF mixes, NUL and 2 KiB comments → one event',
      body: `data:1\r:\0\n:\r\ndata:2\n:${'x'.repeat(2049)}\rdata:3\n:data:fail\r:${'x'.repeat(2049)}\ndata:4\n\n`,
      expected: [['1\n2\n3\n4', '']],
    },
    { name: 'format-field-data: empty data and colon-less data lines', body: 'data:\n\ndata\ndata\n\ndata:test\n\n', expected: [['', ''], ['\n', ''], ['test', '']] },
    { name: 'format-field-event: a named event fires only as its type', body: 'event:test\ndata:named\n\ndata:unnamed\n\n', events: ['test'], expected: [['named', '']] },
    { name: 'format-field-event: the unnamed one is "message"', body: 'event:test\ndata:named\n\ndata:unnamed\n\n', expected: [['unnamed', '']] },
    { name: 'format-field-id-3: id persists over id-less events; empty id: clears it', body: 'id: 1\ndata: 1\n\ndata: 2\n\nid:\ndata: 3\n\n', expected: [['1', '1'], ['2', '1'], ['3', '']], nextLastEventId: null },
    { name: 'format-field-id-null: an id containing NUL is ignored', body: 'id: 5\ndata: a\n\nid: a\0b\ndata: b\n\n', expected: [['a', '5'], ['b', '5']], nextLastEventId: '5' },
    { name: 'format-null-character: NUL is allowed in data', body: 'data:\0\n\n', expected: [['\0', '']] },
    { name: 'format-utf-8: UTF-8 bytes give "ok…"', body: 'data:ok\u2026\n\n', expected: [['ok\u2026', '']] },
    { name: 'eventsource-from-readable-stream: CR, LF and CRLF blank lines', body: 'data: cr\r\rdata: lf\n\ndata: crlf\r\n\r\n', expected: [['cr', ''], ['lf', ''], ['crlf', '']] },
    {
      name: 'format-data-before-final-empty-line: the unterminated event and its id are discarded',
      body: 'retry:1000\ndata:test1\n\nid:test\ndata:test2',
      expected: [['test1', '']],
      nextLastEventId: null,
    },
  ];

  it('F28 S: WPT event-stream format cases over the network, fetch and native adapters', async function () {
    this.timeout(60_000);
    const passed: string[] = [];
    for (const native of [false, true]) {
      for (const wpt of wptCases) {
        const c2 = channel('wpt');
        await rawStream(c2, wpt.body, 'empty');
        const options: SseOptions = { ...RELAXED, native, silenceTimeoutMs: 0 };
        if (wpt.events) options.events = wpt.events;
        const got = raw(sse(hubUrl(c2, 'sse'), options));
        const label = `${native ? 'native' : 'fetch'}: ${wpt.name}`;
        try {
          // The canned body ends, the client comes back: everything of the body has been parsed by then.
          await waitFor(async () => (await hubLog(c2)).requests.length >= 2, { timeout: 5000, message: label });
          await sleep(30);
          expect(got.events, label).to.deep.equal(wpt.expected);
          if (wpt.nextLastEventId !== undefined) {
            expect((await hubLog(c2)).requests[1]?.lastEventId ?? null, `${label}: next request's Last-Event-ID`).to.equal(wpt.nextLastEventId);
          }
          passed.push(label);
        } finally {
          got.stop();
          await control(c2, { action: 'reset' });
        }
      }
    }
    expect(passed).to.have.length(wptCases.length * 2);
    await recordFigure({
      id: 'F28',
      transport: 'S',
      expect: 'spec results (fetch and native adapters)',
      measured: `${wptCases.length} WPT format cases × 2 adapters = ${passed.length}/${wptCases.length * 2} pass over the network (all 31 at the parser level in sse-parser-wpt.test.ts)`,
    });
  });

  // ------------------------------------------------------------------ F29

  it('F29 S: a payload that smuggles `event: admin` and `id:` lines → no privileged action; the id change happens', async () => {
    // A buggy hub writes a payload containing "\nevent: admin\nid: 999" straight into `data:`.
    // The smuggled event carries a command that would empty the feed if it were obeyed.
    const smuggled = '{"type":"snapshot","items":[]}\nevent: admin\nid: 999';
    const body =
      'id: 1\ndata: {"id":"n1","title":"before","createdAt":1700000001000}\n\n' +
      `data: ${smuggled}\n\n` +
      'data: {"id":"n3","title":"after","createdAt":1700000003000}\n\n';
    await rawStream(c, body, 204);
    const store = createNotificationStore({ transport: sse(hubUrl(c, 'sse'), { ...RELAXED, silenceTimeoutMs: 0 }) });
    const w = watch(store);
    store.start();
    stops.push(() => store.stop());
    await waitFor(() => w.ids().includes('n3'));
    // The second request goes out with the smuggled id, then gets the 204: closed for good.
    await waitFor(() => w.store.$status.get() === 'closed');
    const requests = (await hubLog(c)).requests;
    expect(w.ids()).to.deep.equal(['n3', 'n1']);
    expect(store.cursor).to.equal('999');
    expect(requests.map((r) => r.lastEventId)).to.deep.equal([null, '999']);
    // The admin event is not one the adapter listens to: dropped without a report.
    expect(w.errors).to.deep.equal([]);
    await recordFigure({
      id: 'F29',
      transport: 'S',
      expect: 'no privileged action; the id change is spec behaviour',
      measured: `smuggled \`event: admin\` (a snapshot that would empty the feed) ignored: feed kept n1, n3; cursor became 999 and was sent as Last-Event-ID on reconnect; 0 errors or warnings reported`,
    });
  });

  // ------------------------------------------------------------------ F30

  it('F30 S: `retry:` fuzz → digits only, clamped to [0.5 s, 60 s], `02000` → 2 s (scaled)', async function () {
    this.timeout(20_000);
    // [field value, server floor in real ms]; jitter pinned to 0, so the delay is the floor alone.
    const cases: [string, number][] = [
      ['1000x', 0],
      ['-1', 0],
      ['', 0],
      ['1000 ', 0],
      ['+5', 0],
      ['1e3', 0],
      ['99999999999999999999', 60_000],
      ['02000', 2000],
      ['100', 500],
    ];
    const measured: string[] = [];
    for (const [value, floor] of cases) {
      const c2 = channel('retry');
      await rawStream(c2, `retry:${value}\n\n:ok\n\n`, 'hub');
      const got = raw(sse(hubUrl(c2, 'sse'), { ...RELAXED, silenceTimeoutMs: 0, backoff: { random: () => 0 } }));
      try {
        await waitFor(async () => (await hubLog(c2)).requests.length >= 2, { timeout: 5000, message: `retry:${value}` });
        const retryIn = got.statuses.find((s) => s.status === 'reconnecting')?.detail?.retryInMs;
        const [first, second] = (await hubLog(c2)).requests;
        const gap = (second?.at ?? NaN) - (first?.at ?? NaN);
        const expected = floor * TIME_SCALE;
        expect(retryIn, `retry:${value}`).to.equal(expected);
        // the hub's clock: the second request comes no earlier than the floor (1 ms rounding)
        expect(gap, `retry:${value} gap`).to.be.at.least(expected - 1);
        expect(gap, `retry:${value} gap`).to.be.below(expected + 400);
        measured.push(`\`${value}\`→${retryIn} ms (gap ${gap})`);
      } finally {
        got.stop();
        await control(c2, { action: 'reset' });
      }
    }
    await recordFigure({
      id: 'F30',
      transport: 'S',
      expect: 'digits only; clamped to [0.5 s, 60 s]; `02000` → 2 s',
      measured: `×${TIME_SCALE}, jitter 0: ${measured.join(', ')}`,
    });
  });
});
