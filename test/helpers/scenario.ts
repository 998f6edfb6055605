// Browser side of the fault-scenario harness: the TCP fault proxy, the time
// scale, and the figures each scenario reports for the README's table.
import { executeServerCommand } from '@web/test-runner-commands';
import { hubUrl, type HubQuery, type HubTransport } from './hub.js';

/**
 * Every duration the client waits is multiplied by this in the scenarios:
 * a 35 s liveness timeout runs in 350 ms. The real values stay in the code
 * (see `timeScale` in ConnectionOptions).
 */
export const TIME_SCALE = 0.01;

/** A real-world duration, as the scenarios run it. */
export const scaled = (ms: number): number => ms * TIME_SCALE;

export interface ProxyFaults {
  /** Each chunk, both ways, is held this long (order kept). */
  latencyMs?: number;
  /** Downstream bytes one per TCP write (1), or 1–7 at a time ('random'); 0 = off. */
  slice?: 0 | 1 | 'random';
  /** New connections are accepted and never forwarded (no HTTP answer, no 101). */
  stallNew?: boolean;
}

export interface ProxyStats {
  accepted: number;
  open: number;
  maxOpen: number;
  bytesDown: number;
}

export interface FaultProxy {
  readonly port: number;
  /** The hub endpoint of channel `c`, through this proxy. */
  url(c: string, transport: HubTransport, query?: HubQuery): string;
  set(faults: ProxyFaults): Promise<ProxyStats>;
  /** Open connections go silent both ways and stay open: no FIN, no RST. */
  blackhole(): Promise<number>;
  /** RST on every open connection. */
  reset(): Promise<number>;
  /** FIN on every open connection. */
  fin(): Promise<number>;
  /** Each open connection gets a RST once `bytes` more bytes went down to the browser. */
  resetAfter(bytes: number): Promise<number>;
  stats(): Promise<ProxyStats>;
  close(): Promise<void>;
}

type ProxyCommand = { op: string; id?: number; faults?: ProxyFaults; bytes?: number };

async function command<T>(payload: ProxyCommand): Promise<T> {
  const result = await executeServerCommand<T, ProxyCommand>('fault-proxy', payload);
  if (result === undefined) throw new Error(`fault-proxy ${payload.op}: no answer (is the hub plugin installed?)`);
  return result;
}

/** A TCP proxy on 127.0.0.1 in front of the test hub; close it in afterEach. */
export async function openProxy(faults: ProxyFaults = {}): Promise<FaultProxy> {
  const { id, port } = await command<{ id: number; port: number }>({ op: 'open' });
  const affected = async (op: string, extra: Partial<ProxyCommand> = {}) =>
    (await command<{ affected: number }>({ op, id, ...extra })).affected;
  const proxy: FaultProxy = {
    port,
    url(c, transport, query) {
      const url = new URL(hubUrl(c, transport, query));
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.href;
    },
    set: (next) => command<ProxyStats>({ op: 'set', id, faults: next }),
    blackhole: () => affected('blackhole'),
    reset: () => affected('reset'),
    fin: () => affected('fin'),
    resetAfter: (bytes) => affected('resetAfter', { bytes }),
    stats: () => command<ProxyStats>({ op: 'stats', id }),
    close: async () => {
      await command({ op: 'close', id });
    },
  };
  if (Object.keys(faults).length > 0) await proxy.set(faults);
  return proxy;
}

export interface ScenarioFigure {
  /** The row of RELIABILITY.md's fault table: F01…F47. */
  id: `F${number}`;
  /** S (SSE), W (WebSocket), P (poll), V (vendor adapter), or several. */
  transport: string;
  /** The row's expectation, as this test asserts it. */
  expect: string;
  /** What this run measured. */
  measured: string;
}

/**
 * Records a scenario's figure for the README's reliability table. Call it
 * after the assertions: a row that is missing is a scenario that failed.
 */
export async function recordFigure(figure: ScenarioFigure): Promise<void> {
  await executeServerCommand('scenario-figure', figure);
}
