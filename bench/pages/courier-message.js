// One Courier inbox message, as its GraphQL endpoint and its socket deliver it. Imported by the
// pages (courier-mock.js) and by bench/run.mjs (the socket stand-in's frames), so no imports here.

/** A message with our notification's content: id, title, body (Courier's `preview`), time, read, payload. */
export function courierMessage({ id, title, preview, createdAt, read = false, data = null }) {
  const created = new Date(createdAt).toISOString();
  return {
    messageId: id,
    title,
    preview,
    created,
    read: read ? created : null,
    archived: null,
    opened: null,
    data,
    tags: null,
    trackingIds: { clickTrackingId: null },
    actions: [],
  };
}
