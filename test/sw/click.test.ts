// The click on an OS notification, decided by the pure decideClick (the worker's handler only
// carries the decision out: no CDP command clicks a notification, and a synthetic click cannot
// open or focus windows). Every URL case of the URL rule, with and without open pages.
import { expect } from '@open-wc/testing';
import { decideClick, type PageInfo } from '../../src/sw/click.js';

const origin = 'https://app.example';
const options = { origin, defaultUrl: '/inbox' };
const page = (path: string, visibilityState: DocumentVisibilityState = 'visible', focused = false): PageInfo => ({ url: `${origin}${path}`, visibilityState, focused });

describe('decideClick', () => {
  describe('no page of the origin open', () => {
    it('opens a URL of this origin, made absolute', () => {
      expect(decideClick('/builds/42', [], options)).to.deep.equal({ open: `${origin}/builds/42` });
      expect(decideClick(`${origin}/builds/42?tab=log#end`, [], options)).to.deep.equal({ open: `${origin}/builds/42?tab=log#end` });
    });

    it('opens an external https URL as the feed would', () => {
      expect(decideClick('https://status.example.org/incident/7', [], options)).to.deep.equal({ open: 'https://status.example.org/incident/7' });
    });

    it('opens defaultUrl for a notification without a URL', () => {
      expect(decideClick(undefined, [], options)).to.deep.equal({ open: `${origin}/inbox` });
      expect(decideClick('', [], options)).to.deep.equal({ open: `${origin}/inbox` });
      expect(decideClick(42, [], options)).to.deep.equal({ open: `${origin}/inbox` });
    });

    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', '\tjavascript:alert(1)', 'java\u0000script:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example/x', '/\\evil.example', 'vbscript:x', 'blob:https://app.example/1', 'file:///etc/passwd']) {
      it(`opens defaultUrl, never ${JSON.stringify(bad)}`, () => {
        expect(decideClick(bad, [], options)).to.deep.equal({ open: `${origin}/inbox` });
      });
    }

    it('falls back to / when defaultUrl itself breaks the URL rule', () => {
      expect(decideClick(undefined, [], { origin, defaultUrl: 'javascript:alert(1)' })).to.deep.equal({ open: `${origin}/` });
    });
  });

  describe('pages of the origin open', () => {
    it('focuses the open page and shows the URL there', () => {
      expect(decideClick('/builds/42', [page('/')], options)).to.deep.equal({ focus: 0, navigate: `${origin}/builds/42` });
    });

    it('only focuses a page already showing the URL', () => {
      expect(decideClick('/builds/42', [page('/builds/42')], options)).to.deep.equal({ focus: 0 });
    });

    it('only focuses for a notification without a URL, or with a bad one (no navigation)', () => {
      expect(decideClick(undefined, [page('/settings')], options)).to.deep.equal({ focus: 0 });
      expect(decideClick('javascript:alert(1)', [page('/settings')], options)).to.deep.equal({ focus: 0 });
      expect(decideClick('//evil.example', [page('/settings')], options)).to.deep.equal({ focus: 0 });
    });

    it('opens an external URL in a window of its own, leaving the pages alone', () => {
      expect(decideClick('https://status.example.org/', [page('/')], options)).to.deep.equal({ open: 'https://status.example.org/' });
    });

    it('picks a visible page over a hidden one, and a focused one among the visible', () => {
      const pages = [page('/a', 'hidden', true), page('/b', 'visible', false), page('/c', 'visible', true), page('/d', 'hidden')];
      expect(decideClick('/x', pages, options)).to.deep.equal({ focus: 2, navigate: `${origin}/x` });
      expect(decideClick('/x', [page('/a', 'hidden'), page('/b', 'visible')], options)).to.deep.equal({ focus: 1, navigate: `${origin}/x` });
    });

    it('takes the first page when none is visible or focused', () => {
      expect(decideClick('/x', [page('/a', 'hidden'), page('/b', 'hidden')], options)).to.deep.equal({ focus: 0, navigate: `${origin}/x` });
    });
  });
});
