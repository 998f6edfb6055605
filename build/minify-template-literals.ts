// Minifies the CSS and HTML inside Lit's `css` and `html` tagged templates at build time.
// esbuild and rolldown minify code but leave template text alone, so every style sheet
// shipped with its indentation and comments (about a fifth of the elements' bytes).
import { transform } from 'esbuild';
import MagicString from 'magic-string';
import ts from 'typescript';
import type { Plugin } from 'vite';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Escapes cooked text back into the body of a template literal. */
const asTemplateText = (text: string): string => text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/**
 * A run of whitespace that holds a line break is indentation between tags or bindings:
 * one space renders the same (no template of ours is in `white-space: pre`), and an
 * HTML comment is only for the reader.
 */
const collapseHtml = (raw: string): string => raw.replace(/<!--(?!\?)[\s\S]*?-->/g, '').replace(/\s*\n\s*/g, ' ');

async function minifyCss(css: string, where: string): Promise<string> {
  // No target: nothing is lowered, only whitespace, comments and redundant syntax go.
  const result = await transform(css, { loader: 'css', minify: true, sourcefile: where });
  if (result.warnings.length > 0) throw new Error(`${where}: ${result.warnings.map((w) => w.text).join('; ')}`);
  return result.code.trimEnd();
}

/** The edits for one source file, in source order. */
async function editsFor(source: ts.SourceFile, file: string): Promise<Edit[]> {
  const pending: Promise<Edit[]>[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const tag = node.tag.text;
      const template = node.template;
      if (tag === 'css') {
        // Interpolated style sheets would need placeholders the CSS minifier keeps; ours have none.
        if (!ts.isNoSubstitutionTemplateLiteral(template)) throw new Error(`${file}: css\`\` with \${} is not minified; split it or extend build/minify-template-literals.ts`);
        const where = `${file}:${source.getLineAndCharacterOfPosition(template.getStart(source)).line + 1}`;
        pending.push(minifyCss(template.text, where).then((css) => [{ start: template.getStart(source) + 1, end: template.getEnd() - 1, text: asTemplateText(css) }]));
      } else if (tag === 'html' || tag === 'svg') {
        const parts: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
        pending.push(
          Promise.resolve(
            parts.map((part) => {
              // A part's text runs from after its opening ` or } to before its closing ` or ${.
              const start = part.getStart(source) + 1;
              const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
              return { start, end, text: collapseHtml(source.text.slice(start, end)) };
            }),
          ),
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return (await Promise.all(pending)).flat().sort((a, b) => a.start - b.start);
}

/** The Vite (rolldown) plugin: runs on our TypeScript sources before they are compiled. */
export function minifyTemplateLiterals(): Plugin {
  return {
    name: 'notif:minify-template-literals',
    enforce: 'pre',
    async transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('/node_modules/') || (!code.includes('css`') && !code.includes('html`') && !code.includes('svg`'))) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits = await editsFor(source, id);
      if (edits.length === 0) return null;
      const out = new MagicString(code);
      for (const { start, end, text } of edits) {
        if (end === start || code.slice(start, end) === text) continue;
        if (text === '') out.remove(start, end);
        else out.update(start, end, text);
      }
      // Collapsed line breaks shift every line after them: the map keeps stack traces on the source.
      return { code: out.toString(), map: out.generateMap({ hires: 'boundary', source: id }) };
    },
  };
}
