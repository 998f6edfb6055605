// The parsing cases of web-platform-tests eventsource/ (RELIABILITY.md, "Event-stream parser cases"),
// run against our event-stream parser with the bytes each WPT resource sends. The network cases
// (status, redirects, content type, request headers, reconnects) are in sse-wpt-network.test.ts.
import { expect } from '@open-wc/testing';
import { MAX_FRAME_CHARS } from '../../src/core/model/limits.js';
import { createSseParser, type SseParser } from '../../src/transports/sse-parser.js';

interface Dispatched {
  type: string;
  data: string;
  /** The event's lastEventId: the stream's last event id when it was dispatched. */
  id: string;
}

/** A parser wired like the transport: the last event id persists until an empty `id:` clears it. */
function harness(max = MAX_FRAME_CHARS): {
  parser: SseParser;
  events: Dispatched[];
  retries: number[];
  overflows: number[];
  ids: string[];
  lastEventId(): string;
} {
  let lastId = '';
  const events: Dispatched[] = [];
  const retries: number[] = [];
  const overflows: number[] = [];
  const ids: string[] = [];
  const parser = createSseParser(
    {
      event: (type, data) => events.push({ type, data, id: lastId }),
      id: (id) => {
        ids.push(id);
        lastId = id;
      },
      retry: (ms) => retries.push(ms),
      activity: () => {},
      overflow: (size) => overflows.push(size),
    },
    max,
  );
  return { parser, events, retries, overflows, ids, lastEventId: () => lastId };
}

function parse(...chunks: string[]): ReturnType<typeof harness> {
  const h = harness();
  for (const chunk of chunks) h.parser.feed(chunk);
  return h;
}

const data = (h: { events: Dispatched[] }): string[] => h.events.map((e) => e.data);
const x2k = 'x'.repeat(2049);

describe('event-stream parser: web-platform-tests eventsource/ parsing cases', () => {
  it('#1 format-bom.js: only a leading BOM is stripped; a later one makes an unknown field', () => {
    expect(data(parse('\uFEFFdata:1\n\n\uFEFFdata:2\n\ndata:3\n\n'))).to.deep.equal(['1', '3']);
  });

  it('#2 format-bom-2.any.js: of two leading BOMs only one is stripped', () => {
    expect(data(parse('\uFEFF\uFEFFdata:1\n\ndata:2\n\ndata:3\n\n'))).to.deep.equal(['2', '3']);
  });

  it('#2 format-bom-2.any.js: a BOM that arrives alone in the first chunk is still the leading one', () => {
    expect(data(parse('\uFEFF', '\uFEFFdata:1\n\ndata:2\n\n'))).to.deep.equal(['2']);
  });

  it('#3 format-comments.js: CR/LF/CRLF mixes, NUL and 2 KiB comments, ":data:" is a comment → one event', () => {
    const stream = `data:1\r:\0\n:\r\ndata:2\n:${x2k}\rdata:3\n:data:fail\r:${x2k}\ndata:4\n\n`;
    const h = parse(stream);
    expect(h.events).to.deep.equal([{ type: 'message', data: '1\n2\n3\n4', id: '' }]);
  });

  it('#4 format-data-before-final-empty-line.js: an unterminated event and its id are discarded', () => {
    const h = harness();
    const stream = 'retry:1000\ndata:test1\n\nid:test\ndata:test2\n';
    h.parser.feed(stream);
    expect(h.events).to.deep.equal([{ type: 'message', data: 'test1', id: '' }]);
    expect(h.retries).to.deep.equal([1000]);
    // The connection ends; a new one starts with a reset parser and the same bytes.
    h.parser.reset();
    h.parser.feed(stream);
    expect(h.events).to.deep.equal([
      { type: 'message', data: 'test1', id: '' },
      { type: 'message', data: 'test1', id: '' },
    ]);
    expect(h.ids).to.deep.equal([]);
  });

  it('#5 format-field-data.htm: "data:" is empty, a colon-less "data" line counts as an empty line of data', () => {
    expect(data(parse('data:\n\ndata\ndata\n\ndata:test\n\n'))).to.deep.equal(['', '\n', 'test']);
  });

  it('#6 event-data.js (message2.py): multi-line data, unknown and case-mismatched fields, end marker', () => {
    const stream =
      'data:msg\ndata: msg\n\n:\nfalsefield:msg\n\nfalsefield:msg\nData:data\n\ndata\n\ndata:end\n\n';
    expect(data(parse(stream))).to.deep.equal(['msg\nmsg', '', 'end']);
  });

  it('#7 format-field-event.htm: a named event fires as its type, then the default "message"', () => {
    const h = parse('event:test\ndata:x\n\ndata:x\n\n');
    expect(h.events.map((e) => [e.type, e.data])).to.deep.equal([
      ['test', 'x'],
      ['message', 'x'],
    ]);
  });

  it('#8 format-field-event-empty.htm: an empty event type means "message"', () => {
    expect(parse('event: \ndata:data\n\n').events).to.deep.equal([{ type: 'message', data: 'data', id: '' }]);
  });

  it('#8 an event type does not leak into the next event', () => {
    expect(parse('event:a\ndata:1\n\ndata:2\n\n').events.map((e) => e.type)).to.deep.equal(['a', 'message']);
  });

  it('#9 format-field-id.htm: a non-ASCII id becomes the lastEventId; retry is read', () => {
    const h = parse('id: …\nretry: 200\ndata: hello\n\n');
    expect(h.events).to.deep.equal([{ type: 'message', data: 'hello', id: '…' }]);
    expect(h.retries).to.deep.equal([200]);
  });

  it('#10 format-field-id-2.any.js: the id persists across reconnects (parser resets)', () => {
    const h = harness();
    h.parser.feed('id: 1\ndata: first\n\n');
    h.parser.reset();
    h.parser.feed('data: second\n\n');
    h.parser.reset();
    h.parser.feed('data: third\n\n');
    expect(h.events.map((e) => e.id)).to.deep.equal(['1', '1', '1']);
    expect(h.lastEventId()).to.equal('1');
  });

  it('#11 format-field-id-3.htm: the id persists over id-less events', () => {
    expect(parse('id: 1\ndata: 1\n\ndata: 2\n\n').events.map((e) => e.id)).to.deep.equal(['1', '1']);
  });

  it('#11 format-field-id-3.htm: a new id replaces it', () => {
    const h = parse('id: 1\ndata: 1\n\nid: 2\ndata: 2\n\ndata: 3\n\n');
    expect(h.events.map((e) => e.id)).to.deep.equal(['1', '2', '2']);
  });

  it('#11 format-field-id-3.htm: an empty id: clears it', () => {
    const h = parse('id: 1\ndata: 1\n\nid:\ndata: 2\n\ndata: 3\n\n');
    expect(h.events.map((e) => e.id)).to.deep.equal(['1', '', '']);
    expect(h.lastEventId()).to.equal('');
  });

  it('#11 an id: with no data still sets the id at the blank line (no event fires)', () => {
    const h = parse('id: 7\n\ndata: x\n\n');
    expect(h.events).to.deep.equal([{ type: 'message', data: 'x', id: '7' }]);
  });

  it('#12 format-field-id-null.htm: an id containing NUL is ignored (current spec)', () => {
    const h = parse('id: \0\0\ndata: x\n\n');
    expect(h.events).to.deep.equal([{ type: 'message', data: 'x', id: '' }]);
    expect(h.ids).to.deep.equal([]);
    const kept = parse('id: 5\ndata: a\n\nid: a\0b\ndata: b\n\n');
    expect(kept.events.map((e) => e.id)).to.deep.equal(['5', '5']);
  });

  it('#13 format-field-retry.htm: retry:02000 is decimal 2000', () => {
    expect(parse('retry:02000\ndata:x\n\n').retries).to.deep.equal([2000]);
  });

  it('#14 format-field-retry-bogus.htm: a non-digit retry is ignored, the earlier one stands', () => {
    const h = parse('retry:2000\nretry:1000x\ndata:x\n\n');
    expect(h.retries).to.deep.equal([2000]);
    expect(data(h)).to.deep.equal(['x']);
  });

  it('#14 retry fuzz (F30): -1, empty, spaces, 1e3, +5 are ignored', () => {
    const h = parse('retry:-1\nretry:\nretry: \nretry:1e3\nretry:+5\nretry: 1 \ndata:x\n\n');
    expect(h.retries).to.deep.equal([]);
  });

  it('#15 format-null-character.html: NUL is allowed in data', () => {
    expect(parse('data:\0\n\n').events).to.deep.equal([{ type: 'message', data: '\0', id: '' }]);
  });

  it('#16 format-utf-8.any.js: UTF-8 bytes (decoded as the transport does) give "ok…"', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('data:ok'), 0xe2, 0x80, 0xa6, 0x0a, 0x0a]);
    const decoder = new TextDecoder('utf-8');
    const h = harness();
    // One byte per chunk, through one streaming decoder.
    for (const byte of bytes) h.parser.feed(decoder.decode(new Uint8Array([byte]), { stream: true }));
    h.parser.feed(decoder.decode());
    expect(data(h)).to.deep.equal(['ok…']);
  });

  it('#31 eventsource-from-readable-stream: chunks "da", "ta: hel", "lo\\n\\n" → hello', () => {
    expect(data(parse('da', 'ta: hel', 'lo\n\n'))).to.deep.equal(['hello']);
  });

  it('#31 eventsource-from-readable-stream: CR, LF and CRLF blank lines each end an event', () => {
    expect(data(parse('data: cr\r\rdata: lf\n\ndata: crlf\r\n\r\n'))).to.deep.equal(['cr', 'lf', 'crlf']);
  });

  it('#31 eventsource-from-readable-stream: a CRLF split across chunks is one terminator', () => {
    expect(data(parse('data: a\r', '\ndata: b\r', '\n\r', '\n'))).to.deep.equal(['a\nb']);
  });

  it('#31 eventsource-from-readable-stream: a leading BOM is stripped', () => {
    expect(data(parse('\uFEFFdata: bom\n\n'))).to.deep.equal(['bom']);
  });

  it('#31 eventsource-from-readable-stream: retry: bogus is ignored', () => {
    const h = parse('retry: bogus\ndata: x\n\n');
    expect(h.retries).to.deep.equal([]);
    expect(data(h)).to.deep.equal(['x']);
  });

  it('#31 eventsource-from-readable-stream: lastEventId and reconnection time persist across piped streams', () => {
    const h = harness();
    h.parser.feed('id: 9\nretry: 700\ndata: a\n\n');
    h.parser.reset();
    h.parser.feed('data: b\n\n');
    expect(h.events.map((e) => [e.data, e.id])).to.deep.equal([
      ['a', '9'],
      ['b', '9'],
    ]);
    // reset() forgets a partial event, never the id or the reconnection time it already reported.
    expect(h.retries).to.deep.equal([700]);
  });

  it('#31 eventsource-from-readable-stream: the end of the stream discards a partial event', () => {
    const h = harness();
    h.parser.feed('data: whole\n\ndata: half');
    h.parser.reset();
    h.parser.feed('\n\n');
    expect(data(h)).to.deep.equal(['whole']);
  });

  it('R17: an oversized event is skipped and reported once; its neighbours in the same chunk go on', () => {
    const h = harness(64);
    h.parser.feed(`data: before\n\ndata: ${'y'.repeat(200)}\ndata: more\n\ndata: after\n\n`);
    expect(data(h)).to.deep.equal(['before', 'after']);
    expect(h.overflows).to.have.length(1);
  });

  it('R17: lines before the cut of an oversized event count the same whether fed whole or 1 character at a time', () => {
    const stream = 'retry: 900\rretry: 800data: way too long for the bound\n\ndata: next\n\n';
    const whole = harness(24);
    whole.parser.feed(stream);
    const sliced = harness(24);
    for (const ch of stream) sliced.parser.feed(ch);
    expect(whole.retries).to.deep.equal([900]);
    expect(sliced.retries).to.deep.equal([900]);
    expect(data(whole)).to.deep.equal(['next']);
    expect(data(sliced)).to.deep.equal(['next']);
    expect(whole.overflows).to.have.length(1);
  });
});
