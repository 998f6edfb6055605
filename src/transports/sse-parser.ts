import { createParser, type EventSourceParser } from 'eventsource-parser';

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

/**
 * The event-stream parser: `eventsource-parser` does the spec's line and
 * field rules; this wrapper bounds memory. It finds event boundaries (blank
 * lines, with CR, LF and CRLF terminators) itself so an oversized event can be
 * dropped on its own while the events around it, even in the same chunk, go on.
 */
export function createSseParser(callbacks: SseParserCallbacks, maxEventChars: number): SseParser {
  let parser: EventSourceParser = create();
  let eventChars = 0;
  let skipping = false;
  let atLineStart = true;
  let afterCR = false;

  function create(): EventSourceParser {
    return createParser({
      onEvent: (message) => callbacks.event(message.event ?? 'message', message.data),
      onId: (id) => callbacks.id(id),
      onRetry: (ms) => callbacks.retry(ms),
    });
  }

  function dropPartialEvent(size: number): void {
    if (!skipping) callbacks.overflow(size);
    skipping = true;
    parser.reset();
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
      parser.reset();
      parser = create();
      eventChars = 0;
      skipping = false;
      atLineStart = true;
      afterCR = false;
    },
  };
}
