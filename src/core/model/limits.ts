// What the library accepts from the network, per RELIABILITY S9 and R17: beyond these a
// notification or a frame is rejected as `too-large` (or its text cut), never kept whole.

/** Field caps: longer text is cut (with an ellipsis), a larger payload is rejected. */
export const LIMITS = {
  titleChars: 200,
  bodyChars: 2000,
  payloadBytes: 64 * 1024,
  idChars: 256,
  actions: 5,
  actionLabelChars: 80,
} as const;

/** Largest frame, event or body accepted from the network (1 MiB). */
export const MAX_FRAME_CHARS = 1024 * 1024;
