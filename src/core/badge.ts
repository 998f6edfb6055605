import type { NotificationStore } from './store/index.js';

export interface UnreadBadgeOptions {
  /** "(3) My app" in the document title; the app's own title changes are kept. Default true. */
  title?: boolean;
  /** A dot with the count drawn on the page's own favicon. Default false. */
  favicon?: boolean;
  /** `navigator.setAppBadge(n)` for an installed web app, where the browser has it. Default false. */
  appBadge?: boolean;
}

/** Our prefix on the title, "(3) " or "(99+) ". */
const TITLE_COUNT = /^\(\d+\+?\)\s*/;
const counted = (n: number): string => (n > 99 ? '99+' : String(n));

/** One place the count is shown: `write` shows the current count, `stop` puts back what was there. */
interface Shown {
  write(): void;
  stop(): void;
}

function followTitle(count: () => number): Shown {
  let base = document.title.replace(TITLE_COUNT, '');
  /** The title as we last left it (the browser trims what it is given). */
  let written = document.title;
  const write = (): void => {
    const n = count();
    document.title = n > 0 ? `(${counted(n)}) ${base}` : base;
    written = document.title;
  };
  // The app may set its own title (a route change): that becomes the base, the count stays in front.
  const observer = new MutationObserver(() => {
    if (document.title === written) return;
    base = document.title.replace(TITLE_COUNT, '');
    write();
  });
  observer.observe(document.head, { subtree: true, childList: true, characterData: true });
  return {
    write,
    stop() {
      observer.disconnect();
      document.title = base;
    },
  };
}

function followFavicon(count: () => number): Shown {
  const link =
    document.querySelector<HTMLLinkElement>('link[rel~="icon"]') ??
    Object.assign(document.head.appendChild(document.createElement('link')), { rel: 'icon' });
  const original = link.getAttribute('href');
  const source = new Image();
  let loaded = false;
  source.onload = () => {
    loaded = true;
    write();
  };
  // A page without an icon of its own gets the dot on a blank one.
  if (original) source.src = link.href;
  const write = (): void => {
    const n = count();
    if (n === 0) {
      if (original === null) link.removeAttribute('href');
      else link.setAttribute('href', original);
      return;
    }
    const size = 32;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) return;
    if (loaded) context.drawImage(source, 0, 0, size, size);
    context.fillStyle = '#dc2626';
    context.beginPath();
    context.arc(size * 0.7, size * 0.3, size * 0.3, 0, 2 * Math.PI);
    context.fill();
    context.fillStyle = '#ffffff';
    context.font = `bold ${n > 9 ? 12 : 16}px system-ui, sans-serif`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(n > 9 ? '9+' : String(n), size * 0.7, size * 0.31);
    try {
      link.href = canvas.toDataURL('image/png');
    } catch {
      // An icon from another origin taints the canvas: the count goes on a blank one.
      loaded = false;
      write();
    }
  };
  return {
    write,
    stop() {
      if (original === null) link.removeAttribute('href');
      else link.setAttribute('href', original);
    },
  };
}

function followAppBadge(count: () => number): Shown {
  return {
    write() {
      const n = count();
      const call = n > 0 ? navigator.setAppBadge?.(n) : navigator.clearAppBadge?.();
      // Not an installed app, or not allowed: the title and favicon still say it.
      call?.catch(() => {});
    },
    stop: () => void navigator.clearAppBadge?.()?.catch(() => {}),
  };
}

/**
 * Shows the store's unread count where a person with twenty tabs can see it:
 * in the document title ("(3) My app", restored at 0), on the page's favicon
 * (a dot with the count) and as the app badge of an installed web app
 * (`navigator.setAppBadge`). Returns the unsubscribe, which puts all three back.
 */
export function unreadBadge(store: NotificationStore, options: UnreadBadgeOptions = {}): () => void {
  if (typeof document === 'undefined') return () => {};
  const count = (): number => store.$unreadCount.get();
  const shown: Shown[] = [];
  if (options.title ?? true) shown.push(followTitle(count));
  if (options.favicon) shown.push(followFavicon(count));
  if (options.appBadge) shown.push(followAppBadge(count));
  // $unreadCount is computed from $items: it notifies on every publish, so only a new count is written.
  let last: number | undefined;
  const unsubscribe = store.$unreadCount.subscribe((n) => {
    if (n === last) return;
    last = n;
    for (const part of shown) part.write();
  });
  return () => {
    unsubscribe();
    for (const part of shown) part.stop();
  };
}
