import { yieldToPage } from '../core/schedule.js';

/** Text handed to the parser in one go; more is split so the page gets a turn in between. */
const SLICE_CHARS = 32 * 1024;
/**
 * The first slices of a body are smaller, doubling up to SLICE_CHARS: the budget is checked
 * between slices, and before the engine has warmed up a 32 KiB slice (300 events) ran 31-39 ms.
 */
const FIRST_SLICE_CHARS = 2 * 1024;
/** Work done before yielding to the page (input, rendering) while a large chunk is parsed. */
const BUDGET_MS = 8;

/**
 * Reads a response body as UTF-8 text chunks (whatever charset the server
 * claims, as the event-stream spec requires), calling `onText` per chunk until
 * the body ends. Resolves when it ends; rejects on a network error or abort.
 * A large chunk (a burst of thousands of events arrives as one) is handed over
 * in slices, yielding to the page whenever a few milliseconds have been spent,
 * so no task runs long enough to freeze input or rendering.
 */
export async function readText(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onText: (text: string) => void,
  { keepBOM = false }: { keepBOM?: boolean } = {},
): Promise<void> {
  const reader = body.getReader();
  // An event-stream parser strips the one leading BOM itself; decoding must leave it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: keepBOM });
  const cancel = (): void => {
    reader.cancel().catch(() => {});
  };
  // Aborted before we got here (stop() while the headers arrived): an abort listener
  // added now would never fire, and the response would stay open until its next byte.
  if (signal.aborted) {
    cancel();
    return;
  }
  signal.addEventListener('abort', cancel, { once: true });
  // When this stretch of work began. Not reset by a read that data already buffered
  // answers in a microtask: without a yield, hundreds of chunks would run as one long task.
  let since = performance.now();
  let sliceChars = FIRST_SLICE_CHARS;
  const deliver = async (text: string): Promise<void> => {
    for (let start = 0; start < text.length && !signal.aborted; start += sliceChars, sliceChars = Math.min(SLICE_CHARS, sliceChars * 2)) {
      if (performance.now() - since > BUDGET_MS) {
        await yieldToPage();
        since = performance.now();
        if (signal.aborted) return;
      }
      // A slice may end inside a surrogate pair: the parser joins partial lines, so it is whole again.
      onText(start === 0 && text.length <= sliceChars ? text : text.slice(start, start + sliceChars));
    }
  };
  try {
    for (;;) {
      const asked = performance.now();
      const { done, value } = await reader.read();
      // A read that had to wait for the network let the page run meanwhile: a new stretch.
      if (performance.now() - asked > 1) since = performance.now();
      if (signal.aborted) return;
      if (done) {
        const rest = decoder.decode();
        if (rest) await deliver(rest);
        return;
      }
      const text = decoder.decode(value, { stream: true });
      if (text) await deliver(text);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
