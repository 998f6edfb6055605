/**
 * Runs `fn` once on the next animation frame, or after `fallbackMs` when no
 * frame comes (a hidden tab gets none, yet its store must stay current for
 * desktop notifications). Returns a cancel function.
 */
export function nextFrame(fn: () => void, fallbackMs = 50): () => void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    fn();
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : undefined;
  const timer = setTimeout(run, frame === undefined ? 0 : fallbackMs);
  return () => {
    done = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
  };
}
