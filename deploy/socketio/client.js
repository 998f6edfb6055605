// The browser side of deploy/socketio: a notif-elements transport made with
// fromSubscribe() around socket.io-client. socket.io reconnects by itself;
// this adds the resume: every message carries its sequence number, the
// handshake sends the last number up to which everything arrived, and the
// server replays what came after it (or says it cannot: the store then
// reloads `history`).
//
//   import { createNotificationStore } from 'notif-elements/core';
//   import { socketioNotifications } from './socketio-notifications.js';
//   const store = createNotificationStore({
//     transport: socketioNotifications('https://push.example.com'),
//     history: (before) => fetch(`/api/notifications?before=${before ?? ''}`).then((r) => r.json()),
//   });

import { fromSubscribe, NotifError } from 'notif-elements/core';
import { io } from 'socket.io-client';

/**
 * @param {string} url  any node (or the load balancer in front of them)
 * @param {{ auth?: Record<string, unknown> | (() => Record<string, unknown>), lastEventId?: number } & Partial<import('socket.io-client').ManagerOptions & import('socket.io-client').SocketOptions>} [options]
 *   auth: sent in every handshake (e.g. `{ token }`); lastEventId: where a reload resumes
 *   (the number this returned as `meta.id` last time); the rest goes to `io()`.
 * @returns {import('notif-elements/core').Transport}
 */
export function socketioNotifications(url, { auth, lastEventId, ...socketOptions } = {}) {
  /** Every message up to this number has arrived (undefined: none yet, nor a cursor). */
  let last = lastEventId;
  /** Numbers above `last` that arrived out of order (a live one before its replay). */
  const ahead = new Set();
  const advance = () => {
    while (last !== undefined && ahead.delete(last + 1)) last++;
  };

  return fromSubscribe((emit, status) => {
    const socket = io(url, {
      withCredentials: true,
      ...socketOptions,
      // A function: read again for every (re)connection, so it sends the newest cursor.
      auth: (cb) => cb({ ...(typeof auth === 'function' ? auth() : auth), lastEventId: last }),
    });

    /** @param {{ seq: number, data: unknown }} message */
    const take = ({ seq, data }) => {
      if ((last !== undefined && seq <= last) || ahead.has(seq)) return; // had it (live and replayed)
      ahead.add(seq);
      advance();
      emit(data, { id: String(seq) });
    };

    /**
     * Live messages that arrive between a (re)connection and its replay: the server joins the
     * room before it reads the log, so a newer one can come first. Held, then taken after the
     * replay, so the store gets them in order.
     * @type {{ seq: number, data: unknown }[] | undefined}
     */
    let held;
    socket.on('connect', () => {
      held = [];
    });
    socket.on('notification', (/** @type {{ seq: number, data: unknown }} */ message) => {
      if (held) held.push(message);
      else take(message);
    });
    socket.on('replay', (/** @type {{ after: number, gap: boolean, items: { seq: number, data: unknown }[] }} */ replay) => {
      // More was missed than the server keeps: the store loads its history again.
      if (replay.gap) emit({ type: 'resync', reason: 'buffer-passed' });
      if (replay.gap || last === undefined) {
        last = replay.after;
        for (const seq of ahead) if (seq <= replay.after) ahead.delete(seq);
      }
      replay.items.forEach(take);
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach(take);
      advance();
    });

    socket.on('connect', () => status('open'));
    socket.io.on('reconnect_attempt', () => status('reconnecting'));
    socket.on('disconnect', (reason) => {
      // The server ended it on purpose: socket.io does not come back by itself.
      if (reason === 'io server disconnect') status('closed', { reason });
      else if (reason !== 'io client disconnect') status('reconnecting');
    });
    socket.on('connect_error', (error) => {
      if (!socket.active) {
        // Refused by the server's middleware (no session): socket.io does not retry it.
        const refused = new NotifError('auth', `socket.io refused the connection: ${error.message}`, { status: 401 });
        status('error', { error: refused });
        return;
      }
      status('reconnecting', { error: new NotifError('network', error.message, { cause: error }) });
    });
    status('connecting');

    return () => {
      socket.off();
      socket.io.off('reconnect_attempt');
      socket.disconnect();
    };
  });
}
