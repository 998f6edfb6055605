import type { ConnectionStatus, Transport, TransportSink } from '../core/model/types.js';

/** How good a status is, for the merged one: the best of the connections. */
const RANK: Record<ConnectionStatus, number> = { open: 6, connecting: 5, reconnecting: 4, offline: 3, error: 2, closed: 1, idle: 0 };

/**
 * One store fed by several transports at once, typically a live connection and
 * Web Push: `merge(sse('/events'), webPush({ … }))`. Each keeps its own resume
 * cursor (what one receives never moves another's); the store dedupes by id.
 * The status is the best of the connections' (Web Push is not one, so it only
 * counts when nothing else is merged).
 */
export function merge(...transports: Transport[]): Transport {
  const push = transports.find((transport) => transport.push)?.push;
  // A crossTab() inside keeps the store's tabs in step (reads shown in every tab), as it does alone.
  const tabs = transports.find((transport) => transport.tabs)?.tabs;
  const connections = transports.filter((transport) => !transport.push);
  return {
    ...(push && { push }),
    ...(tabs && { tabs }),
    connect(sink: TransportSink) {
      const counted = connections.length ? connections : transports;
      const statuses = new Map<Transport, ConnectionStatus>(counted.map((transport) => [transport, 'connecting']));
      const stops = transports.map((transport) => {
        let cursor = sink.cursor();
        return transport.connect({
          message(data, meta) {
            sink.message(data, meta);
            if (!meta?.cursorless) cursor = sink.cursor();
          },
          cursor: () => cursor,
          status(status, detail) {
            if (!statuses.has(transport)) return;
            statuses.set(transport, status);
            const best = [...statuses.values()].reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
            sink.status(best, status === best ? detail : undefined);
          },
          error: (error) => sink.error(error),
        });
      });
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}
