import type { Command, DecodedMessage } from '../wire/decode.js';
import { nextFrame, nextTask } from '../schedule.js';
import { LIVE, SILENT } from './collection.js';

/**
 * A publish of this many notifications or more was a burst: re-sorting, publishing
 * and re-rendering every frame would then cost more than reading what follows, so
 * the next flush waits BURST_GAP_MS, and the publish itself gets a task of its own.
 * One-at-a-time traffic (toasts) never reaches it and still lands on the next frame.
 */
const BURST_COMMANDS = 256;
const BURST_GAP_MS = 100;
/** Work a scheduled flush does before yielding to the page. */
const SLICE_MS = 8;
/** Commands staged between two looks at the clock. */
const STAGE_CHUNK = 64;
/** `add()` applies an array of up to this many at once, like any message. */
const ADD_AT_ONCE = 1000;
/** Of a larger array, this many are applied at once (enough to fill any screen)... */
const ADD_FIRST = 100;
/** ...and the rest in slices of this many, in the tasks that follow. */
const ADD_SLICE = 250;

export interface IngestOptions {
  /** Decodes one message (with the `parse` option), reporting what it rejected. */
  decode(data: unknown): DecodedMessage;
  /** Whether a `parse` option reads messages (then `add()` never slices an array itself). */
  parses: boolean;
  stage(command: Command, flags: number): void;
  /** How many commands are staged and not yet published. */
  staged(): number;
  /** Publishes what was staged; returns how many notifications it added. */
  publish(): number;
}

/**
 * The way in: messages are queued and applied once per animation frame (one
 * store update for a burst, never one render per message). A scheduled flush
 * works in slices of a few milliseconds and yields to the page between them,
 * so no task runs long while 100,000 arrive; `flush()` applies everything now.
 */
export function createIngest(options: IngestOptions) {
  // Commands waiting to be staged, one flat list for a whole burst (an object and an array
  // per message would be kept alive until staged: more for the young-generation GC to copy).
  let queue: Command[] = [];
  let queueFlags: number[] = [];
  /** The next queued command to stage: consumed from the front without copying the rest. */
  let queueHead = 0;
  /** Slices of a large `add()` not decoded yet. */
  const pendingAdds: unknown[] = [];
  let cancelFlush: (() => void) | undefined;
  let burstUntil = 0;
  let flushStartedAt = 0;
  /** A large publish waits for a task of its own: it re-renders every view, staging is enough for one task. */
  let publishDue = false;

  const more = (): boolean => queueHead < queue.length || pendingAdds.length > 0;

  function publish(): void {
    if (options.publish() >= BURST_COMMANDS) burstUntil = performance.now() + BURST_GAP_MS;
  }

  function queueCommands(commands: Command[], flags: number): void {
    for (const command of commands) {
      queue.push(command);
      queueFlags.push(flags);
    }
  }

  function decodeAdded(input: unknown): void {
    const decoded = options.decode(input);
    queueCommands(decoded.commands, (decoded.replay ? SILENT : 0) | LIVE);
  }

  /**
   * Drops the staged front of the queue once it is all of it, or most of a long one. Slicing
   * off what each slice staged copied the rest every time: add(100,000) queues 100,000
   * commands, so that was quadratic.
   */
  function compactQueue(): void {
    if (queueHead === queue.length) {
      queue = [];
      queueFlags = [];
      queueHead = 0;
    } else if (queueHead > 1024 && queueHead * 2 > queue.length) {
      queue = queue.slice(queueHead);
      queueFlags = queueFlags.slice(queueHead);
      queueHead = 0;
    }
  }

  /** Decodes what `add()` put aside, stages it and every queued command, and publishes: all of it, now. */
  function flush(): void {
    cancelFlush?.();
    cancelFlush = undefined;
    publishDue = false;
    while (pendingAdds.length) decodeAdded(pendingAdds.shift());
    for (; queueHead < queue.length; queueHead++) options.stage(queue[queueHead] as Command, queueFlags[queueHead] as number);
    compactQueue();
    publish();
  }

  // The scheduled flush works in slices: past SLICE_MS it goes on in the next task
  // (publishing at most once per burst gap), so no task runs long while 100,000 arrive.
  function flushSlice(): void {
    flushStartedAt = performance.now();
    continueFlush();
  }

  function continueFlush(): void {
    cancelFlush = undefined;
    if (publishDue) {
      publishDue = false;
      publish();
      if (more()) schedule();
      return;
    }
    const deadline = performance.now() + SLICE_MS;
    while (pendingAdds.length && performance.now() < deadline) decodeAdded(pendingAdds.shift());
    // The clock is read once per STAGE_CHUNK commands: performance.now() costs about a
    // microsecond, as much as staging one notification.
    while (queueHead < queue.length && performance.now() < deadline) {
      const end = Math.min(queue.length, queueHead + STAGE_CHUNK);
      for (; queueHead < end; queueHead++) options.stage(queue[queueHead] as Command, queueFlags[queueHead] as number);
    }
    compactQueue();
    if (!more() && options.staged() < BURST_COMMANDS) {
      publish();
      return;
    }
    // Staging outruns decoding, so a flush rarely runs this long; when it does, what is staged still shows.
    if (!more() || performance.now() - flushStartedAt >= BURST_GAP_MS) publishDue = true;
    cancelFlush = nextTask(continueFlush);
  }

  function schedule(): void {
    cancelFlush ??= nextFrame(flushSlice, undefined, burstUntil - performance.now());
  }

  /** `store.add()`: applied now; an array of thousands in slices, its first slice now. */
  function add(input: unknown): void {
    if (pendingAdds.length) {
      // An earlier large add() is still being applied: this one waits its turn.
      pendingAdds.push(input);
      return;
    }
    if (!options.parses && Array.isArray(input) && input.length > ADD_AT_ONCE) {
      // The first slice is applied now; the rest in later tasks (a copy: callers reuse arrays),
      // after the burst gap, so the frame that shows the first slice is not kept waiting.
      decodeAdded(input.slice(0, ADD_FIRST));
      flush();
      for (let i = ADD_FIRST; i < input.length; i += ADD_SLICE) pendingAdds.push(input.slice(i, i + ADD_SLICE));
      burstUntil = performance.now() + BURST_GAP_MS;
      schedule();
      return;
    }
    decodeAdded(input);
    flush();
  }

  /** Commands from a transport, applied on the next frame. */
  function enqueue(commands: Command[], flags: number): void {
    queueCommands(commands, flags);
    schedule();
  }

  /** Commands applied now (a history page). */
  function applyNow(commands: Command[], flags: number): void {
    queueCommands(commands, flags);
    flush();
  }

  return { flush, enqueue, applyNow, add };
}
