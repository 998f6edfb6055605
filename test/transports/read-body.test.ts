import { expect } from '@open-wc/testing';
import { readText } from '../../src/transports/read-body.js';

/** A body whose chunks are all buffered already, as when a burst arrives in one write. */
function buffered(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

/** Spends about `ms` of main-thread time, as parsing a chunk does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('readText', () => {
  it('lets the page run between buffered chunks: reads answered at once do not become one long task', async () => {
    const chunks = Array.from({ length: 400 }, (_, i) => `chunk ${i};`);
    let delivered = 0;
    let deliveredWhenThePageRan = -1;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      deliveredWhenThePageRan = delivered;
    };
    channel.port2.postMessage(null); // a task queued before reading starts
    let text = '';
    await readText(buffered(chunks), new AbortController().signal, (slice) => {
      busy(0.1);
      delivered++;
      text += slice;
    });
    channel.port1.close();
    expect(text).to.equal(chunks.join(''));
    expect(deliveredWhenThePageRan).to.be.within(1, chunks.length - 1);
  });

  it('hands a large chunk over in slices, whole and in order', async () => {
    const big = 'x'.repeat(100_000) + '😀' + 'y'.repeat(50_000);
    const slices: string[] = [];
    await readText(buffered([big]), new AbortController().signal, (slice) => slices.push(slice));
    expect(slices.length).to.be.greaterThan(1);
    expect(slices.join('')).to.equal(big);
  });
});
