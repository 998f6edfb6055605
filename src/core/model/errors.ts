/** What went wrong, as a stable code apps can switch on. */
export type NotifErrorCode =
  | 'invalid-json'
  | 'invalid-notification'
  | 'invalid-command'
  | 'too-large'
  | 'http'
  | 'auth'
  | 'content-type'
  | 'network'
  | 'protocol'
  | 'invalid-url'
  | 'listener'
  | 'action'
  /** The server refused a read or archive (4xx): it was undone. */
  | 'action-failed'
  /** localStorage is full or disabled: the store goes on in memory. */
  | 'storage';

/**
 * An error the library reports instead of throwing into the page:
 * a rejected frame, a failed connection, a subscriber that threw.
 */
export class NotifError extends Error {
  readonly code: NotifErrorCode;
  /** The offending input (truncated to 1 KiB), when there is one. */
  readonly raw?: unknown;
  /** HTTP status or WebSocket close code, when the error came from one. */
  readonly status?: number;

  constructor(
    code: NotifErrorCode,
    message: string,
    options: { raw?: unknown; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NotifError';
    this.code = code;
    if (options.raw !== undefined) this.raw = truncateRaw(options.raw);
    if (options.status !== undefined) this.status = options.status;
  }
}

const RAW_LIMIT = 1024;

// Errors are kept and logged; a 10 MiB frame must not be kept alive by its report.
function truncateRaw(raw: unknown): unknown {
  return typeof raw === 'string' && raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw;
}
