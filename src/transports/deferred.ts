import { NotifError } from '../core/model/errors.js';
import type { Transport } from '../core/model/types.js';

/**
 * A transport whose code is fetched on first `connect()`, so a page only pays
 * for the push source it uses. Messages sent before it has loaded keep their order.
 */
export function deferred(load: () => Promise<Transport>): Transport {
  let loading: Promise<Transport> | undefined;
  const loaded = (): Promise<Transport> => (loading ??= load());
  return {
    connect(sink) {
      let stopped = false;
      let stop: (() => void) | undefined;
      loaded().then(
        (transport) => {
          if (!stopped) stop = transport.connect(sink);
        },
        (cause: unknown) => {
          if (stopped) return;
          const error = new NotifError('network', 'the transport could not be loaded', { cause });
          sink.status('error', { error });
          sink.error(error);
        },
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
    send(message) {
      void loaded().then((transport) => transport.send?.(message));
    },
  };
}
