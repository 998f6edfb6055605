/**
 * Registers an element the first time its tag is in the document, so a page
 * pays for it only once it uses it (Web Awesome's autoloader is the model). A
 * tag inside another element's shadow root is that element's to load (the bell
 * loads the feed, the toaster the toast). Returns `load`, to fetch one early.
 */
export function autoload(loaders: Record<string, () => Promise<unknown>>): (tag: string) => Promise<unknown> {
  const loading = new Map<string, Promise<unknown>>();
  const load = (tag: string): Promise<unknown> => {
    let promise = loading.get(tag);
    if (!promise) {
      promise = loaders[tag]?.() ?? Promise.resolve();
      loading.set(tag, promise);
    }
    return promise;
  };
  const waiting = (): string[] => Object.keys(loaders).filter((tag) => !loading.has(tag));
  const scan = (root: ParentNode): void => {
    for (const tag of waiting()) {
      if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) void load(tag);
    }
  };
  if (typeof document === 'undefined') return load;
  scan(document);
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    if (!waiting().length) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  return load;
}
