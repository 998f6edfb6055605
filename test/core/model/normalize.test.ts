import { expect } from '@open-wc/testing';
import { LIMITS } from '../../../src/core/model/limits.js';
import { normalize } from '../../../src/core/model/normalize.js';
import { safeUrl } from '../../../src/core/model/url.js';

const valid = { id: 'a1', title: 'Hello', createdAt: 1_700_000_000_000 };

function accepted(raw: unknown) {
  const result = normalize(raw, 42);
  if (!result.ok) throw new Error(`rejected: ${result.error.message}`);
  return result.notification;
}

function rejection(raw: unknown) {
  const result = normalize(raw, 42);
  if (result.ok) throw new Error('accepted');
  return result.error;
}

describe('normalize', () => {
  it('accepts a minimal notification and fills the local flags', () => {
    expect(accepted(valid)).to.deep.equal({ ...valid, read: false, seen: false, archived: false });
  });

  it('keeps a numeric id as its string form', () => {
    expect(accepted({ ...valid, id: 17 }).id).to.equal('17');
  });

  it('reads createdAt from ISO 8601 or epoch ms, and uses the receive time when missing', () => {
    expect(accepted({ ...valid, createdAt: '2026-11-27T10:00:00Z' }).createdAt).to.equal(Date.UTC(2026, 10, 27, 10));
    expect(accepted({ ...valid, createdAt: '2026-11-27T10:00:00.250+01:00' }).createdAt).to.equal(
      Date.UTC(2026, 10, 27, 9, 0, 0, 250),
    );
    expect(accepted({ id: 1, title: 't' }).createdAt).to.equal(42);
  });

  for (const [name, raw, message] of [
    ['a non-object', 'hello', 'JSON object'],
    ['an array', [valid], 'JSON object'],
    ['a missing id', { title: 'x' }, 'id'],
    ['an object id', { ...valid, id: { a: 1 } }, 'id'],
    ['an infinite id', { ...valid, id: Number.POSITIVE_INFINITY }, 'id'],
    ['an empty title', { ...valid, title: '  ' }, 'title'],
    ['a numeric title', { ...valid, title: 12 }, 'title'],
    ['an unparsable createdAt', { ...valid, createdAt: 'yesterday' }, 'createdAt'],
    ['a loose date string', { ...valid, createdAt: 'May 5' }, 'createdAt'],
    ['a NaN createdAt', { ...valid, createdAt: Number.NaN }, 'createdAt'],
    ['a numeric body', { ...valid, body: 5 }, 'body'],
    ['a string read flag', { ...valid, read: 'yes' }, 'read'],
    ['actions that are not an array', { ...valid, actions: 'open' }, 'actions'],
    ['data that is not an object', { ...valid, data: [1] }, 'data'],
  ] as const) {
    it(`rejects ${name} with a message naming the field, never coercing`, () => {
      const error = rejection(raw);
      expect(error.code).to.equal('invalid-notification');
      expect(error.message).to.contain(message);
    });
  }

  it('cuts title and body at their caps without splitting a surrogate pair', () => {
    const n = accepted({ ...valid, title: '😀'.repeat(300), body: 'b'.repeat(5000) });
    expect(Array.from(n.title)).to.have.length(LIMITS.titleChars);
    expect(n.title.endsWith('…')).to.equal(true);
    expect(n.title.includes('\uFFFD')).to.equal(false);
    expect(n.body).to.have.length(LIMITS.bodyChars);
  });

  it('rejects a payload over 64 KiB as too-large', () => {
    const error = rejection({ ...valid, data: { blob: 'x'.repeat(70_000) } });
    expect(error.code).to.equal('too-large');
  });

  it('counts the cap in UTF-8 bytes wherever the text is: a flat field, nested data, or escapes', () => {
    // 30,000 three-byte characters are 90,000 bytes, though only 30,000 UTF-16 units.
    expect(rejection({ ...valid, body: 'b', extra: '€'.repeat(30_000) }).code).to.equal('too-large');
    expect(rejection({ ...valid, data: { note: '€'.repeat(30_000) } }).code).to.equal('too-large');
    // Control characters serialise as six-byte escapes: 12,000 of them are 72,000 bytes.
    expect(rejection({ ...valid, data: { raw: '\u0001'.repeat(12_000) } }).code).to.equal('too-large');
    // Just under: 21,000 three-byte characters are 63,000 bytes.
    expect(accepted({ ...valid, data: { note: '€'.repeat(21_000) } }).data).to.deep.equal({ note: '€'.repeat(21_000) });
  });

  it('rejects data that cannot be serialised (a BigInt, a cycle) with a clear error', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const data of [{ big: 1n }, cyclic]) {
      const error = rejection({ ...valid, data });
      expect(error.code).to.equal('invalid-notification');
      expect(error.message).to.contain('not JSON-serialisable');
    }
  });

  it('drops unsafe URLs from url, icon and actions but keeps the notification', () => {
    const n = accepted({
      ...valid,
      url: 'javascript:alert(1)',
      icon: 'data:image/svg+xml,<svg onload=alert(1)>',
      actions: [
        { id: 'ok', label: 'Open', url: '/inbox/1' },
        { id: 'bad', label: 'Evil', url: 'vbscript:msgbox(1)' },
        { id: 'broken' },
      ],
    });
    expect(n.url).to.equal(undefined);
    expect(n.icon).to.equal(undefined);
    expect(n.actions).to.deep.equal([{ id: 'ok', label: 'Open', url: '/inbox/1' }, { id: 'bad', label: 'Evil' }]);
  });

  it('degrades an unknown priority to the default and keeps a known one', () => {
    expect(accepted({ ...valid, priority: 'critical' }).priority).to.equal(undefined);
    expect(accepted({ ...valid, priority: 'urgent' }).priority).to.equal('urgent');
  });
});

describe('the URL rule', () => {
  for (const url of ['https://example.com/a?b=1', 'http://example.com', '/inbox', 'inbox/1', '?tab=2', '#top']) {
    it(`keeps ${url}`, () => expect(safeUrl(url)).to.equal(url));
  }
  for (const url of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '\tjavascript:alert(1)',
    'java\u0000script:alert(1)',
    'java\nscript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://example.com/uuid',
    'file:///etc/passwd',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://',
    // absolute but hostless: resolves only against a page of the same scheme (found by the fuzzer)
    'https:',
    'http:?x',
    '',
  ]) {
    it(`drops ${JSON.stringify(url)}`, () => expect(safeUrl(url)).to.equal(undefined));
  }
  it('keeps an entity-encoded scheme only as a harmless same-origin path', () => {
    // Lit sets attributes literally (no entity decoding), so this is the path "&" with a fragment.
    const kept = safeUrl('&#106;avascript:alert(1)');
    expect(kept === undefined || new URL(kept, 'https://app.example/').origin === 'https://app.example').to.equal(true);
  });
  it('drops non-strings', () => {
    expect(safeUrl(42)).to.equal(undefined);
    expect(safeUrl({ href: 'https://x' })).to.equal(undefined);
  });
});
