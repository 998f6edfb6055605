// The manifest is the API doc every tool reads (Storybook, IDEs, framework typings):
// what it documents must be real.
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';

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

describe('custom-elements.json', () => {
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
      for (const property of element.cssProperties ?? []) {
        expect(css, `${tag} documents ${property.name}`).to.contain(`${property.name},`);
      }
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
