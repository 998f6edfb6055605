import { isExternalUrl, safeUrl } from '../core/model/url.js';

/** An open page of the origin, as the worker sees it. */
export interface PageInfo {
  url: string;
  visibilityState: DocumentVisibilityState;
  focused: boolean;
}

/** What a click on an OS notification does: focus an open page (and show `navigate` there), or open a window. */
export type ClickDecision = { focus: number; navigate?: string } | { open: string };

/**
 * The click on an OS notification, decided without the worker's APIs so it can be
 * tested: the notification's URL passes the URL rule or is ignored; an open page is
 * focused (a visible one first, then a focused one) and shows a URL of this origin;
 * an external URL opens in a window of its own, as the feed would open it; with no
 * page open, the URL opens, else `defaultUrl`.
 */
export function decideClick(url: unknown, pages: readonly PageInfo[], options: { origin: string; defaultUrl: string }): ClickDecision {
  const safe = safeUrl(url);
  const target = safe === undefined ? undefined : new URL(safe, options.origin).href;
  const external = target !== undefined && isExternalUrl(target, options.origin);
  if (external) return { open: target };
  const rank = (page: PageInfo): number => (page.visibilityState === 'visible' ? 2 : 0) + (page.focused ? 1 : 0);
  let best = -1;
  pages.forEach((page, i) => {
    if (best < 0 || rank(page) > rank(pages[best] as PageInfo)) best = i;
  });
  if (best >= 0) return target && target !== pages[best]?.url ? { focus: best, navigate: target } : { focus: best };
  return { open: target ?? new URL(safeUrl(options.defaultUrl) ?? '/', options.origin).href };
}
