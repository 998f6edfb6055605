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
