// The fault scenarios of RELIABILITY.md that the suite runs, with the
// transports each must pass on (S = SSE, W = WebSocket, P = poll). Each test
// in test/scenarios records its figure under the same id and transport
// (test/helpers/scenario.ts); scripts/reliability-table.mjs turns the figures
// into the README's table and fails when a row is missing.

/**
 * `gaps`: transports where the property is known not to hold yet, with why; the
 * table shows them as open instead of a figure, and the check accepts them.
 * @typedef {{ id: string, transports: string[], fault: string, expect: string, gaps?: Record<string, string> }} Scenario
 */

/** @type {Scenario[]} */
export const scenarios = [
  { id: 'F01', transports: ['S', 'W', 'P'], fault: 'k events, then a FIN', expect: 'resume from the last id: 0 loss, 0 dups, order kept' },
  { id: 'F02', transports: ['S', 'W', 'P'], fault: 'RST in the middle of an event', expect: 'the partial event is never delivered; 0 loss after resume' },
  { id: 'F03', transports: ['S'], fault: '3 events, then a clean end of the response', expect: 'reconnect after `retry:` ± 10 %' },
  { id: 'F04', transports: ['S', 'W', 'P'], fault: 'black hole (no bytes, no FIN)', expect: 'dead within 45 s (S) / 35 s (W) / 40 s (P), scaled; 1 new connection' },
  { id: 'F05', transports: ['S'], fault: 'headers and `:ok`, then silence on an open socket', expect: 'as F04; keep-alive comments give no false positive' },
  { id: 'F06', transports: ['S', 'W'], fault: 'TCP accepted, no HTTP answer / no 101', expect: 'abort at the 5 s connect timeout (scaled), then retry' },
  { id: 'F07', transports: ['S', 'W', 'P'], fault: 'nothing listening', expect: 'full-jitter delays within range, capped at 30 s; no lockstep in a herd' },
  { id: 'F08', transports: ['S', 'W'], fault: 'accept, then close after 10 ms, repeatedly', expect: 'the backoff keeps growing to the cap; no tight loop' },
  { id: 'F09', transports: ['S', 'W', 'P'], fault: 'server restart with a new epoch, seq from 1', expect: 'resync ×1, history refetch ×1, no stale-id collision' },
  { id: 'F10', transports: ['S', 'W', 'P'], fault: 'away longer than the server history', expect: 'resync ×1, history refetch ×1' },
  { id: 'F11', transports: ['S', 'P'], fault: 'HTTP 204', expect: 'terminal: 0 requests afterwards, state closed' },
  { id: 'F12', transports: ['S'], fault: '200 with text/html (a proxy error page)', expect: 'terminal; 0 events; the body never parsed' },
  { id: 'F13', transports: ['S'], fault: 'charset=windows-1252 with UTF-8 bytes', expect: 'decoded as UTF-8' },
  { id: 'F14', transports: ['S', 'P'], fault: '301/302/303/307/308 to the endpoint', expect: 'followed; the cursor kept' },
  { id: 'F15', transports: ['S', 'W', 'P'], fault: 'HTTP 401 / upgrade refused with 401', expect: 'refreshCredentials() once; ≤ 2 requests per episode' },
  { id: 'F16', transports: ['S', 'W', 'P'], fault: 'HTTP 403', expect: 'one refresh, then terminal; no loop' },
  { id: 'F17', transports: ['S', 'P'], fault: 'HTTP 404 / 410', expect: 'terminal: 0 requests afterwards' },
  { id: 'F18', transports: ['S', 'W', 'P'], fault: '429 + Retry-After: 7', expect: 'the next request ≥ 7 s later (scaled)' },
  { id: 'F19', transports: ['S', 'P'], fault: '500/502/503 with an HTML body', expect: 'retried with backoff' },
  { id: 'F20', transports: ['W'], fault: 'upgrade answered with HTTP 500', expect: 'treated as 1006: retried with backoff' },
  { id: 'F21', transports: ['W'], fault: 'close codes 1000…4500', expect: 'terminal codes stop; retriable codes retry; overrides per adapter' },
  { id: 'F22', transports: ['S', 'W', 'P'], fault: '`{not json` among valid events', expect: '1 error; the next event delivered; no reconnect' },
  { id: 'F23', transports: ['S', 'W', 'P'], fault: 'schema-invalid notifications', expect: 'skipped and reported, as F22' },
  { id: 'F24', transports: ['W'], fault: 'binary frame; invalid UTF-8 (1007)', expect: 'binary skipped; 1007 per policy; no crash' },
  { id: 'F25', transports: ['S', 'P'], fault: '10 MiB `data:` line / body', expect: 'skipped to the next boundary, 1 error, heap growth < 5 MiB' },
  { id: 'F26', transports: ['W'], fault: '5 MiB frame', expect: 'dropped, 1 error, heap growth < 5 MiB' },
  { id: 'F27', transports: ['S'], fault: 'the stream sliced into 1-byte and random TCP writes', expect: 'byte-exact same events as unsliced' },
  { id: 'F28', transports: ['S'], fault: 'the web-platform-tests event-stream cases', expect: 'spec results (fetch and native adapters)' },
  { id: 'F29', transports: ['S'], fault: 'a payload that smuggles `event: admin` and `id:` lines', expect: 'no privileged action; the id change is spec behaviour' },
  { id: 'F30', transports: ['S'], fault: '`retry:` fuzz (`1000x`, `-1`, ``, 20 digits, `02000`)', expect: 'digits only; clamped to [0.5 s, 60 s]; `02000` → 2 s' },
  { id: 'F31', transports: ['S', 'W', 'P'], fault: 'duplicates 1,2,2,3 and a replay of 2–3', expect: 'feed 1,2,3 once; toasts ≤ 3' },
  { id: 'F32', transports: ['S', 'W', 'P'], fault: 'reordered 1,3,2,4', expect: 'feed sorted; no duplicate toast' },
  { id: 'F33', transports: ['S', 'W', 'P'], fault: '300 missed events replayed after a reconnect', expect: 'silent feed update, ≤ 1 summary toast' },
  { id: 'F34', transports: ['S', 'W', 'P'], fault: 'a burst of 10 000 events', expect: 'all in the store; ≤ 3 toasts + summary' },
  { id: 'F35', transports: ['S', 'W'], fault: '100 events/s with random cuts (bounded soak)', expect: '0 loss, 0 dups; heap flat ± 5 MiB; listeners and timers constant' },
  { id: 'F36', transports: ['S', 'W', 'P'], fault: 'offline, then back online', expect: '0 attempts offline; reconnect ≤ 1 s after online; resume' },
  { id: 'F37', transports: ['S', 'W'], fault: 'hidden tab; back-forward cache away and back', expect: 'stays connected hidden; connections 1 → 0 → 1, 0 loss' },
  { id: 'F38', transports: ['S', 'W', 'P'], fault: '1 000 random API operations', expect: '≤ 1 connection at any time; 0 leaks after stop' },
  { id: 'F39', transports: ['S', 'W', 'P'], fault: 'stop() while connecting, in backoff, during a 401 refresh', expect: 'final: 0 requests and 0 events after it' },
  { id: 'F47', transports: ['UI'], fault: 'XSS corpus in every field of every element', expect: '`__pwned` unset; 0 `javascript:` links; 0 CSP violations' },
];
