// Controls and docs come from custom-elements.json (generated from the elements' JSDoc by
// `npm run analyze`). Three adjustments happen here, not in the manifest:
// - private members, and properties that only mirror an attribute, are left out, so each
//   setting shows once (as the attribute an HTML author writes);
// - types become controls: `'light' | 'dark'` a select, `string | undefined` a text field,
//   object-typed properties (`store`, `strings`, `renderItem` …) documented without a control;
// - the documented CSS custom properties get controls too, applied by a decorator as inline
//   custom properties on a wrapper, so every element story can be themed from its Controls tab.
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ArgTypesEnhancer, StrictInputType } from 'storybook/internal/types';
import manifest from '../custom-elements.json';

interface Member {
  kind?: string;
  name: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
}

interface Declaration {
  tagName?: string;
  members?: Member[];
}

interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

function publicApi(source: Manifest): Manifest {
  return {
    ...source,
    modules: source.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) =>
        declaration.tagName
          ? {
              ...declaration,
              members: declaration.members?.filter(
                (member) =>
                  member.kind === 'field' &&
                  !member.static &&
                  (member.privacy ?? 'public') === 'public' &&
                  !member.name.startsWith('#') &&
                  member.attribute === undefined,
              ),
            }
          : declaration,
      ),
    })),
  };
}

setCustomElementsManifest(publicApi(manifest as Manifest));

const LITERAL_UNION = /^\s*'[^']*'(\s*\|\s*'[^']*')*\s*$/;

/** CSS custom properties that take a colour (the rest, like radius, font and shadow, take text). */
const COLOR_PROPERTY = /(accent|surface|surface-alt|text|muted|border|danger|color|bg)$/;

/** Turns the manifest's TypeScript type text into a control, where one fits. */
function controlFor(argType: StrictInputType): StrictInputType {
  const category = argType.table?.category;
  if (category === 'css custom properties') {
    const color = COLOR_PROPERTY.test(argType.name);
    return { ...argType, type: { name: 'string' }, control: { type: color ? 'color' : 'text' } };
  }
  // Events (logged in Actions through their `on…` args), slots and parts are documentation only.
  if (category === 'events' || category === 'slots' || category === 'css shadow parts') return { ...argType, control: false };
  if (category !== 'attributes' && category !== 'properties') return argType;
  if (argType.control !== undefined) return argType;
  const text = argType.type && 'name' in argType.type ? String(argType.type.name) : '';
  const types = text.split('|').map((t) => t.trim()).filter((t) => t !== 'undefined' && t !== 'null');
  const type = types.join(' | ');
  if (type === 'string') return { ...argType, type: { name: 'string' }, control: { type: 'text' } };
  if (type === 'number') return { ...argType, type: { name: 'number' }, control: { type: 'number' } };
  if (type === 'boolean') return { ...argType, type: { name: 'boolean' }, control: { type: 'boolean' } };
  if (LITERAL_UNION.test(type)) {
    const options = types.map((t) => t.slice(1, -1));
    return { ...argType, type: { name: 'enum', value: options }, options, control: { type: options.length > 3 ? 'select' : 'inline-radio' } };
  }
  // Objects, functions and named aliases: documented, set in code (story files give aliases their options).
  return { ...argType, control: false };
}

const controlsFromTypes: ArgTypesEnhancer = (context) =>
  Object.fromEntries(Object.entries(context.argTypes).map(([name, argType]) => [name, controlFor(argType)]));

/** Wraps the story in the `--notif-*` values set in Controls (none set: the story is left as it is). */
const cssCustomProperties: Decorator = (story, { args }) => {
  const properties = Object.fromEntries(
    Object.entries(args).filter((entry): entry is [string, string] => entry[0].startsWith('--') && typeof entry[1] === 'string' && entry[1] !== ''),
  );
  return Object.keys(properties).length ? html`<div style=${styleMap(properties)}>${story()}</div>` : story();
};

const preview: Preview = {
  argTypesEnhancers: [controlsFromTypes],
  decorators: [cssCustomProperties],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
