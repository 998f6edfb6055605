/**
 * Runs `fn` once on the next animation frame, or after `fallbackMs` when no
 * frame comes (a hidden tab gets none, yet its store must stay current for
 * desktop notifications). With `delayMs`, the frame awaited is the first one
 * after that delay. Returns a cancel function.
 */
export function nextFrame(fn: () => void, fallbackMs = 50, delayMs = 0): () => void {
  let done = false;
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    fn();
  };
  const wait = (): void => {
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(run);
    timer = setTimeout(run, frame === undefined ? 0 : fallbackMs);
  };
  if (delayMs > 0) timer = setTimeout(wait, delayMs);
  else wait();
  return () => {
    done = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
  };
}

/** Runs `fn` in a new macrotask, which hidden tabs do not throttle (unlike setTimeout). Returns a cancel function. */
export function nextTask(fn: () => void): () => void {
  let cancelled = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) fn();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

/** Resolves in a new macrotask (see `nextTask`). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => nextTask(resolve));
}
