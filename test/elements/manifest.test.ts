// The manifest is the API doc every tool reads (Storybook, IDEs, framework typings):
// what it documents must be real.
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
// Each element's own registration: \`define\` registers some of them only on first use.
import '../../src/elements/notif-bell/notif-bell.define.js';
import '../../src/elements/notif-feed/notif-feed.define.js';
import '../../src/elements/notif-preferences/notif-preferences.define.js';
import '../../src/elements/notif-provider/notif-provider.define.js';
import '../../src/elements/notif-toast/notif-toast.define.js';
import '../../src/elements/notif-toaster/notif-toaster.define.js';

interface ManifestDeclaration {
  tagName?: string;
  customElement?: boolean;
  cssProperties?: { name: string; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  events?: { name: string; description?: string }[];
  attributes?: { name: string; description?: string }[];
}
interface Manifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}

const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);

function stylesOf(tag: string): string {
  const ctor = customElements.get(tag) as typeof LitElement | undefined;
  const sheets = ctor?.elementStyles ?? [];
  return sheets
    .map((style) => ('cssText' in style ? style.cssText : [...style.cssRules].map((rule) => rule.cssText).join('\n')))
    .join('\n');
}

/**
 * Whether `css` really uses the custom property `name`: some declaration of a
 * real CSS property reads it, directly or through the private locals
 * (`--_accent: var(--notif-accent, …)`) that read it. Merely appearing in a
 * local nobody reads is not a use: the shared tokens sheet defines a local for
 * every theme token, whether the element reads it or not.
 */
function uses(css: string, name: string, seen = new Set<string>()): boolean {
  seen.add(name);
  const reads = new RegExp(`var\\(\\s*${name}(?![\\w-])`);
  for (const [, property, value] of css.matchAll(/(?:^|[;{\s])(-{0,2}[a-zA-Z][\w-]*|--[\w-]+)\s*:([^;{}]*)/g)) {
    if (!property || !value || !reads.test(value)) continue;
    if (!property.startsWith('--')) return true;
    if (!seen.has(property) && uses(css, property, seen)) return true;
  }
  return false;
}

describe('custom-elements.json', () => {
  it('counts a token as used only when a real property reads it (the check itself can fail)', () => {
    const tokensOnly = ':host { --_accent: var(--notif-accent, blue); --_text: var(--notif-text, black); color: var(--_text); }';
    expect(uses(tokensOnly, '--notif-text')).to.equal(true);
    expect(uses(tokensOnly, '--notif-accent')).to.equal(false);
    expect(uses(`${tokensOnly} .a { border-color: var(--_accent); }`, '--notif-accent')).to.equal(true);
    expect(uses('.a { inline-size: min(var(--notif-toast-width, 360px), 100vw); }', '--notif-toast-width')).to.equal(true);
    expect(uses('.a { color: var(--notif-text-muted); }', '--notif-text')).to.equal(false);
  });

  it('documents every registered element', () => {
    const documented = elements.map((d) => d.tagName).sort();
    for (const tag of ['notif-bell', 'notif-feed', 'notif-preferences', 'notif-provider', 'notif-toast', 'notif-toaster']) {
      expect(documented, tag).to.include(tag);
    }
  });

  for (const element of elements) {
    const tag = element.tagName!;
    it(`${tag}: every documented CSS custom property is used in its styles`, () => {
      const css = stylesOf(tag);
      const unused = (element.cssProperties ?? []).map((p) => p.name).filter((name) => !uses(css, name));
      expect(unused, `${tag} documents custom properties its styles never read`).to.deep.equal([]);
    });

    it(`${tag}: every event, part, attribute and CSS property has a description`, () => {
      const undocumented = [
        ...(element.events ?? []),
        ...(element.cssParts ?? []),
        ...(element.attributes ?? []),
        ...(element.cssProperties ?? []),
      ].filter((entry) => !entry.description);
      expect(undocumented.map((entry) => entry.name)).to.deep.equal([]);
    });

    it(`${tag}: every documented part exists in the rendered element or its templates`, () => {
      const source = stylesOf(tag);
      for (const part of element.cssParts ?? []) {
        const ctor = customElements.get(tag)!;
        // Parts are found in the class source (templates) — rendering every state is the element tests' job.
        expect(ctor.toString() + source, `${tag} part ${part.name}`).to.match(
          new RegExp(`(?:export)?parts?="[^"]*\\b${part.name}\\b|part~='${part.name}'`),
        );
      }
    });
  }
});
