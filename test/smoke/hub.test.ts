// Proves the test infrastructure (hub server, middleware, WebSocket upgrade,
// set-offline command) with the browser's own EventSource / WebSocket / fetch.
// No library code is involved here.
import { expect } from '@open-wc/testing';
import {
  channel,
  control,
  hubLog,
  hubUrl,
  setOffline,
  waitFor,
  type HubNotification,
  type HubPollBody,
} from '../helpers/hub.js';

interface SseProbe {
  source: EventSource;
  ids: string[];
  datas: string[];
  errors: number;
  opens: number;
}

interface WsProbe {
  socket: WebSocket;
  frames: string[];
  opened: boolean;
  closeCode: number | null;
  closeReason: string;
}

const cleanups: Array<() => void> = [];

function openSse(url: string): SseProbe {
  const source = new EventSource(url);
  const probe: SseProbe = { source, ids: [], datas: [], errors: 0, opens: 0 };
  source.addEventListener('open', () => (probe.opens += 1));
  source.addEventListener('error', () => (probe.errors += 1));
  source.addEventListener('message', (event) => {
    probe.ids.push(event.lastEventId);
    probe.datas.push(String(event.data));
  });
  cleanups.push(() => source.close());
  return probe;
}

function openWs(url: string): WsProbe {
  const socket = new WebSocket(url);
  const probe: WsProbe = { socket, frames: [], opened: false, closeCode: null, closeReason: '' };
  socket.addEventListener('open', () => (probe.opened = true));
  socket.addEventListener('message', (event) => probe.frames.push(String(event.data)));
  socket.addEventListener('close', (event) => {
    probe.closeCode = event.code;
    probe.closeReason = event.reason;
  });
  cleanups.push(() => socket.close());
  return probe;
}

function titles(datas: readonly string[]): string[] {
  return datas.map((d) => (JSON.parse(d) as HubNotification).title);
}

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('test hub: SSE', () => {
  it('delivers backlog and live events with ids, after a :ok comment', async () => {
    const c = channel('sse');
    await control(c, { action: 'publish', count: 2 });
    const probe = openSse(hubUrl(c, 'sse'));
    await waitFor(() => probe.ids.length === 2);
    await control(c, { action: 'publish', count: 1 });
    await waitFor(() => probe.ids.length === 3);
    expect(probe.ids).to.deep.equal(['1', '2', '3']);
    expect(titles(probe.datas)).to.deep.equal(['Notification 1', 'Notification 2', 'Notification 3']);
    expect(JSON.parse(probe.datas[2] ?? '')).to.deep.equal({
      id: '3',
      title: 'Notification 3',
      body: 'Body 3',
      createdAt: 1700000003000,
    });

    const raw = await fetch(hubUrl(c, 'sse', { lastEventId: 2 }));
    expect(raw.status).to.equal(200);
    expect(raw.headers.get('content-type')).to.equal('text/event-stream');
    expect(raw.headers.get('cache-control')).to.equal('no-cache');
    const reader = raw.body!.getReader();
    let text = '';
    while (!text.includes('\n\nid: 3')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      if (text.length > 1000) break;
    }
    await reader.cancel();
    expect(text.startsWith(':ok\n\nid: 3\ndata: {')).to.equal(true, text);
  });

  it('resumes after the lastEventId query, or from now with live=1', async () => {
    const c = channel('sse-resume');
    await control(c, { action: 'publish', count: 5 });
    const resumed = openSse(hubUrl(c, 'sse', { lastEventId: 3 }));
    const live = openSse(hubUrl(c, 'sse', { live: 1 }));
    await waitFor(() => resumed.ids.length === 2 && live.opens === 1);
    await control(c, { action: 'publish', count: 1 });
    await waitFor(() => live.ids.length === 1 && resumed.ids.length === 3);
    expect(resumed.ids).to.deep.equal(['4', '5', '6']);
    expect(live.ids).to.deep.equal(['6']);

    const log = await hubLog(c);
    expect(log.requests.map((r) => r.lastEventId)).to.deep.equal(['3', null]);
    expect(log.requests[0]?.headers.accept).to.equal('text/event-stream');
    expect(log.requests[1]?.query).to.deep.equal({ live: '1' });
    expect(log.open).to.equal(2);
    expect(log.lastSeq).to.equal(6);
  });

  it('splits multi-line data into several data: lines and sends raw frames', async () => {
    const c = channel('sse-frames');
    await control(c, { action: 'publish', frames: ['line 1\nline 2', { a: 1 }, '{not json'] });
    const probe = openSse(hubUrl(c, 'sse'));
    await waitFor(() => probe.datas.length === 3);
    expect(probe.datas).to.deep.equal(['line 1\nline 2', '{"a":1}', '{not json']);
  });

  it('reconnects with Last-Event-ID after cutAfter, honouring retry', async () => {
    const c = channel('sse-cut');
    await control(c, { action: 'retry', ms: 50 });
    await control(c, { action: 'cutAfter', events: 2 });
    await control(c, { action: 'publish', count: 3 });
    const probe = openSse(hubUrl(c, 'sse'));
    await waitFor(() => probe.ids.length === 3);
    expect(probe.ids).to.deep.equal(['1', '2', '3']);
    expect(probe.errors).to.be.greaterThan(0);
    const log = await hubLog(c);
    // the browser resumes from the last id it saw, via the header
    expect(log.requests.map((r) => r.lastEventId)).to.deep.equal([null, '2']);
  });

  it('cutAfter mid-frame: the half-written event is discarded, then re-sent', async () => {
    const c = channel('sse-mid');
    await control(c, { action: 'retry', ms: 50 });
    await control(c, { action: 'cutAfter', events: 1, mode: 'mid-frame' });
    await control(c, { action: 'publish', count: 2 });
    const probe = openSse(hubUrl(c, 'sse'));
    await waitFor(() => probe.ids.length === 2);
    expect(probe.ids).to.deep.equal(['1', '2']);
    expect(titles(probe.datas)).to.deep.equal(['Notification 1', 'Notification 2']);
    const log = await hubLog(c);
    expect(log.requests.map((r) => r.lastEventId)).to.deep.equal([null, '1']);
  });

  it('keepalive sends a : comment on open SSE connections', async () => {
    const c = channel('sse-keepalive');
    const response = await fetch(hubUrl(c, 'sse'));
    await control(c, { action: 'keepalive', ms: 50 });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while ((text.match(/^:\n\n/gm) ?? []).length < 2) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(text.startsWith(':ok\n\n')).to.equal(true);
  });

  it('cut destroys open connections; end closes them cleanly', async () => {
    const c = channel('sse-cut-now');
    await control(c, { action: 'retry', ms: 60000 });
    const a = openSse(hubUrl(c, 'sse'));
    const b = openSse(hubUrl(c, 'sse'));
    await waitFor(() => a.opens === 1 && b.opens === 1);
    expect((await hubLog(c)).open).to.equal(2);
    await control(c, { action: 'cut' });
    await waitFor(() => a.errors === 1 && b.errors === 1);
    const log = await hubLog(c);
    expect(log.open).to.equal(0);
    expect(log.maxOpen).to.equal(2);

    const d = channel('sse-end');
    await control(d, { action: 'retry', ms: 60000 });
    const e = openSse(hubUrl(d, 'sse'));
    await waitFor(() => e.opens === 1);
    expect(await control(d, { action: 'end' })).to.include({ ended: 1 });
    await waitFor(() => e.errors === 1);
    expect((await hubLog(d)).open).to.equal(0);
  });
});

describe('test hub: poll', () => {
  it('answers {"items":[…],"eventId":"…"} built from the raw frames', async () => {
    const c = channel('poll');
    await control(c, { action: 'publish', count: 3 });
    const body = (await (await fetch(hubUrl(c, 'poll', { lastEventId: 1 }))).json()) as HubPollBody;
    expect(body.eventId).to.equal('3');
    expect(body.items.map((i) => (i as HubNotification).id)).to.deep.equal(['2', '3']);

    const limited = (await (await fetch(hubUrl(c, 'poll', { max: 2 }))).json()) as HubPollBody;
    expect(limited).to.deep.include({ eventId: '2' });
    expect(limited.items).to.have.length(2);

    const none = await fetch(hubUrl(c, 'poll', { lastEventId: 3 }));
    expect(none.headers.get('content-type')).to.equal('application/json');
    expect(await none.text()).to.equal('{"items":[],"eventId":"3"}');

    await control(c, { action: 'publish', frames: ['{broken'] });
    expect(await (await fetch(hubUrl(c, 'poll', { lastEventId: 3 }))).text()).to.equal(
      '{"items":[{broken],"eventId":"4"}',
    );
    const log = await hubLog(c);
    expect(log.requests.map((r) => r.lastEventId)).to.deep.equal(['1', null, '3', '3']);
  });

  it('long=1 holds the request until a publish or the timeout', async () => {
    const c = channel('long-poll');
    const started = performance.now();
    const held = fetch(hubUrl(c, 'poll', { long: 1, lastEventId: 0, timeoutMs: 5000 }));
    await waitFor(async () => (await hubLog(c)).open === 1);
    await control(c, { action: 'publish', count: 1 });
    const body = (await (await held).json()) as HubPollBody;
    expect(body.eventId).to.equal('1');
    expect(body.items).to.have.length(1);
    expect(performance.now() - started).to.be.lessThan(2000);

    const timedOut = await fetch(hubUrl(c, 'poll', { long: 1, lastEventId: 1, timeoutMs: 100 }));
    expect(await timedOut.text()).to.equal('{"items":[],"eventId":"1"}');
    expect((await hubLog(c)).open).to.equal(0);

    // a cut of a held poll reaches the client (headers are sent when holding). The handler is
    // attached at once: the body fails while control() is still awaited, and a rejection
    // handled only after that is reported as an error outside the test.
    let error: unknown = null;
    const cut = fetch(hubUrl(c, 'poll', { long: 1, lastEventId: 1 }))
      .then((r) => r.json())
      .catch((e: unknown) => (error = e));
    await waitFor(async () => (await hubLog(c)).open === 1);
    await control(c, { action: 'cut' });
    await cut;
    expect(error).to.be.instanceOf(TypeError);
    expect((await hubLog(c)).requests).to.have.length(3); // not re-sent by Chrome
  });
});

describe('test hub: WebSocket', () => {
  it('delivers one text frame per event, answers ping, records client frames', async () => {
    const c = channel('ws');
    await control(c, { action: 'publish', count: 2 });
    const probe = openWs(hubUrl(c, 'ws', { lastEventId: 1 }));
    await waitFor(() => probe.frames.length === 1);
    await control(c, { action: 'publish', frames: [{ hello: 'world' }] });
    await waitFor(() => probe.frames.length === 2);
    expect(titles(probe.frames.slice(0, 1))).to.deep.equal(['Notification 2']);
    expect(probe.frames[1]).to.equal('{"hello":"world"}');

    probe.socket.send('{"type":"ping"}');
    probe.socket.send('subscribe please');
    await waitFor(() => probe.frames.length === 3);
    expect(probe.frames[2]).to.equal('{"type":"pong"}');
    const log = await hubLog(c);
    expect(log.received).to.deep.equal(['{"type":"ping"}', 'subscribe please']);
    expect(log.requests).to.have.length(1);
    expect(log.requests[0]).to.include({ transport: 'ws', lastEventId: '1', status: 101 });
    expect(log.open).to.equal(1);
  });

  it('wsSend delivers a binary frame, and raw bytes of a text frame with invalid UTF-8 make the browser close 1007', async () => {
    const c = channel('ws-raw');
    const probe = openWs(hubUrl(c, 'ws'));
    const kinds: string[] = [];
    probe.socket.addEventListener('message', (event) => kinds.push(event.data instanceof Blob ? 'blob' : typeof event.data));
    await waitFor(() => probe.opened);
    expect(await control(c, { action: 'wsSend', binary: btoa('\x01\x02') })).to.include({ sent: 1 });
    await waitFor(() => kinds.length === 1);
    expect(kinds).to.deep.equal(['blob']);
    // FIN + text opcode, unmasked, 2 bytes: C3 28 is not UTF-8
    await control(c, { action: 'wsSend', raw: btoa('\x81\x02\xc3\x28') });
    await waitFor(() => probe.closeCode !== null);
    expect(probe.closeCode).to.equal(1006); // the browser fails the connection; its own close code is 1007
  });

  it('closeWs closes with the given code; cutAfter drops the connection (1006)', async () => {
    const c = channel('ws-close');
    const probe = openWs(hubUrl(c, 'ws', { live: 1 }));
    await waitFor(() => probe.opened);
    await control(c, { action: 'closeWs', code: 4001, reason: 'go away' });
    await waitFor(() => probe.closeCode !== null);
    expect(probe.closeCode).to.equal(4001);
    expect(probe.closeReason).to.equal('go away');

    const d = channel('ws-cut');
    await control(d, { action: 'cutAfter', events: 1 });
    await control(d, { action: 'publish', count: 3 });
    const cut = openWs(hubUrl(d, 'ws'));
    await waitFor(() => cut.closeCode !== null);
    expect(cut.frames).to.have.length(1);
    expect(cut.closeCode).to.equal(1006);
  });
});

describe('test hub: respond', () => {
  it('the next requests get the canned answer, then the stream again', async () => {
    const c = channel('respond');
    await control(c, {
      action: 'respond',
      status: 401,
      body: { error: 'unauthorized' },
      headers: { 'WWW-Authenticate': 'Bearer' },
      times: 2,
      transports: ['poll', 'ws'],
    });
    const first = await fetch(hubUrl(c, 'poll'), { headers: { Authorization: 'Bearer nope' } });
    expect(first.status).to.equal(401);
    expect(first.headers.get('www-authenticate')).to.equal('Bearer');
    expect(await first.json()).to.deep.equal({ error: 'unauthorized' });

    // SSE is not in `transports`: it streams normally
    const sse = openSse(hubUrl(c, 'sse'));
    await waitFor(() => sse.opens === 1);

    const ws = openWs(hubUrl(c, 'ws'));
    await waitFor(() => ws.closeCode !== null);
    expect(ws.opened).to.equal(false);
    expect(ws.closeCode).to.equal(1006);

    expect((await fetch(hubUrl(c, 'poll'))).status).to.equal(200);
    const log = await hubLog(c);
    expect(log.requests.map((r) => `${r.transport}:${r.status}`)).to.deep.equal([
      'poll:401',
      'sse:200',
      'ws:401',
      'poll:200',
    ]);
    expect(log.requests[0]?.headers.authorization).to.equal('Bearer nope');
  });

  it('an SSE request can be refused too (EventSource gives up on a 4xx)', async () => {
    const c = channel('respond-sse');
    await control(c, { action: 'respond', status: 503, body: 'busy' });
    const probe = openSse(hubUrl(c, 'sse'));
    await waitFor(() => probe.errors === 1);
    expect(probe.source.readyState).to.equal(EventSource.CLOSED);
    expect((await hubLog(c)).requests[0]).to.include({ transport: 'sse', status: 503 });
  });
});

describe('test hub: set-offline', () => {
  afterEach(async () => {
    if (!navigator.onLine) await setOffline(false);
  });

  it('flips navigator.onLine, fires offline/online, and makes the hub unreachable', async () => {
    const c = channel('offline');
    await control(c, { action: 'retry', ms: 60000 });
    const before = openSse(hubUrl(c, 'sse'));
    await waitFor(() => before.opens === 1);

    const events: string[] = [];
    const onEvent = (event: Event) => events.push(`${event.type}:${navigator.onLine}`);
    window.addEventListener('offline', onEvent);
    window.addEventListener('online', onEvent);
    cleanups.push(() => {
      window.removeEventListener('offline', onEvent);
      window.removeEventListener('online', onEvent);
    });

    expect(await setOffline(true)).to.equal(true);
    expect(navigator.onLine).to.equal(false);
    await waitFor(() => events.length === 1);

    // new stream requests fail like a network error; control/log still work
    let failed: unknown = null;
    await fetch(hubUrl(c, 'poll')).catch((error: unknown) => (failed = error));
    expect(failed).to.be.instanceOf(TypeError);
    const ws = openWs(hubUrl(c, 'ws'));
    await waitFor(() => ws.closeCode !== null);
    expect(ws.opened).to.equal(false);
    // the stream opened before going offline is left alone
    await control(c, { action: 'publish', count: 1 });
    await waitFor(() => before.ids.length === 1);

    expect(await setOffline(false)).to.equal(true);
    expect(navigator.onLine).to.equal(true);
    await waitFor(() => events.length === 2);
    expect(events).to.deep.equal(['offline:false', 'online:true']);
    expect((await fetch(hubUrl(c, 'poll'))).status).to.equal(200);

    const log = await hubLog(c);
    expect(log.requests.map((r) => `${r.transport}:${r.status}:${r.offline ?? false}`)).to.deep.equal([
      'sse:200:false',
      'poll:0:true',
      'ws:0:true',
      'poll:200:false',
    ]);
  });
});
