import type { ReactiveController, ReactiveControllerHost } from 'lit';

// One timer for every element that shows relative times, not one per item or element.
const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  for (const host of hosts) host.requestUpdate();
}

/** Re-renders its host once a minute, through a single timer shared by all hosts. */
export class ClockController implements ReactiveController {
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The time to render relative times against. */
  get now(): number {
    return Date.now();
  }

  hostConnected(): void {
    hosts.add(this.#host);
    timer ??= setInterval(tick, 60_000);
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
    if (!hosts.size && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}
