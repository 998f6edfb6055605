/* global Buffer */
// Copied from shared/tools/webpush/ (checked on Chromium 156), so CI needs nothing outside the repository.
// Test-side helpers for the server half (node:crypto only; http_ece used as a cross-check in exp4).
'use strict';
const crypto = require('node:crypto');
const b64u = (buf) => Buffer.from(buf).toString('base64url');
const unb64u = (s) => Buffer.from(s, 'base64url');

// A fake browser subscription whose private key the test holds.
function fakeSubscription(endpoint) {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return { subscription: { endpoint, expirationTime: null, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } }, ecdh, auth };
}

// RFC 8291 + RFC 8188 (aes128gcm, single record) decryption as a user agent does it.
function decryptAes128gcm(body, ecdh, auth) {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);           // application server's ephemeral public key
  const ciphertext = body.subarray(21 + idlen);
  const uaPublic = ecdh.getPublicKey();
  const shared = ecdh.computeSecret(asPublic);
  const hkdf = (salt, ikm, info, len) => Buffer.from(crypto.hkdfSync('sha256', ikm, salt, info, len));
  const ikm = hkdf(auth, shared, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]), 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const d = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  d.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([d.update(ciphertext.subarray(0, -16)), d.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;              // strip padding; last record delimiter is 0x02
  if (padded[end] !== 2) throw new Error(`bad delimiter ${padded[end]}`);
  return { plaintext: padded.subarray(0, end), rs, salt: b64u(salt), asPublic: b64u(asPublic) };
}

// Parse and verify `Authorization: vapid t=<jwt>, k=<p256 public key>` (RFC 8292).
function verifyVapid(authorization, expectedPublicKey) {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!m) throw new Error(`not a vapid header: ${authorization}`);
  const [, jwt, k] = m;
  const [h, p, s] = jwt.split('.');
  const header = JSON.parse(unb64u(h)); const claims = JSON.parse(unb64u(p));
  const pub = unb64u(k);
  const key = crypto.createPublicKey({ format: 'jwk', key: { kty: 'EC', crv: 'P-256', x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33, 65)) } });
  const signatureOk = crypto.verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, unb64u(s));
  return { header, claims, k, keyMatches: expectedPublicKey ? k === expectedPublicKey : undefined, signatureOk };
}

module.exports = { fakeSubscription, decryptAes128gcm, verifyVapid, b64u, unb64u };
