// Plain HTTP plumbing the endpoints share: JSON answers, the control body,
// and answers written straight on a socket (for refused upgrades).

import { STATUS_CODES } from 'node:http';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:stream').Duplex} Duplex */

// test/scenarios/payload.test.ts (HUB_CONTROL_LIMIT) sizes its largest frames to fit
const MAX_CONTROL_BODY = 10 * 1024 * 1024;

/** @param {ServerResponse} res @param {number} status @param {unknown} value */
export function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** An empty body reads as `{}`. @param {IncomingMessage} req @returns {Promise<string>} */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8') || '{}'));
    req.on('error', reject);
  });
}

/**
 * An HTTP answer written straight on the socket, for refused upgrades.
 * @param {Duplex} socket @param {number} status
 * @param {Record<string, string>} headers @param {string} body
 */
export function writeRawHttp(socket, status, headers, body) {
  const all = { ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n${lines.join('')}\r\n${body}`);
}
