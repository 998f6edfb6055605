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
const CR = 13;
const COLON = 58;
const SPACE = 32;
const BOM = 0xfeff;

interface FieldParser {
  feed(text: string): void;
  /** Drops the partial line and event (an oversized one), keeping the stream's state. */
  discardEvent(): void;
}

/**
 * The HTML spec's event-stream interpretation: a leading BOM, CR / LF / CRLF
 * line ends (also split across chunks), comments, the `event`, `data`, `id`
 * and `retry` fields. The id is committed when its event is dispatched, so an
 * event cut off by the end of the stream leaves no id behind.
 */
function createFieldParser(callbacks: SseParserCallbacks): FieldParser {
  let line = '';
  let afterCR = false;
  let started = false;
  let data = '';
  let hasData = false;
  let type = '';
  let id: string | undefined;

  function dispatch(): void {
    if (id !== undefined) callbacks.id(id);
    id = undefined;
    if (hasData) callbacks.event(type || 'message', data.slice(0, -1));
    data = '';
    hasData = false;
    type = '';
  }

  function field(text: string): void {
    if (text === '') return dispatch();
    if (text.charCodeAt(0) === COLON) return;
    const colon = text.indexOf(':');
    const name = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === SPACE) value = value.slice(1);
    if (name === 'data') {
      data += `${value}\n`;
      hasData = true;
    } else if (name === 'event') type = value;
    else if (name === 'id') {
      if (!value.includes('\0')) id = value;
    } else if (name === 'retry' && /^\d+$/.test(value)) callbacks.retry(Number(value));
  }

  return {
    feed(text) {
      if (!started && text !== '') {
        started = true;
        if (text.charCodeAt(0) === BOM) text = text.slice(1);
      }
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code !== LF && code !== CR) continue;
        if (code === LF && afterCR && i === start && line === '') {
          // the LF of a CRLF whose CR ended the previous line
          afterCR = false;
          start = i + 1;
          continue;
        }
        afterCR = code === CR;
        field(line + text.slice(start, i));
        line = '';
        start = i + 1;
      }
      if (start < text.length) afterCR = false;
      line += text.slice(start);
    },
    discardEvent() {
      line = '';
      data = '';
      hasData = false;
      type = '';
      id = undefined;
    },
  };
}

/**
 * The event-stream parser, with bounded memory: it finds event boundaries
 * (blank lines, with CR, LF and CRLF terminators) before parsing fields, so an
 * oversized event can be dropped on its own while the events around it, even
 * in the same chunk, go on.
 */
export function createSseParser(callbacks: SseParserCallbacks, maxEventChars: number): SseParser {
  let parser = createFieldParser(callbacks);
  let eventChars = 0;
  let skipping = false;
  let atLineStart = true;
  let afterCR = false;

  function dropPartialEvent(size: number): void {
    if (!skipping) callbacks.overflow(size);
    skipping = true;
    parser.discardEvent();
  }

  // Hands text[start, end) to the parser unless the event it belongs to is too large.
  function pass(text: string, start: number, end: number, endsEvent: boolean): void {
    if (end > start) {
      const before = eventChars;
      eventChars += end - start;
      if (eventChars > maxEventChars) {
        // Parse exactly the first maxEventChars characters, as a 1-character feed would, so a
        // `retry:` line before the cut takes effect however the stream was chunked.
        if (!skipping && before < maxEventChars) parser.feed(text.slice(start, start + maxEventChars - before));
        dropPartialEvent(eventChars);
      } else if (!skipping) parser.feed(text.slice(start, end));
    }
    if (endsEvent) {
      eventChars = 0;
      skipping = false;
    }
  }

  return {
    feed(text) {
      callbacks.activity();
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === LF && afterCR) {
          afterCR = false;
          continue;
        }
        if (code === LF || code === CR) {
          afterCR = code === CR;
          if (atLineStart) {
            pass(text, start, i + 1, true);
            start = i + 1;
          }
          atLineStart = true;
        } else {
          afterCR = false;
          atLineStart = false;
        }
      }
      pass(text, start, text.length, false);
    },
    reset() {
      parser = createFieldParser(callbacks);
      eventChars = 0;
      skipping = false;
      atLineStart = true;
      afterCR = false;
    },
  };
}
