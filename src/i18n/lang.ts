/**
 * The language of `element`: its own `lang`, else the nearest ancestor's,
 * crossing shadow roots like `:lang()` does; the document's, else `en`.
 */
export function languageOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') || 'en';
    const parent: Node | null = node.parentNode;
    node = parent instanceof ShadowRoot ? parent.host : parent;
  }
  return document.documentElement.lang || navigator.language || 'en';
}
