// R16 / F27: how a stream is cut into chunks must never change what the parser dispatches.
// Every fixture is fed whole, split at every single point, one character at a time and in random
// 1–7 character chunks; and as UTF-8 bytes sliced anywhere, decoded by one streaming TextDecoder
// as the transport does (src/transports/read-body.ts), so multi-byte characters get split too.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { MAX_FRAME_CHARS } from '../../src/core/model/limits.js';
import { createSseParser } from '../../src/transports/sse-parser.js';

interface Outcome {
  /** [type, data, lastEventId] per dispatched event, then `retry <ms>` and `overflow` markers in order. */
  log: string[][];
}

function run(chunks: Iterable<string>, max = MAX_FRAME_CHARS): Outcome {
  let lastId = '';
  const log: string[][] = [];
  const parser = createSseParser(
    {
      event: (type, data) => log.push([type, data, lastId]),
      id: (id) => {
        lastId = id;
      },
      retry: (ms) => log.push(['retry', String(ms)]),
      activity: () => {},
      overflow: () => log.push(['overflow']),
    },
    max,
  );
  for (const chunk of chunks) parser.feed(chunk);
  return { log };
}

function chunksOf(text: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes.length > 0 ? (sizes[i % sizes.length] ?? 1) : text.length;
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * Encodes to UTF-8, cuts the bytes at `cuts`, and decodes with one streaming decoder.
 *
 * `ignoreBOM: true`: the parser strips the stream's one leading BOM itself (WPT format-bom-2), so
 * the decoder must leave it. read-body.ts uses `new TextDecoder('utf-8')`, which strips one too:
 * two BOMs are then removed (reported; see the format-bom-2 case in sse-wpt-network.test.ts).
 */
function byteChunks(text: string, cuts: readonly number[]): string[] {
  const bytes = new TextEncoder().encode(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const out: string[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    out.push(decoder.decode(bytes.subarray(start, point), { stream: true }));
    start = point;
  }
  out.push(decoder.decode());
  return out;
}

const x2k = 'x'.repeat(2049);

/** The WPT streams (RELIABILITY.md, the event-stream table) and realistic multi-event ones. */
const fixtures: Record<string, string> = {
  'format-bom': '\uFEFFdata:1\n\n\uFEFFdata:2\n\ndata:3\n\n',
  'format-bom-2': '\uFEFF\uFEFFdata:1\n\ndata:2\n\ndata:3\n\n',
  'format-comments': `data:1\r:\0\n:\r\ndata:2\n:${x2k}\rdata:3\n:data:fail\r:${x2k}\ndata:4\n\n`,
  'format-data-before-final-empty-line': 'retry:1000\ndata:test1\n\nid:test\ndata:test2\n',
  'format-field-data': 'data:\n\ndata\ndata\n\ndata:test\n\n',
  'event-data': 'data:msg\ndata: msg\n\n:\nfalsefield:msg\n\nfalsefield:msg\nData:data\n\ndata\n\ndata:end\n\n',
  'format-field-event': 'event:test\ndata:x\n\ndata:x\n\n',
  'format-field-event-empty': 'event: \ndata:data\n\n',
  'format-field-id': 'id: …\nretry: 200\ndata: hello\n\n',
  'format-field-id-3 (persist)': 'id: 1\ndata: 1\n\ndata: 2\n\n',
  'format-field-id-3 (change)': 'id: 1\ndata: 1\n\nid: 2\ndata: 2\n\ndata: 3\n\n',
  'format-field-id-3 (reset)': 'id: 1\ndata: 1\n\nid:\ndata: 2\n\ndata: 3\n\n',
  'format-field-id-null': 'id: \0\0\ndata: x\n\n',
  'format-field-retry': 'retry:02000\ndata:x\n\n',
  'format-field-retry-bogus': 'retry:2000\nretry:1000x\ndata:x\n\n',
  'format-null-character': 'data:\0\n\n',
  'format-utf-8': 'data:ok…\n\n',
  'from-readable-stream': 'data: hello\n\ndata: cr\r\rdata: lf\n\ndata: crlf\r\n\r\nretry: bogus\ndata: end\n\n',
  'notifications, LF': [1, 2, 3]
    .map((n) => `id: ${n}\nevent: notification\ndata: {"id":"${n}","title":"Build ${n} ✅ passed 🎉"}\n\n`)
    .join(''),
  'notifications, CRLF with emoji and a keep-alive': [
    ':ok\r\n\r\n',
    'retry: 1500\r\n',
    'id: 41\r\ndata: {"id":"41","title":"Café 👩‍👩‍👧 family"}\r\n\r\n',
    ': keep-alive\r\n',
    'id: 42\r\nevent: notification\r\ndata: {"id":"42",\r\ndata: "title":"日本語 🇯🇵"}\r\n\r\n',
    'id:\r\ndata: 𝄞 cleared\r\n\r\n',
  ].join(''),
  'mixed terminators, CR|LF ambiguity': 'data: a\r\rdata: b\r\n\ndata: c\n\r\ndata: d\r\n\r\n\r\ndata: e\n\n',
};

const wholeOf = new Map(Object.entries(fixtures).map(([name, text]) => [name, run([text])]));

describe('event-stream parser: chunking never changes the events (R16, F27)', () => {
  it('has the expected events for the realistic fixtures when fed whole', () => {
    const crlf = wholeOf.get('notifications, CRLF with emoji and a keep-alive')!.log;
    expect(crlf).to.deep.equal([
      ['retry', '1500'],
      ['message', '{"id":"41","title":"Café 👩‍👩‍👧 family"}', '41'],
      ['notification', '{"id":"42",\n"title":"日本語 🇯🇵"}', '42'],
      ['message', '𝄞 cleared', ''],
    ]);
    expect(wholeOf.get('mixed terminators, CR|LF ambiguity')!.log.map((e) => e[1])).to.deep.equal([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  for (const [name, text] of Object.entries(fixtures)) {
    it(`${name}: every single split point, and 1 character at a time`, () => {
      const whole = wholeOf.get(name)!;
      for (let i = 0; i <= text.length; i++) {
        expect(run([text.slice(0, i), text.slice(i)]), `split at ${i}`).to.deep.equal(whole);
      }
      expect(run(text.split(''))).to.deep.equal(whole);
    });
  }

  it('every fixture in random 1–7 character chunks', () => {
    const names = Object.keys(fixtures);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 }), (name, sizes) => {
        const text = fixtures[name]!;
        expect(run(chunksOf(text, sizes))).to.deep.equal(wholeOf.get(name));
      }),
      { numRuns: 1000 },
    );
  });

  it('every fixture as UTF-8 bytes sliced anywhere, through one streaming TextDecoder', () => {
    const names = Object.keys(fixtures);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.nat(), { maxLength: 30 }), (name, cuts) => {
        const text = fixtures[name]!;
        expect(run(byteChunks(text, cuts))).to.deep.equal(wholeOf.get(name));
      }),
      { numRuns: 1000 },
    );
  });

  it('every byte split of a stream of 4-byte and 3-byte characters decodes intact', () => {
    const text = fixtures['notifications, CRLF with emoji and a keep-alive']!;
    const whole = wholeOf.get('notifications, CRLF with emoji and a keep-alive')!;
    const length = new TextEncoder().encode(text).length;
    for (let i = 0; i <= length; i++) expect(run(byteChunks(text, [i])), `byte split at ${i}`).to.deep.equal(whole);
    const oneByte = Array.from({ length }, (_, i) => i);
    expect(run(byteChunks(text, oneByte))).to.deep.equal(whole);
  });

  // Streams assembled from the grammar's own pieces, to reach the corners the fixtures do not.
  const token = fc.constantFrom(
    'data:',
    'data: ',
    'data',
    'id:',
    'id: 7',
    'event:',
    'event: x',
    'retry:',
    'retry: 900',
    'retry:12a',
    ':',
    ': c',
    '\n',
    '\r',
    '\r\n',
    '\n\n',
    '\r\r',
    '\uFEFF',
    '\0',
    'é',
    '😀',
    'abc',
    ' ',
    'Data:',
  );
  const stream = fc.array(token, { maxLength: 40 }).map((parts) => parts.join(''));

  it('random streams from the grammar: random chunks give the same events as the whole stream', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), (text, sizes) => {
        expect(run(chunksOf(text, sizes))).to.deep.equal(run([text]));
      }),
      { numRuns: 1000 },
    );
  });

  it('random streams from the grammar: byte slicing gives the same events as the whole stream', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (text, cuts) => {
        expect(run(byteChunks(text, cuts))).to.deep.equal(run([text]));
      }),
      { numRuns: 1000 },
    );
  });

  it('random streams with a small size bound: overflow handling does not depend on chunking (R17)', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), (text, sizes) => {
        expect(run(chunksOf(text, sizes), 24)).to.deep.equal(run([text], 24));
      }),
      { numRuns: 1000 },
    );
  });
});
