/* global Buffer */
// Copied from shared/tools/webpush/ (checked on Chromium 156), so CI needs nothing outside the repository.
// One change: deliver() writes to the connection that logged in last. Under load Chromium may log in
// twice (a second connection after the first login); the original wrote to the first, dead one.
// A fake GCM "MCS" delivery socket (TLS, protobuf framing) so a real, encrypted Web Push message can reach
// Chromium with no push service: Chromium decrypts it with the subscription's private key and fires `push`.
// Chromium connects to it via --gcm-mcs-endpoint=https://127.0.0.1:P (needs --ignore-certificate-errors).
// Framing: server -> version byte (41), then [tag][varint size][proto]... ; tags: 2 LoginRequest, 3 LoginResponse,
// 0 HeartbeatPing, 1 HeartbeatAck, 7 IqStanza, 8 DataMessageStanza.
'use strict';
const tls = require('node:tls');

const varint = (n) => { const b = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; b.push(x); } while (n); return Buffer.from(b); };
const field = (no, value) => { const v = Buffer.isBuffer(value) ? value : Buffer.from(String(value)); return Buffer.concat([varint((no << 3) | 2), varint(v.length), v]); };
const frame = (tag, proto) => Buffer.concat([Buffer.from([tag]), varint(proto.length), proto]);

// tls: { key, cert } PEM strings for 127.0.0.1 (a self-signed pair is enough; see README.md).
function createFakeMcs(tlsOptions) {
  const sockets = new Set(); const log = []; let loggedIn; let latest;
  const ready = new Promise((r) => { loggedIn = r; });
  const server = tls.createServer({ key: tlsOptions.key, cert: tlsOptions.cert }, (sock) => {
    sockets.add(sock); sock.on('close', () => sockets.delete(sock)); sock.on('error', () => {});
    let buf = Buffer.alloc(0); let gotVersion = false;
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!gotVersion && buf.length) { log.push({ clientVersion: buf[0] }); buf = buf.subarray(1); gotVersion = true; }
      while (buf.length >= 2) {
        const tag = buf[0]; let size = 0; let shift = 0; let i = 1;
        for (; i < buf.length; i++) { size |= (buf[i] & 0x7f) << shift; shift += 7; if (!(buf[i] & 0x80)) break; }
        if (i >= buf.length || buf.length < i + 1 + size) break;
        buf = buf.subarray(i + 1 + size);
        log.push({ tag, size });
        if (tag === 2) {                                   // LoginRequest -> version + LoginResponse{id="lab"}
          sock.write(Buffer.concat([Buffer.from([41]), frame(3, field(1, 'lab'))]));
          latest = sock;
          loggedIn(sock);
        } else if (tag === 0) {
          sock.write(frame(1, Buffer.alloc(0)));           // HeartbeatPing -> HeartbeatAck
        }
      }
    });
  });
  let n = 0;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port, log, ready,
    args: [`--gcm-mcs-endpoint=https://127.0.0.1:${server.address().port}`, '--ignore-certificate-errors'],
    // Deliver one aes128gcm Web Push body (exactly what the app server POSTed to the endpoint).
    async deliver({ appId, sender, body }) {
      await ready;
      const sock = latest;
      const appData = (k, v) => field(7, Buffer.concat([field(1, k), field(2, v)]));
      const stanza = Buffer.concat([
        field(2, `msg-${++n}`), field(3, sender), field(5, 'org.chromium.linux'),
        appData('subtype', appId), appData('content-encoding', 'aes128gcm'),
        field(9, `0:${Date.now()}${n}`), field(21, body),
      ]);
      sock.write(frame(8, stanza));
    },
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(r); }),
  })));
}
module.exports = { createFakeMcs };
