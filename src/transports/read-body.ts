/**
 * Reads a response body as UTF-8 text chunks (whatever charset the server
 * claims, as the event-stream spec requires), calling `onText` per chunk until
 * the body ends. Resolves when it ends; rejects on a network error or abort.
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
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) return;
      if (done) {
        const rest = decoder.decode();
        if (rest) onText(rest);
        return;
      }
      const text = decoder.decode(value, { stream: true });
      if (text) onText(text);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
