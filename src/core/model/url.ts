const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

// Browsers treat a backslash like a slash, so `/\evil` is protocol-relative too.
const PROTOCOL_RELATIVE = /^[\\/]{2}/;

// Control characters and whitespace that URL parsers strip silently (`java\tscript:`).
// eslint-disable-next-line no-control-regex
const STRIPPED_BY_PARSERS = /[\u0000-\u001F\u007F\s]/;

/**
 * The URL rule: an absolute `http:`/`https:` URL, or a relative path that stays
 * on this origin. Anything else (`javascript:`, `data:`, `vbscript:`, `blob:`,
 * `file:`, protocol-relative, unparsable) yields `undefined`.
 *
 * Relative paths are returned as given so links stay relative to the page.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > 2048) return undefined;
  if (STRIPPED_BY_PARSERS.test(value) || PROTOCOL_RELATIVE.test(value)) return undefined;
  const isAbsolute = /^[a-z][a-z\d+.-]*:/i.test(value);
  let parsed: URL;
  try {
    // An absolute URL must stand on its own: `https:` alone only "parses" against
    // a base of the same scheme, and on any other page it is no URL at all.
    parsed = isAbsolute ? new URL(value) : new URL(value, 'https://origin.invalid/');
  } catch {
    return undefined;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return undefined;
  if (!isAbsolute) {
    // A colon in the first segment of a relative path reads as a scheme to someone
    // (`&#106;avascript:` once entity-decoded); RFC 3986 §4.2 says to write `./a:b`.
    if (/^[^/?#]*:/.test(value) || parsed.origin !== 'https://origin.invalid') return undefined;
  }
  return value;
}

/** True when `url` leads off this page's origin, so links need `rel="noopener noreferrer"`. */
export function isExternalUrl(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin !== new URL(origin).origin;
  } catch {
    return true;
  }
}
