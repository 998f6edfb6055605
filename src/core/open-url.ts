import { isExternalUrl } from './model/url.js';

/** Opens `url` the way a notification link does: an external one in a new tab with no opener, else here. */
export function openUrl(url: string): void {
  if (typeof location === 'undefined') return;
  if (isExternalUrl(url, location.origin)) window.open(url, '_blank', 'noopener,noreferrer');
  else location.assign(url);
}
