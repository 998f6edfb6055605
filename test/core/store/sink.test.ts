// The store owns the resume cursor: what a transport reads on every (re)connect.
import { expect } from '@open-wc/testing';
import { createSinks } from '../../../src/core/store/sink.js';
import type { Command } from '../../../src/core/wire/decode.js';
import { decodeMessage } from '../../../src/core/wire/decode.js';

function sinks() {
  const queued: Command[][] = [];
  const made = createSinks({
    decode: (data) => decodeMessage(data),
    enqueue: (commands) => queued.push(commands),
    status: () => {},
    report: () => {},
  });
  return { made, queued };
}

describe('store sink', () => {
  it('takes the transport\'s own id (SSE), else the eventId, else the last notification\'s id', () => {
    const { made } = sinks();
    const sink = made.create();
    sink.message('{"id":"a","title":"A"}');
    expect(sink.cursor()).to.equal('a');
    sink.message('{"items":[{"id":"b","title":"B"}],"eventId":"e7"}');
    expect(sink.cursor(), 'a poll answer names its cursor').to.equal('e7');
    sink.message('{"id":"c","title":"C"}', { id: '41' });
    expect(sink.cursor(), 'an SSE id wins over the notification id').to.equal('41');
  });

  it('moves the cursor without a message for an SSE id alone, and clears it for an empty id', () => {
    const { made, queued } = sinks();
    const sink = made.create();
    sink.message(undefined, { id: '9' });
    expect(sink.cursor()).to.equal('9');
    expect(queued).to.have.length(0);
    sink.message('{"id":"x","title":"X"}', { id: '' });
    expect(sink.cursor(), 'an SSE event after an empty id: none').to.equal(undefined);
  });

  it('keeps the cursor when a message carries none (a ping, a bad frame)', () => {
    const { made } = sinks();
    const sink = made.create();
    sink.message('{"id":"a","title":"A"}');
    sink.message('{"type":"ping"}');
    sink.message('{not json');
    expect(sink.cursor()).to.equal('a');
  });

  it('hears only the newest sink: one from a replaced connection goes quiet', () => {
    const { made, queued } = sinks();
    const old = made.create();
    const current = made.create();
    old.message('{"id":"stale","title":"S"}');
    current.message('{"id":"fresh","title":"F"}');
    expect(queued.flat().map((c) => (c.type === 'notification' ? c.notification.id : c.type))).to.deep.equal(['fresh']);
    expect(current.cursor()).to.equal('fresh');
    made.resetCursor();
    expect(current.cursor()).to.equal(undefined);
  });
});
