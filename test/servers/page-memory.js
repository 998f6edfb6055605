// The `page-memory` server command: collects garbage in the test page and
// reads its heap and listener counts through the DevTools protocol, so a soak
// test can tell a leak from garbage that was simply not collected yet
// (performance.memory is coarse and cannot force a GC).

/** @typedef {{ usedHeap: number, totalHeap: number, jsEventListeners: number, nodes: number, documents: number }} PageMemory */

/** @type {WeakMap<object, import('puppeteer-core').CDPSession>} */
const sessions = new WeakMap();

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function pageMemory() {
  return {
    name: 'page-memory',
    async executeCommand({ command, session }) {
      if (command !== 'page-memory') return undefined;
      /** @type {any} */
      const launcher = session.browser;
      if (launcher?.type !== 'puppeteer' || typeof launcher.getPage !== 'function') return null;
      /** @type {import('puppeteer-core').Page} */
      const page = launcher.getPage(session.id);
      let client = sessions.get(page);
      if (!client) {
        client = await page.createCDPSession();
        sessions.set(page, client);
      }
      await client.send('HeapProfiler.collectGarbage');
      const heap = await client.send('Runtime.getHeapUsage');
      const counters = await client.send('Memory.getDOMCounters');
      /** @type {PageMemory} */
      const memory = {
        usedHeap: heap.usedSize,
        totalHeap: heap.totalSize,
        jsEventListeners: counters.jsEventListeners,
        nodes: counters.nodes,
        documents: counters.documents,
      };
      return memory;
    },
  };
}
