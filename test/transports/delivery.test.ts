// Every transport against the real loopback hub: delivery, resume across cuts with
// nothing lost or duplicated, bad frames skipped, stop() final, offline pause.
import { expect } from '@open-wc/testing';
import type { Transport } from '../../src/core/model/types.js';
import { poll } from '../../src/transports/poll.js';
import { sse } from '../../src/transports/sse.js';
import { websocket } from '../../src/transports/websocket.js';
import { collect, range, sleep } from '../helpers/collect.js';
import { channel, control, hubLog, hubUrl, setOffline, waitFor } from '../helpers/hub.js';

const fast = { baseMs: 20, capMs: 100 };

const transports: Record<string, (c: string) => Transport> = {
  sse: (c) => sse(hubUrl(c, 'sse'), { backoff: fast }),
  'sse (native EventSource)': (c) => sse(hubUrl(c, 'sse'), { backoff: fast, native: true }),
  websocket: (c) => websocket(hubUrl(c, 'ws'), { backoff: fast }),
  'long poll': (c) => poll(hubUrl(c, 'poll', { long: 1, timeoutMs: 1000, max: 7 }), { long: true, backoff: fast }),
  'short poll': (c) => poll(hubUrl(c, 'poll', { max: 7 }), { intervalMs: 30, backoff: fast }),
};

for (const [name, create] of Object.entries(transports)) {
  describe(`${name} transport`, () => {
    let c: string;
    let stops: (() => void)[] = [];
    const start = (transport: Transport) => {
      const collected = collect(transport);
      stops.push(() => {
        collected.stop();
      });
      return collected;
    };

    beforeEach(() => {
      c = channel(name.replace(/\W+/g, '-'));
    });
    afterEach(async () => {
      for (const stop of stops) stop();
      stops = [];
      await control(c, { action: 'reset' });
    });

    it('delivers backlog and live notifications in order and reports open', async () => {
      await control(c, { action: 'publish', count: 3 });
      const got = start(create(c));
      await waitFor(() => got.ids.length === 3);
      await control(c, { action: 'publish', count: 2 });
      await waitFor(() => got.ids.length === 5);
      expect(got.ids).to.deep.equal(range(1, 5));
      expect(got.statuses.map((s) => s.status)).to.include('open');
      expect(got.errors).to.deep.equal([]);
    });

    it('resumes after the server cuts it many times: zero lost, zero duplicated, one connection at a time', async function () {
      this.timeout(20_000);
      await control(c, { action: 'publish', count: 40 });
      if (!name.includes('poll')) await control(c, { action: 'cutAfter', events: 7 });
      const got = start(create(c));
      for (let round = 0; round < 8; round++) {
        await sleep(40);
        await control(c, { action: 'publish', count: 20 });
        if (name.includes('poll')) await control(c, { action: 'cut' });
      }
      await waitFor(() => got.ids.length >= 200, { timeout: 15_000, message: () => `${got.ids.length} of 200` });
      await sleep(100);
      expect(got.ids).to.deep.equal(range(1, 200));
      const log = await hubLog(c);
      // A short poll holds no connection open; the others hold exactly one at a time.
      expect(log.maxOpen).to.equal(name === 'short poll' ? 0 : 1);
      const resumes = log.requests.filter((r) => r.lastEventId !== null);
      expect(resumes.length).to.be.greaterThan(5);
    });

    it('skips and reports malformed frames while valid ones still arrive, without reconnecting', async () => {
      const isPoll = name.includes('poll');
      // A poll body is one JSON document, so a frame of broken JSON has its own test below.
      const broken = isPoll ? [] : ['{not json'];
      await control(c, {
        action: 'publish',
        frames: [{ id: 'a', title: 'first' }, ...broken, { id: 'b' }, { type: 'explode' }, { id: 'c', title: 'last' }],
      });
      const got = start(create(c));
      await waitFor(() => got.ids.includes('c'));
      expect(got.ids).to.deep.equal(['a', 'c']);
      expect(got.errors.map((e) => e.code)).to.deep.equal([
        ...(isPoll ? [] : ['invalid-json']),
        'invalid-notification',
        'invalid-command',
      ]);
      if (!isPoll) expect((await hubLog(c)).requests).to.have.length(1);
    });

    if (name.includes('poll')) {
      it('reports a response body that is not JSON, and backs off instead of asking again at once', async () => {
        await control(c, { action: 'publish', frames: ['{not json'] });
        const got = start(create(c));
        await waitFor(() => got.errors.length > 0);
        expect(got.errors[0]?.code).to.equal('invalid-json');
        // The same body would come back at once: each failure counts, so the delays grow to the cap.
        await sleep(600);
        const failures = got.statuses.filter((s) => s.status === 'reconnecting').length;
        expect(failures, 'attempts in 600 ms with a 20→100 ms backoff').to.be.within(2, 40);
        expect(got.statuses.some((s) => s.detail?.error?.code === 'invalid-json')).to.equal(true);
      });
    }

    it('is final after stop(): no request and no message afterwards', async () => {
      const got = start(create(c));
      await waitFor(() => got.lastStatus() === 'open');
      got.stop();
      const before = (await hubLog(c)).requests.length;
      await control(c, { action: 'publish', count: 3 });
      await control(c, { action: 'cut' });
      await sleep(300);
      expect((await hubLog(c)).requests.length).to.equal(before);
      expect(got.ids).to.deep.equal([]);
    });

    it('makes no attempt while offline and reconnects within a second of coming back', async function () {
      this.timeout(10_000);
      const got = start(create(c));
      await waitFor(() => got.lastStatus() === 'open');
      expect(await setOffline(true)).to.equal(true);
      try {
        await control(c, { action: 'cut' });
        await waitFor(() => got.lastStatus() === 'offline');
        await control(c, { action: 'publish', count: 2 });
        const during = (await hubLog(c)).requests.length;
        await sleep(500);
        expect((await hubLog(c)).requests.length, 'requests while offline').to.equal(during);
      } finally {
        await setOffline(false);
      }
      const backAt = performance.now();
      await waitFor(() => got.ids.length === 2, { timeout: 2000 });
      expect(performance.now() - backAt).to.be.lessThan(1000);
      expect(got.ids).to.deep.equal(range(1, 2));
    });
  });
}
