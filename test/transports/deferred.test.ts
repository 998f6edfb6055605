// deferred(): the provider's lazily loaded transports (websocket, poll).
import { expect } from '@open-wc/testing';
import type { Transport, TransportSink } from '../../src/core/model/types.js';
import { deferred } from '../../src/transports/deferred.js';
import { recordingSink, sleep } from '../helpers/collect.js';

function recordingTransport(log: string[]): Transport {
  return {
    connect: () => {
      log.push('connect');
      return () => log.push('stop');
    },
    send: (message) => log.push(`send ${String(message)}`),
  };
}

const silentSink = (events: string[] = []): TransportSink =>
  recordingSink({
    status: (status) => events.push(`status ${status}`),
    error: (error) => events.push(`error ${error.code}: ${error.message}`),
  });

describe('deferred transport', () => {
  it('connects once the code has loaded, and keeps sends in order', async () => {
    const log: string[] = [];
    const transport = deferred(async () => {
      await sleep(20);
      return recordingTransport(log);
    });
    transport.send?.('a');
    const stop = transport.connect(silentSink());
    transport.send?.('b');
    expect(log).to.deep.equal([]);
    await sleep(50);
    expect(log).to.deep.equal(['send a', 'connect', 'send b']);
    stop();
    expect(log.at(-1)).to.equal('stop');
  });

  it('never connects when stopped while loading', async () => {
    const log: string[] = [];
    const transport = deferred(async () => {
      await sleep(20);
      return recordingTransport(log);
    });
    transport.connect(silentSink())();
    await sleep(50);
    expect(log).to.deep.equal([]);
  });

  it('reports a load failure as an error status instead of throwing', async () => {
    const events: string[] = [];
    const transport = deferred(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    transport.connect(silentSink(events));
    await sleep(10);
    expect(events).to.deep.equal(['status error', 'error network: the transport could not be loaded']);
  });
});
