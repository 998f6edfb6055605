/* global Buffer, URLSearchParams */
// Copied from shared/tools/webpush/ (checked on Chromium 156), so CI needs nothing outside the repository.
// A fake GCM/FCM *registration* backend so Chromium's real pushManager.subscribe() can succeed offline.
// Chromium is pointed at it with:
//   --gcm-checkin-url=http://127.0.0.1:P/checkin  --gcm-registration-url=http://127.0.0.1:P/register3
//   --gcm-mcs-endpoint=https://127.0.0.1:1         (MCS = the delivery socket; we never deliver through it)
// /checkin  answers a protobuf AndroidCheckinResponse {stats_ok=1, android_id=7:fixed64, security_token=8:fixed64}
// /register3 answers "token=<token>" (used both by legacy GCM registration and InstanceID GetToken).
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

function checkinResponse() {
  const fixed64 = (tag) => { const b = Buffer.alloc(9); b[0] = tag; crypto.randomFillSync(b, 1, 8); b[8] &= 0x7f; b[1] |= 1; return b; };
  return Buffer.concat([Buffer.from([0x08, 0x01]), fixed64(0x39), fixed64(0x41)]);
}

function createFakeGcm() {
  const log = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry = { at: Date.now(), method: req.method, url: req.url, headers: req.headers, bodyLength: body.length };
      if (req.url.startsWith('/checkin')) {
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(checkinResponse());
      } else if (req.url.startsWith('/register3')) {
        entry.form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
        const token = 'fake-' + crypto.randomBytes(12).toString('base64url');
        entry.token = token;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`token=${token}`);
      } else {
        res.writeHead(404).end();
      }
      log.push(entry);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    resolve({
      base, log,
      args: [`--gcm-checkin-url=${base}/checkin`, `--gcm-registration-url=${base}/register3`, '--gcm-mcs-endpoint=https://127.0.0.1:1'],
      close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
    });
  }));
}
module.exports = { createFakeGcm };
