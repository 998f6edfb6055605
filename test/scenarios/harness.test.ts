// The fault harness itself: the proxy forwards SSE, poll and WebSocket to the
// hub (another origin, so CORS is exercised too), and each fault does what it says.
import { expect } from '@open-wc/testing';
import { channel, control, hubLog, waitFor } from '../helpers/hub.js';
import { openProxy, type FaultProxy } from '../helpers/scenario.js';

describe('fault proxy', () => {
  let proxy: FaultProxy;
  let c: string;
  beforeEach(async () => {
    proxy = await openProxy();
    c = channel('harness');
  });
  afterEach(async () => {
    await proxy.close();
    await control(c, { action: 'reset' });
  });

  it('forwards a cross-origin SSE stream with Last-Event-ID (preflighted)', async () => {
    await control(c, { action: 'publish', count: 3 });
    const response = await fetch(proxy.url(c, 'sse'), { headers: { 'Last-Event-ID': '1' } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('id: 3')) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(text).to.include('id: 2').and.not.include('id: 1\n');
    expect((await hubLog(c)).requests[0]?.lastEventId).to.equal('1');
  });

  it('forwards WebSocket upgrades', async () => {
    await control(c, { action: 'publish', count: 2 });
    const ws = new WebSocket(proxy.url(c, 'ws'));
    const frames: string[] = [];
    ws.onmessage = (event) => frames.push(String(event.data));
    await waitFor(() => frames.length === 2);
    ws.close();
    expect((JSON.parse(frames[1]!) as { id: string }).id).to.equal('2');
  });

  it('slices bytes one per TCP write, and the browser still reads them', async () => {
    await proxy.set({ slice: 1 });
    await control(c, { action: 'publish', count: 1 });
    const response = await fetch(proxy.url(c, 'poll'));
    const body = (await response.json()) as { items: { id: string }[] };
    expect(body.items.map((n) => n.id)).to.deep.equal(['1']);
  });

  it('keeps byte order when slicing a large body into random writes', async () => {
    await control(c, { action: 'publish', count: 300 });
    const direct = await (await fetch(`/hub/${encodeURIComponent(c)}/poll`)).text();
    await proxy.set({ slice: 'random' });
    const sliced = await (await fetch(proxy.url(c, 'poll'))).text();
    expect(sliced.length).to.be.greaterThan(10_000);
    expect(sliced).to.equal(direct);
  });

  it('adds latency', async () => {
    await proxy.set({ latencyMs: 150 });
    const started = performance.now();
    await fetch(proxy.url(c, 'poll'));
    // request and answer are each held 150 ms
    expect(performance.now() - started).to.be.greaterThan(290);
  });

  it('black-holes open connections without closing them, and resets them', async () => {
    const ws = new WebSocket(proxy.url(c, 'ws'));
    const frames: string[] = [];
    let closed = false;
    ws.onmessage = (event) => frames.push(String(event.data));
    ws.onclose = () => (closed = true);
    await waitFor(() => ws.readyState === WebSocket.OPEN);
    expect(await proxy.blackhole()).to.equal(1);
    await control(c, { action: 'publish', count: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(frames).to.deep.equal([]);
    expect(closed).to.equal(false);
    expect(await proxy.reset()).to.equal(1);
    await waitFor(() => closed);
  });

  it('stalls new connections: accepted, never answered', async () => {
    await proxy.set({ stallNew: true });
    const controller = new AbortController();
    const pending = fetch(proxy.url(c, 'poll'), { signal: controller.signal }).then(
      () => 'answered',
      () => 'aborted',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await proxy.stats()).open).to.equal(1);
    controller.abort();
    expect(await pending).to.equal('aborted');
    expect((await hubLog(c)).requests).to.have.length(0);
  });
});
