// F10 / R13: when the server cannot resume (the client was away longer than its
// history), the store says so exactly once and fetches the history again.
import { expect } from '@open-wc/testing';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import type { Transport } from '../../src/core/model/types.js';
import { poll } from '../../src/transports/poll.js';
import { sse } from '../../src/transports/sse.js';
import { websocket } from '../../src/transports/websocket.js';
import { channel, control, hubUrl, waitFor } from '../helpers/hub.js';

const slowRetry = { baseMs: 300, capMs: 300, random: () => 0.999 };
const note = (id: number) => ({ id: String(id), title: `N${id}`, createdAt: 1_700_000_000_000 + id * 1000 });

const transports: Record<string, (c: string) => Transport> = {
  sse: (c) => sse(hubUrl(c, 'sse'), { backoff: slowRetry }),
  websocket: (c) => websocket(hubUrl(c, 'ws'), { backoff: slowRetry }),
  'long poll': (c) => poll(hubUrl(c, 'poll', { long: 1, timeoutMs: 1000 }), { long: true, backoff: slowRetry }),
};

for (const [name, create] of Object.entries(transports)) {
  describe(`${name}: history overflow while away`, () => {
    let c: string;
    let store: NotificationStore;
    beforeEach(() => {
      c = channel('resync');
    });
    afterEach(async () => {
      store.stop();
      await control(c, { action: 'reset' });
    });

    it('emits resync once, refetches history once, and live events continue', async () => {
      await control(c, { action: 'publish', count: 3 });
      const historyCalls: (string | undefined)[] = [];
      store = createNotificationStore({
        transport: create(c),
        // The app's history endpoint knows everything, including what the stream dropped.
        history: async (before) => {
          historyCalls.push(before);
          return { items: [4, 5].map(note) };
        },
      });
      const resyncs: (string | undefined)[] = [];
      const silent: Record<string, boolean> = {};
      store.on('resync', (reason) => resyncs.push(reason));
      store.on('notification', (n, info) => (silent[n.id] = info.silent));
      store.start();
      await waitFor(() => store.$items.get().length === 3);

      // Away: the next attempt fails, and meanwhile 4 more are published; the history keeps 2.
      await control(c, { action: 'history', limit: 2 });
      await control(c, { action: 'respond', status: 503, times: 1 });
      await control(c, { action: 'cut' });
      await control(c, { action: 'publish', count: 4 });

      await waitFor(() => store.$items.get().some((n) => n.id === '7'), { timeout: 4000 });
      await waitFor(() => store.$items.get().some((n) => n.id === '4'));
      expect(resyncs).to.deep.equal(['history-overflow']);
      expect(historyCalls).to.deep.equal([undefined]);
      expect(silent['4']).to.equal(true);

      await control(c, { action: 'publish', count: 1 });
      await waitFor(() => store.$items.get().some((n) => n.id === '8'));
      expect(store.$items.get().map((n) => n.id)).to.deep.equal(['8', '7', '6', '5', '4', '3', '2', '1']);
      expect(resyncs).to.have.length(1);
      expect(historyCalls).to.have.length(1);
    });
  });
}
