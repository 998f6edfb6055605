/** Reconnect delays: exponential with full jitter (1 s base, 30 s cap by default). */
export interface BackoffOptions {
  /** Upper bound of the first delay, in ms. Default 1000. */
  baseMs?: number;
  /** Largest delay, in ms. Default 30000. */
  capMs?: number;
  /** Source of randomness in [0, 1); tests pin it. Default `Math.random`. */
  random?: () => number;
}

/**
 * The delay before retry `failures` (1 for the first retry after a failure):
 * uniform in [0, min(cap, base · 2^(failures-1))), so a herd of clients that
 * dropped together spreads out instead of reconnecting in lockstep.
 */
export function fullJitterDelay(failures: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const cap = options.capMs ?? 30_000;
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const bound = Math.min(cap, base * 2 ** exponent);
  return Math.floor(random() * bound);
}

/** Server-sent retry hints are floors, clamped (0.5 s to 60 s) so a typo cannot stall or hammer. */
export function clampRetryFloor(ms: number): number {
  return Math.min(60_000, Math.max(500, ms));
}

/** Reads `Retry-After` (seconds or an HTTP date) as a clamped floor in ms. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return clampRetryFloor(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? clampRetryFloor(date - now) : undefined;
}
