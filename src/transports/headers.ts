/** Static headers, or a function that returns fresh ones (a short-lived token) per attempt. */
export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

export async function buildHeaders(
  option: HeadersOption | undefined,
  credentials: Record<string, string> | undefined,
  fixed: Record<string, string>,
): Promise<Headers> {
  const headers = new Headers(typeof option === 'function' ? await option() : option);
  for (const [name, value] of Object.entries({ ...credentials, ...fixed })) headers.set(name, value);
  return headers;
}

import { NotifError } from '../core/model/errors.js';
import type { TransportSink } from '../core/model/types.js';

/** Resolves `url` against the page (when there is one) so relative endpoints work. */
export function resolveUrl(url: string | URL): URL {
  const base = typeof location === 'undefined' ? undefined : location.href;
  return new URL(url, base);
}

/**
 * The endpoint, resolved once before any attempt: an unusable one ends the
 * connection at once with an `invalid-url` error instead of a retry loop that
 * could never succeed. Returns `undefined` after reporting it.
 */
export function endpoint(url: string | URL, sink: TransportSink, protocols: readonly string[]): URL | undefined {
  let target: URL | undefined;
  try {
    target = resolveUrl(url);
  } catch {
    target = undefined;
  }
  if (target && protocols.includes(target.protocol)) return target;
  const error = new NotifError('invalid-url', `"${String(url)}" is not a ${protocols.join(' / ')} URL`);
  sink.status('error', { error });
  sink.error(error);
  return undefined;
}
