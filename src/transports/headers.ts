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

/** Resolves `url` against the page (when there is one) so relative endpoints work. */
export function resolveUrl(url: string | URL): URL {
  const base = typeof location === 'undefined' ? undefined : location.href;
  return new URL(url, base);
}
