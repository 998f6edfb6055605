/**
 * One WebSocket frame of Nchan's `ws+meta.nchan` subprotocol: `id: <id>\n`, optional
 * `content-type: <type>\n` (and any other `name: value` lines), a blank line, then the
 * message. Returns the message and its id (the resume cursor), or `undefined` when the
 * frame has no id header or no blank line: a frame that does not parse is skipped.
 */
export function readNchanFrame(frame: string): { data: string; id: string } | undefined {
  const end = frame.indexOf('\n\n');
  if (end < 0) return undefined;
  let id: string | undefined;
  for (const line of frame.slice(0, end).split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return undefined;
    if (line.slice(0, colon).trim().toLowerCase() === 'id') id = line.slice(colon + 1).trim();
  }
  return id ? { data: frame.slice(end + 2), id } : undefined;
}

/** The heartbeat reply deploy/nchan configures; it comes bare, without the `ws+meta.nchan` envelope. */
export const NCHAN_PONG = '{"type":"pong"}';

/** Nchan's message tag is an int16: at most this many messages share a second. */
const MAX_TAG = 32767;

/**
 * The cursor just before Nchan message `id` (`<unix seconds>:<tag>`), or `undefined`
 * for an id of another shape. Nchan answers a cursor with the first buffered message
 * after it, so from here `id` itself comes back first if, and only if, the buffer
 * still holds it: when it does not, messages after it may be gone, and Nchan says
 * nothing about that.
 */
export function nchanIdBefore(id: string): string | undefined {
  const match = /^(\d{1,15}):(\d{1,5})$/.exec(id);
  if (!match) return undefined;
  const time = Number(match[1]);
  const tag = Number(match[2]);
  if (tag > MAX_TAG) return undefined;
  if (tag > 0) return `${time}:${tag - 1}`;
  return time > 0 ? `${time - 1}:${MAX_TAG}` : undefined;
}
