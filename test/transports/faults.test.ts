// What the server says decides what the client does: stop, refresh once, or back off.
import { expect } from '@open-wc/testing';
import { poll } from '../../src/transports/poll.js';
import { sse } from '../../src/transports/sse.js';
import { websocket } from '../../src/transports/websocket.js';
import { collect, range, sleep } from '../helpers/collect.js';
import { channel, control, hubLog, hubUrl, waitFor } from '../helpers/hub.js';

const fast = { baseMs: 20, capMs: 100 };

describe('transport faults', () => {
  let c: string;
  let stops: (() => void)[] = [];
  const track = <T extends { stop(): void }>(collected: T): T => {
    stops.push(() => collected.stop());
    return collected;
  };

  beforeEach(() => {
    c = channel('faults');
  });
  afterEach(async () => {
    for (const stop of stops) stop();
    stops = [];
    await control(c, { action: 'reset' });
  });

  const httpTransports = {
    sse: (options = {}) => sse(hubUrl(c, 'sse'), { backoff: fast, ...options }),
    poll: (options = {}) => poll(hubUrl(c, 'poll'), { intervalMs: 30, backoff: fast, ...options }),
  };

  for (const [name, create] of Object.entries(httpTransports)) {
    it(`${name}: 401 stops with an auth error and no further request`, async () => {
      await control(c, { action: 'respond', status: 401, times: -1 });
      const got = track(collect(create()));
      await waitFor(() => got.lastStatus() === 'error');
      await sleep(300);
      expect((await hubLog(c)).requests).to.have.length(1);
      expect(got.errors.map((e) => [e.code, e.status])).to.deep.equal([['auth', 401]]);
    });

    it(`${name}: 401 calls refreshCredentials once and retries with the new headers`, async () => {
      await control(c, { action: 'respond', status: 401, times: 1 });
      await control(c, { action: 'publish', count: 1 });
      let refreshes = 0;
      const got = track(
        collect(
          create({
            refreshCredentials: async () => {
              refreshes++;
              return { Authorization: 'Bearer fresh' };
            },
          }),
        ),
      );
      await waitFor(() => got.ids.length === 1);
      const requests = (await hubLog(c)).requests;
      expect(refreshes).to.equal(1);
      expect(requests[0]?.headers.authorization).to.equal(undefined);
      expect(requests[1]?.headers.authorization).to.equal('Bearer fresh');
    });

    it(`${name}: a refresh that gives up ends in error after at most two requests`, async () => {
      await control(c, { action: 'respond', status: 403, times: -1 });
      const got = track(collect(create({ refreshCredentials: async () => false })));
      await waitFor(() => got.lastStatus() === 'error');
      await sleep(200);
      expect((await hubLog(c)).requests.length).to.be.at.most(2);
    });

    it(`${name}: 204 closes for good with reason server-stop`, async () => {
      await control(c, { action: 'respond', status: 204, times: -1 });
      const got = track(collect(create()));
      await waitFor(() => got.lastStatus() === 'closed');
      await sleep(300);
      expect((await hubLog(c)).requests).to.have.length(1);
      expect(got.statuses.at(-1)?.detail?.reason).to.equal('server-stop');
    });

    it(`${name}: 404 is terminal`, async () => {
      await control(c, { action: 'respond', status: 404, times: -1 });
      const got = track(collect(create()));
      await waitFor(() => got.lastStatus() === 'error');
      await sleep(200);
      expect((await hubLog(c)).requests).to.have.length(1);
      expect(got.errors[0]?.status).to.equal(404);
    });

    it(`${name}: 500 retries with growing delays, then recovers`, async () => {
      await control(c, { action: 'respond', status: 500, times: 4, body: '<html>oops</html>' });
      await control(c, { action: 'publish', count: 2 });
      // Pin the jitter at its top so each delay sits at its bound: 50, 100, 200, 400 ms.
      const got = track(collect(create({ backoff: { baseMs: 50, capMs: 1000, random: () => 0.999 } })));
      await waitFor(() => got.ids.length === 2, { timeout: 4000 });
      const at = (await hubLog(c)).requests.map((r) => r.at);
      const gaps = at.slice(1, 5).map((t, i) => t - (at[i] as number));
      const bounds = [50, 100, 200, 400];
      gaps.forEach((gap, i) => expect(gap, `gap ${i} of ${gaps.join(', ')}`).to.be.within(bounds[i]! * 0.9, bounds[i]! + 150));
      const retrying = got.statuses.filter((s) => s.status === 'reconnecting' && s.detail?.retryInMs !== undefined);
      expect(retrying.map((s) => s.detail?.error?.status)).to.deep.equal([500, 500, 500, 500]);
      expect(got.ids).to.deep.equal(range(1, 2));
    });

    it(`${name}: 429 with Retry-After waits at least that long`, async () => {
      await control(c, { action: 'respond', status: 429, times: 1, headers: { 'Retry-After': '1' } });
      const got = track(collect(create()));
      await waitFor(() => got.lastStatus() === 'open', { timeout: 3000 });
      const [first, second] = (await hubLog(c)).requests;
      expect(second!.at - first!.at).to.be.at.least(950);
    });
  }

  for (const [name, create] of [
    ['sse', () => sse(hubUrl(c, 'sse'), { backoff: fast, connectTimeoutMs: 300 })],
    ['long poll', () => poll(hubUrl(c, 'poll', { long: 1 }), { long: true, backoff: fast, connectTimeoutMs: 300 })],
    ['websocket', () => websocket(hubUrl(c, 'ws'), { backoff: fast, connectTimeoutMs: 300 })],
  ] as const) {
    it(`${name}: a server that accepts but never answers is abandoned at the connect timeout, then retried`, async () => {
      await control(c, { action: 'respond', status: 200, stall: true, times: 1 });
      await control(c, { action: 'publish', count: 1 });
      const started = performance.now();
      const got = track(collect(create()));
      await waitFor(() => got.ids.length === 1, { timeout: 3000 });
      expect(performance.now() - started).to.be.within(280, 1500);
      const timeout = got.statuses.find((s) => s.detail?.error?.message.includes('no answer within 300 ms'));
      expect(timeout?.status).to.equal('reconnecting');
      const [stalled, retried] = (await hubLog(c)).requests;
      expect(retried!.at - stalled!.at).to.be.at.least(280);
    });
  }

  it('sse: a connection silent past silenceTimeoutMs is replaced, and keep-alive data keeps it', async () => {
    const got = track(collect(sse(hubUrl(c, 'sse'), { backoff: fast, silenceTimeoutMs: 400 })));
    await waitFor(() => got.lastStatus() === 'open');
    // Events count as signs of life: 3 publishes 200 ms apart keep one connection.
    for (let i = 0; i < 3; i++) {
      await sleep(200);
      await control(c, { action: 'publish', count: 1 });
    }
    expect((await hubLog(c)).requests).to.have.length(1);
    await waitFor(async () => (await hubLog(c)).requests.length === 2, { timeout: 2000 });
    expect(got.statuses.some((s) => s.detail?.error?.message.includes('nothing received for 400 ms'))).to.equal(true);
    expect((await hubLog(c)).requests[1]?.lastEventId).to.equal('3');
  });

  it('sse: resumes with a non-ASCII id sent as its UTF-8 bytes (WPT format-field-id)', async () => {
    await control(c, {
      action: 'respond',
      status: 200,
      headers: { 'Content-Type': 'text/event-stream' },
      body: 'id: …\ndata: {"id":"a","title":"first"}\n\n',
    });
    const got = track(collect(httpTransports.sse()));
    await waitFor(async () => (await hubLog(c)).requests.length === 2);
    // Node reads header bytes as Latin-1: the UTF-8 bytes of "…" are E2 80 A6.
    expect((await hubLog(c)).requests[1]?.lastEventId).to.equal('\u00e2\u0080\u00a6');
    expect(got.ids).to.deep.equal(['a']);
  });

  it('sse: strips one leading BOM, not two (WPT format-bom-2)', async () => {
    await control(c, {
      action: 'respond',
      status: 200,
      headers: { 'Content-Type': 'text/event-stream' },
      body: '\uFEFF\uFEFFdata: {"id":"x","title":"dropped"}\n\ndata: {"id":"y","title":"kept"}\n\n',
    });
    const got = track(collect(httpTransports.sse()));
    await waitFor(() => got.ids.length > 0);
    expect(got.ids).to.deep.equal(['y']);
  });

  it('sse: a wrong content type is terminal and the body is never parsed', async () => {
    await control(c, {
      action: 'respond',
      status: 200,
      times: -1,
      headers: { 'Content-Type': 'text/html' },
      body: 'data: {"id":"x","title":"injected"}\n\n',
    });
    const got = track(collect(httpTransports.sse()));
    await waitFor(() => got.lastStatus() === 'error');
    await sleep(200);
    expect(got.ids).to.deep.equal([]);
    expect(got.errors[0]?.code).to.equal('content-type');
    expect((await hubLog(c)).requests).to.have.length(1);
  });

  it('sse: the server retry field is a floor for the next attempt', async () => {
    await control(c, { action: 'retry', ms: 700 });
    const got = track(collect(httpTransports.sse()));
    await waitFor(() => got.lastStatus() === 'open');
    await control(c, { action: 'cut' });
    await waitFor(async () => (await hubLog(c)).requests.length === 2, { timeout: 3000 });
    const [first, second] = (await hubLog(c)).requests;
    expect(second!.at - first!.at).to.be.at.least(650);
  });

  it('sse: an event cut mid-frame is never delivered, and resume fills the gap', async () => {
    await control(c, { action: 'publish', count: 6 });
    await control(c, { action: 'cutAfter', events: 2, mode: 'mid-frame' });
    const got = track(collect(httpTransports.sse()));
    await waitFor(() => got.ids.length >= 6, { timeout: 5000 });
    await sleep(50);
    expect(got.ids).to.deep.equal(range(1, 6));
  });

  it('sse: sends Last-Event-ID equal to the last dispatched id, and marks the resumed backlog as replay', async () => {
    await control(c, { action: 'publish', count: 3 });
    const got = track(collect(httpTransports.sse()));
    await waitFor(() => got.ids.length === 3);
    await sleep(1100);
    await control(c, { action: 'cut' });
    await control(c, { action: 'publish', count: 2 });
    await waitFor(() => got.ids.length === 5);
    const requests = (await hubLog(c)).requests;
    expect(requests.map((r) => r.lastEventId)).to.deep.equal([null, '3']);
    expect(got.replays).to.deep.equal([false, false, false, true, true]);
  });

  it('sse: an event over 1 MiB is skipped and reported once; its neighbours arrive; no reconnect', async () => {
    const huge = JSON.stringify({ id: 'huge', title: 'x'.repeat(1_200_000) });
    await control(c, { action: 'publish', frames: [{ id: 'before', title: 'b' }, huge, { id: 'after', title: 'a' }] });
    const got = track(collect(httpTransports.sse()));
    await waitFor(() => got.ids.includes('after'));
    expect(got.ids).to.deep.equal(['before', 'after']);
    expect(got.errors.map((e) => e.code)).to.deep.equal(['too-large']);
    expect((await hubLog(c)).requests).to.have.length(1);
  });

  it('websocket: a frame over 1 MiB is skipped and reported; the socket stays', async () => {
    const huge = JSON.stringify({ id: 'huge', title: 'x'.repeat(1_200_000) });
    await control(c, { action: 'publish', frames: [{ id: 'before', title: 'b' }, huge, { id: 'after', title: 'a' }] });
    const got = track(collect(websocket(hubUrl(c, 'ws'), { backoff: fast })));
    await waitFor(() => got.ids.includes('after'));
    expect(got.ids).to.deep.equal(['before', 'after']);
    expect(got.errors.map((e) => e.code)).to.deep.equal(['too-large']);
    expect((await hubLog(c)).requests).to.have.length(1);
  });

  it('websocket: close code 1008 (policy violation) is terminal; 1011 and 1012 are retried', async () => {
    const got = track(collect(websocket(hubUrl(c, 'ws'), { backoff: fast })));
    await waitFor(() => got.lastStatus() === 'open');
    await control(c, { action: 'closeWs', code: 1012 });
    await waitFor(async () => (await hubLog(c)).requests.length === 2 && got.lastStatus() === 'open');
    await control(c, { action: 'closeWs', code: 1011 });
    await waitFor(async () => (await hubLog(c)).requests.length === 3 && got.lastStatus() === 'open');
    await control(c, { action: 'closeWs', code: 1008, reason: 'banned' });
    await waitFor(() => got.lastStatus() === 'error');
    await sleep(300);
    expect((await hubLog(c)).requests).to.have.length(3);
    expect(got.errors.at(-1)?.status).to.equal(1008);
  });

  it('websocket: sends the heartbeat, and replaces a socket that stays silent past the timeout', async () => {
    const got = track(collect(websocket(hubUrl(c, 'ws'), { backoff: fast, heartbeatMs: 50, timeoutMs: 400, ping: 'ping!' })));
    await waitFor(() => got.lastStatus() === 'open');
    await waitFor(async () => (await hubLog(c)).received.includes('ping!'));
    // The hub answers only {"type":"ping"}; a custom ping gets no reply, so the socket goes silent.
    await waitFor(async () => (await hubLog(c)).requests.length === 2, { timeout: 3000 });
    expect(got.statuses.some((s) => s.detail?.error?.message.includes('nothing received for 400 ms'))).to.equal(true);
  });

  it('websocket: send() queues while disconnected and flushes in order once open', async () => {
    const transport = websocket(hubUrl(c, 'ws'), { backoff: fast, heartbeatMs: 0 });
    transport.send?.({ type: 'ack', id: 1 });
    transport.send?.({ type: 'ack', id: 2 });
    const got = track(collect(transport));
    await waitFor(() => got.lastStatus() === 'open');
    await waitFor(async () => (await hubLog(c)).received.length === 2);
    expect((await hubLog(c)).received).to.deep.equal(['{"type":"ack","id":1}', '{"type":"ack","id":2}']);
  });
});

describe('back-forward cache', () => {
  it('closes the connection on pagehide (persisted) and resumes from the last id on pageshow', async () => {
    const c = channel('bfcache');
    await control(c, { action: 'publish', count: 2 });
    const got = collect(sse(hubUrl(c, 'sse'), { backoff: fast }));
    try {
      await waitFor(() => got.ids.length === 2);
      // The browser fires these around the bfcache; a test cannot navigate its own page away.
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      await waitFor(async () => (await hubLog(c)).open === 0);
      await control(c, { action: 'publish', count: 2 });
      await sleep(200);
      expect((await hubLog(c)).requests).to.have.length(1);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await waitFor(() => got.ids.length === 4);
      const requests = (await hubLog(c)).requests;
      expect(requests.map((r) => r.lastEventId)).to.deep.equal([null, '2']);
      expect(got.ids).to.deep.equal(range(1, 4));
    } finally {
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      got.stop();
      await control(c, { action: 'reset' });
    }
  });
});

describe('classify: an app overrides the outcome table', () => {
  let c: string;
  let stops: (() => void)[] = [];
  beforeEach(() => {
    c = channel('classify');
  });
  afterEach(async () => {
    for (const stop of stops) stop();
    stops = [];
    await control(c, { action: 'reset' });
  });

  // Pusher's close-code ranges, as R6 reads them.
  const pusher = ({ closeCode }: { closeCode?: number }) => {
    if (closeCode === undefined) return undefined;
    if (closeCode >= 4000 && closeCode < 4100) return 'terminal' as const;
    if (closeCode >= 4100 && closeCode < 4200) return 'retry' as const;
    if (closeCode >= 4200 && closeCode < 4300) return 'immediate' as const;
    return undefined;
  };

  it('websocket: 4200 reconnects at once (not twice in a row without progress), 4000 is terminal', async () => {
    const got = collect(websocket(hubUrl(c, 'ws'), { backoff: { baseMs: 400, capMs: 400, random: () => 0.999 }, classify: pusher }));
    stops.push(() => {
      got.stop();
    });
    await waitFor(() => got.lastStatus() === 'open');
    await control(c, { action: 'publish', count: 1 });
    await waitFor(() => got.ids.length === 1);
    await control(c, { action: 'closeWs', code: 4200 });
    await waitFor(async () => (await hubLog(c)).requests.length === 2);
    const [first, second] = (await hubLog(c)).requests;
    expect(got.statuses.some((s) => s.status === 'reconnecting' && s.detail?.retryInMs === 0)).to.equal(true);
    await waitFor(() => got.lastStatus() === 'open');
    // No message since: a second 4200 goes through backoff (400 ms here) instead.
    await control(c, { action: 'closeWs', code: 4200 });
    await waitFor(async () => (await hubLog(c)).requests.length === 3, { timeout: 2000 });
    const third = (await hubLog(c)).requests[2]!;
    expect(third.at - second!.at).to.be.at.least(300);
    expect(second!.at - first!.at).to.be.lessThan(third.at - second!.at);
    await waitFor(() => got.lastStatus() === 'open');
    await control(c, { action: 'closeWs', code: 4001, reason: 'app disabled' });
    await waitFor(() => got.lastStatus() === 'error');
    await sleep(500);
    expect((await hubLog(c)).requests).to.have.length(3);
  });

  it('sse: a status the default table calls terminal can be made retriable', async () => {
    await control(c, { action: 'respond', status: 418, times: 2 });
    await control(c, { action: 'publish', count: 1 });
    const got = collect(sse(hubUrl(c, 'sse'), { backoff: fast, classify: ({ status }) => (status === 418 ? 'retry' : undefined) }));
    stops.push(() => {
      got.stop();
    });
    await waitFor(() => got.ids.length === 1);
    expect((await hubLog(c)).requests.map((r) => r.status)).to.deep.equal([418, 418, 200]);
  });
});
