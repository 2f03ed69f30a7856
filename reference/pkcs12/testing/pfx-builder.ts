/**
 * Tests only: a tiny DER encoder that assembles unencrypted, MAC-less PFX files from chosen
 * bags, to craft what no tool writes (a key paired with another key's certificate, nested
 * safeContentsBags, CRL and secret bags). openssl itself checks the results in the tests.
 */
import { Oid } from '../oids.js';

export function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const n = body.length;
  const length = n < 0x80 ? Buffer.of(n)
    : n < 0x100 ? Buffer.of(0x81, n)
      : n < 0x10000 ? Buffer.of(0x82, n >> 8, n & 0xff)
        : Buffer.of(0x83, n >> 16, (n >> 8) & 0xff, n & 0xff);
  return Buffer.concat([Buffer.of(tag), length, body]);
}

export function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [];
  for (const arc of [first! * 40 + second!, ...rest]) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

export interface Attributes {
  localKeyId?: Buffer;
  friendlyName?: string;
}

function attributes(attrs: Attributes | undefined): Buffer[] {
  if (!attrs || (attrs.localKeyId === undefined && attrs.friendlyName === undefined)) return [];
  const list: Buffer[] = [];
  if (attrs.friendlyName !== undefined) {
    const bmp = Buffer.alloc(attrs.friendlyName.length * 2);
    for (let i = 0; i < attrs.friendlyName.length; i++) bmp.writeUInt16BE(attrs.friendlyName.charCodeAt(i), i * 2);
    list.push(der(0x30, oid(Oid.friendlyName), der(0x31, der(0x1e, bmp))));
  }
  if (attrs.localKeyId) list.push(der(0x30, oid(Oid.localKeyId), der(0x31, der(0x04, attrs.localKeyId))));
  return [der(0x31, ...list)];
}

function safeBag(type: string, value: Buffer, attrs?: Attributes): Buffer {
  return der(0x30, oid(type), der(0xa0, value), ...attributes(attrs));
}

export const bag = {
  key: (pkcs8: Buffer, attrs?: Attributes) => safeBag(Oid.keyBag, pkcs8, attrs),
  /** An EncryptedPrivateKeyInfo (e.g. KeyObject.export with a cipher) as a pkcs8ShroudedKeyBag. */
  shroudedKey: (encryptedPkcs8: Buffer, attrs?: Attributes) => safeBag(Oid.pkcs8ShroudedKeyBag, encryptedPkcs8, attrs),
  certificate: (certDer: Buffer, attrs?: Attributes) =>
    safeBag(Oid.certBag, der(0x30, oid(Oid.x509Certificate), der(0xa0, der(0x04, certDer))), attrs),
  crl: (crlDer: Buffer) => safeBag(Oid.crlBag, der(0x30, oid('1.2.840.113549.1.9.23.1'), der(0xa0, der(0x04, crlDer)))),
  secret: (secret: Buffer) => safeBag(Oid.secretBag, der(0x30, oid('1.2.840.113549.1.12.10.1.1'), der(0xa0, der(0x04, secret)))),
  nested: (...bags: Buffer[]) => safeBag(Oid.safeContentsBag, der(0x30, ...bags)),
};

/** A PFX whose AuthenticatedSafe holds one plain data ContentInfo per group of bags. */
export function plainPfx(...groups: Buffer[][]): Buffer {
  return pfx(...groups.map((bags) => der(0x30, oid(Oid.data), der(0xa0, der(0x04, der(0x30, ...bags))))));
}

/** A MAC-less PFX around the given ContentInfos. */
export function pfx(...contentInfos: Buffer[]): Buffer {
  const authSafe = der(0x30, ...contentInfos);
  return der(0x30, der(0x02, Buffer.of(3)), der(0x30, oid(Oid.data), der(0xa0, der(0x04, authSafe))));
}

/** An encryptedData ContentInfo with any AlgorithmIdentifier (DER) and ciphertext. */
export function encryptedData(algorithm: Buffer, ciphertext: Buffer): Buffer {
  const info = der(0x30, oid(Oid.data), algorithm, der(0x80, ciphertext));
  return der(0x30, oid(Oid.encryptedData), der(0xa0, der(0x30, der(0x02, Buffer.of(0)), info)));
}
