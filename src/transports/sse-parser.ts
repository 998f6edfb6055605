export interface SseParserCallbacks {
  /** A dispatched event; `type` is `message` when the stream named none. */
  event(type: string, data: string): void;
  /** The event stream's last event id changed (`''` clears it). */
  id(id: string): void;
  retry(ms: number): void;
  /** Any bytes at all: comments are the server's keep-alive. */
  activity(): void;
  /** An event outgrew `maxEventChars`; it is skipped up to the next blank line. */
  overflow(size: number): void;
}

export interface SseParser {
  feed(text: string): void;
  /** Forget a partial event, as a new connection must. */
  reset(): void;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;
const BOM = 0xfeff;

/**
 * The HTML spec's event-stream interpretation, with bounded memory: a leading
 * BOM, CR / LF / CRLF line ends (also split across chunks), comments, and the
 * `event`, `data`, `id` and `retry` fields. The id is committed when its event
 * is dispatched, so an event cut off by the end of the stream leaves no id.
 *
 * An event that outgrows `maxEventChars` is dropped on its own, up to the next
 * blank line, while the events around it (even in the same chunk) go on. The
 * lines of an event that end before the bound still count, exactly as if the
 * stream had arrived one character at a time. Lines are found natively
 * (indexOf) rather than by a character loop: a 10,000-event burst arrives as
 * one megabyte-sized chunk, before the engine has warmed up.
 */
export function createSseParser(callbacks: SseParserCallbacks, maxEventChars: number): SseParser {
  let started = false;
  let line = '';
  let afterCR = false;
  let eventChars = 0;
  let skipping = false;
  let data = '';
  let hasData = false;
  let type = '';
  let id: string | undefined;

  function clearEvent(): void {
    data = '';
    hasData = false;
    type = '';
    id = undefined;
  }

  function overflow(): void {
    if (!skipping) callbacks.overflow(eventChars);
    skipping = true;
    clearEvent();
  }

  /** Whether the field name of `text` (its first `nameLength` characters) is `name`; no substring is made. */
  const named = (text: string, nameLength: number, name: string): boolean => nameLength === name.length && text.startsWith(name);

  function field(text: string): void {
    if (text.charCodeAt(0) === COLON) return;
    const colon = text.indexOf(':');
    const nameLength = colon < 0 ? text.length : colon;
    const valueStart = colon < 0 ? text.length : colon + (text.charCodeAt(colon + 1) === SPACE ? 2 : 1);
    if (named(text, nameLength, 'data')) {
      // Lines joined by LF: the spec's "append value and LF, drop the last LF" without the last step.
      const value = text.slice(valueStart);
      data = hasData ? `${data}\n${value}` : value;
      hasData = true;
    } else if (named(text, nameLength, 'event')) type = text.slice(valueStart);
    else if (named(text, nameLength, 'id')) {
      const value = text.slice(valueStart);
      if (!value.includes('\0')) id = value;
    } else if (named(text, nameLength, 'retry')) {
      const value = text.slice(valueStart);
      if (/^\d+$/.test(value)) callbacks.retry(Number(value));
    }
  }

  /** A complete line and the length of its terminator. */
  function takeLine(text: string, terminator: number): void {
    if (text === '') {
      if (skipping) skipping = false;
      else {
        if (id !== undefined) callbacks.id(id);
        if (hasData) callbacks.event(type || 'message', data);
        clearEvent();
      }
      eventChars = 0;
      return;
    }
    if (skipping) return;
    const before = eventChars;
    eventChars += text.length + terminator;
    // A line counts once its first terminator character is within the bound.
    if (before + text.length + 1 <= maxEventChars) field(text);
    if (eventChars > maxEventChars) overflow();
  }

  return {
    feed(chunk) {
      callbacks.activity();
      if (chunk === '') return;
      let text = chunk;
      if (!started) {
        started = true;
        if (text.charCodeAt(0) === BOM) text = text.slice(1);
      }
      let start = 0;
      if (afterCR && text.charCodeAt(0) === LF) {
        // the LF of a CRLF whose CR ended the previous chunk
        start = 1;
        if (!skipping && eventChars > 0 && ++eventChars > maxEventChars) overflow();
      }
      afterCR = false;
      // Line ends found by indexOf, which allocates nothing per line (a regular expression's
      // match arrays did); a chunk without CR (the usual case) looks for one only once.
      let lf = text.indexOf('\n', start);
      let cr = text.indexOf('\r', start);
      while (lf >= 0 || cr >= 0) {
        const end = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
        const terminator = end === cr && lf === cr + 1 ? 2 : 1;
        const piece = text.slice(start, end);
        const whole = line === '' ? piece : line + piece;
        line = '';
        takeLine(whole, terminator);
        start = end + terminator;
        // A CR that ends the chunk may be the first half of a CRLF split across chunks.
        if (end === cr && terminator === 1 && start === text.length) afterCR = true;
        if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
        if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
      }
      if (start === text.length) return;
      if (skipping) {
        // Only whether the line is empty matters until the next blank line.
        line = ' ';
        return;
      }
      line += text.slice(start);
      if (eventChars + line.length > maxEventChars) {
        eventChars += line.length;
        line = ' ';
        overflow();
      }
    },
    reset() {
      started = false;
      line = '';
      afterCR = false;
      eventChars = 0;
      skipping = false;
      clearEvent();
    },
  };
}
