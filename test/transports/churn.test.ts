// F38 / R9 / R10: random API churn never leaves more than one live connection,
// and after the final stop nothing is requested or delivered.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createNotificationStore } from '../../src/core/store/index.js';
import { sse } from '../../src/transports/sse.js';
import { websocket } from '../../src/transports/websocket.js';
import { sleep } from '../helpers/collect.js';
import { channel, control, hubLog, hubUrl, waitFor } from '../helpers/hub.js';

const fast = { baseMs: 10, capMs: 50 };
type Op = 'start' | 'stop' | 'sse' | 'websocket' | 'cut' | 'wait';

describe('API churn', () => {
  it('300 random start/stop/switch/cut operations: at most one live connection, nothing after the final stop', async function () {
    this.timeout(90_000);
    const c = channel('churn');
    await control(c, { action: 'publish', count: 5 });
    const ops = fc.sample(fc.constantFrom<Op>('start', 'stop', 'sse', 'websocket', 'cut', 'wait'), { numRuns: 300, seed: 42 });
    const store = createNotificationStore({ transport: sse(hubUrl(c, 'sse'), { backoff: fast }) });
    // The server sees a closed socket a moment after the client closed it: under load
    // an aborted fetch's FIN was seen up to ~100 ms late (40 ms settles failed 2 runs
    // in 6, 150 ms none in 6). And Chromium may keep a cancelled SSE response's socket
    // for ~5 s while it drains the body to reuse the connection (diagnosed in F38,
    // test/scenarios/lifecycle.test.ts): a second stream must be gone within 7 s.
    // Sampled once things settle, there is never more than one.
    let mostOpenSettled = 0;
    const settledOpen = async (): Promise<number> => {
      let open = (await hubLog(c)).open;
      const since = performance.now();
      while (open > 1 && performance.now() - since < 7000) {
        await sleep(250);
        open = (await hubLog(c)).open;
      }
      return open;
    };
    for (const op of ops) {
      if (op === 'start') store.start();
      else if (op === 'stop') store.stop();
      else if (op === 'sse') store.setTransport(sse(hubUrl(c, 'sse'), { backoff: fast }));
      else if (op === 'websocket') store.setTransport(websocket(hubUrl(c, 'ws'), { backoff: fast }));
      else if (op === 'cut') await control(c, { action: 'cut' });
      else {
        await sleep(150);
        mostOpenSettled = Math.max(mostOpenSettled, await settledOpen());
      }
    }
    store.start();
    await waitFor(() => store.$items.get().length === 5);
    store.stop();
    await waitFor(async () => (await hubLog(c)).open === 0, { timeout: 8000 });
    expect(mostOpenSettled, 'connections open at once, once settled').to.equal(1);
    const requestsAfterStop = (await hubLog(c)).requests.length;
    await control(c, { action: 'publish', count: 3 });
    await sleep(300);
    expect((await hubLog(c)).requests.length).to.equal(requestsAfterStop);
    expect(store.$items.get()).to.have.length(5);
    expect(store.$status.get()).to.equal('idle');
    await control(c, { action: 'reset' });
  });
});
