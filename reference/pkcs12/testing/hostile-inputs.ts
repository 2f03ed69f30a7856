/**
 * Tests and bench only: well-formed but hostile PKCS#12 files (issue 12), built at run time
 * with repeated units copied into one buffer (building 19 MB must not itself cost a gigabyte).
 * Each case says which failure code the reference must answer with.
 */
import { createCipheriv, createHmac, generateKeyPairSync, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Oid } from '../oids.js';
import { KdfPurpose, pkcs12Kdf, pkcs12PasswordForms } from '../pkcs12-kdf.js';
import { oid } from './pfx-builder.js';

export interface HostileInput {
  readonly bytes: Buffer;
  readonly password: string;
}

export interface HostileCase {
  readonly id: string;
  readonly description: string;
  /** The code decodePkcs12 must throw. */
  readonly code: string;
  build(): HostileInput;
}

const PASSWORD = 'hostile';

/** A TLV with a definite length of up to four length octets. */
export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const n = contents.reduce((sum, part) => sum + part.length, 0);
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff]
    : n < 0x1000000 ? [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff] : [0x84, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.of(tag, ...length), ...contents]);
}

/** `unit` n times in one allocation. */
function repeat(unit: Buffer, n: number): Buffer {
  const out = Buffer.allocUnsafe(unit.length * n);
  for (let i = 0; i < n; i++) unit.copy(out, i * unit.length);
  return out;
}

function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

const NULL = Buffer.of(0x05, 0x00);
const dataContentInfo = (content: Buffer) => tlv(0x30, oid(Oid.data), tlv(0xa0, tlv(0x04, content)));

/** A PFX around AuthenticatedSafe content octets (already encoded), with an optional MacData. */
function pfx(authSafeContent: Buffer, macData?: Buffer): Buffer {
  return tlv(0x30, integer(3), dataContentInfo(authSafeContent), ...(macData ? [macData] : []));
}

function macData(digestOid: string, iterations: number, macLength: number): Buffer {
  return tlv(0x30, tlv(0x30, tlv(0x30, oid(digestOid), NULL), tlv(0x04, randomBytes(macLength))), tlv(0x04, randomBytes(8)), integer(iterations));
}

/**
 * A PFX with a valid SHA-1 MAC (one iteration): what an attacker who picks the password writes,
 * and what Node's native loader insists on (it refuses MAC-less files at once).
 */
function pfxWithMac(authSafeContent: Buffer): Buffer {
  const salt = randomBytes(8);
  const key = pkcs12Kdf('sha1', pkcs12PasswordForms(PASSWORD)[0]!, salt, KdfPurpose.mac, 1, 20);
  const mac = createHmac('sha1', key).update(authSafeContent).digest();
  return pfx(authSafeContent, tlv(0x30, tlv(0x30, tlv(0x30, oid('1.3.14.3.2.26'), NULL), tlv(0x04, mac)), tlv(0x04, salt), integer(1)));
}

function pkcs8Key(): Buffer {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'der' });
}

/** PBES2 (PBKDF2 with the given HMAC, AES-256-CBC): the AlgorithmIdentifier and the ciphertext of `plain`. */
function pbes2(plain: Buffer, iterations: number, prf: { oid: string; digest: string }): { algorithm: Buffer; ciphertext: Buffer } {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(PASSWORD, salt, iterations, 32, prf.digest);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  const kdf = tlv(0x30, oid(Oid.pbkdf2), tlv(0x30, tlv(0x04, salt), integer(iterations), tlv(0x30, oid(prf.oid), NULL)));
  const algorithm = tlv(0x30, oid(Oid.pbes2), tlv(0x30, kdf, tlv(0x30, oid(Oid.aes256Cbc), tlv(0x04, iv))));
  return { algorithm, ciphertext };
}

const HMAC_SHA256 = { oid: '1.2.840.113549.2.9', digest: 'sha256' };
const HMAC_SHA1 = { oid: '1.2.840.113549.2.7', digest: 'sha1' };

const safeBag = (type: string, value: Buffer) => tlv(0x30, oid(type), tlv(0xa0, value));

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    id: 'empty-safe-contents-1m',
    description: '1,000,000 empty SafeContents, no MAC (19 MB)',
    code: 'PKCS12_LIMIT_EXCEEDED',
    build: () => ({ bytes: pfx(tlv(0x30, repeat(dataContentInfo(tlv(0x30)), 1_000_000))), password: PASSWORD }),
  },
  {
    id: 'key-bags-2k',
    description: '2,000 copies of one key bag, valid MAC',
    code: 'PKCS12_LIMIT_EXCEEDED',
    build: () => ({ bytes: pfxWithMac(tlv(0x30, dataContentInfo(tlv(0x30, repeat(safeBag(Oid.keyBag, pkcs8Key()), 2_000))))), password: PASSWORD }),
  },
  {
    id: 'key-bags-10k',
    description: '10,000 copies of one key bag, valid MAC',
    code: 'PKCS12_LIMIT_EXCEEDED',
    build: () => ({ bytes: pfxWithMac(tlv(0x30, dataContentInfo(tlv(0x30, repeat(safeBag(Oid.keyBag, pkcs8Key()), 10_000))))), password: PASSWORD }),
  },
  {
    id: 'empty-bags-100k',
    description: '100,000 secret bags, valid MAC',
    code: 'PKCS12_LIMIT_EXCEEDED',
    build: () => {
      const secret = safeBag(Oid.secretBag, tlv(0x30, oid(Oid.keyBag), tlv(0xa0, tlv(0x04)))); // SecretBag: type, [0] value
      return { bytes: pfxWithMac(tlv(0x30, dataContentInfo(tlv(0x30, repeat(secret, 100_000))))), password: PASSWORD };
    },
  },
  {
    id: 'mac-sha512-10m',
    description: 'MAC of 10,000,000 SHA-512 iterations',
    code: 'PKCS12_ITERATION_LIMIT',
    build: () => ({ bytes: pfx(tlv(0x30, dataContentInfo(tlv(0x30))), macData('2.16.840.1.101.3.4.2.3', 10_000_000, 64)), password: PASSWORD }),
  },
  {
    id: 'iterations-max-int',
    description: 'PBES2 key bag with 2^31-1 PBKDF2 iterations',
    code: 'PKCS12_ITERATION_LIMIT',
    build: () => {
      const kdf = tlv(0x30, oid(Oid.pbkdf2), tlv(0x30, tlv(0x04, randomBytes(8)), integer(2 ** 31 - 1)));
      const algorithm = tlv(0x30, oid(Oid.pbes2), tlv(0x30, kdf, tlv(0x30, oid(Oid.aes256Cbc), tlv(0x04, randomBytes(16)))));
      const bag = safeBag(Oid.pkcs8ShroudedKeyBag, tlv(0x30, algorithm, tlv(0x04, randomBytes(64))));
      return { bytes: pfx(tlv(0x30, dataContentInfo(tlv(0x30, bag)))), password: PASSWORD };
    },
  },
  {
    id: 'shrouded-keys-1m-x24',
    description: '24 shrouded keys, PBKDF2-SHA256 at 1,000,000 iterations each, valid MAC',
    code: 'PKCS12_LIMIT_EXCEEDED',
    build: () => {
      const { algorithm, ciphertext } = pbes2(pkcs8Key(), 1_000_000, HMAC_SHA256);
      const bag = safeBag(Oid.pkcs8ShroudedKeyBag, tlv(0x30, algorithm, tlv(0x04, ciphertext)));
      return { bytes: pfxWithMac(tlv(0x30, dataContentInfo(tlv(0x30, repeat(bag, 24))))), password: PASSWORD };
    },
  },
  {
    id: 'encrypted-safes-1m-x8',
    description: '8 encrypted SafeContents, PBKDF2-SHA1 at 1,000,000 iterations each, valid MAC',
    code: 'PKCS12_LIMIT_EXCEEDED',
    build: () => {
      const { algorithm, ciphertext } = pbes2(tlv(0x30), 1_000_000, HMAC_SHA1);
      const info = tlv(0x30, oid(Oid.data), algorithm, tlv(0x80, ciphertext));
      const encrypted = tlv(0x30, oid(Oid.encryptedData), tlv(0xa0, tlv(0x30, integer(0), info)));
      return { bytes: pfxWithMac(tlv(0x30, repeat(encrypted, 8))), password: PASSWORD };
    },
  },
  {
    id: 'ber-elements-200k',
    description: 'BER (indefinite lengths) AuthenticatedSafe of 200,000 empty SafeContents, valid MAC',
    code: 'PKCS12_LIMIT_EXCEEDED',
    build: () => {
      const unit = Buffer.concat([Buffer.of(0x30, 0x80), oid(Oid.data), Buffer.of(0xa0, 0x80, 0x04, 0x02, 0x30, 0x00, 0, 0, 0, 0)]);
      return { bytes: pfxWithMac(Buffer.concat([Buffer.of(0x30, 0x80), repeat(unit, 200_000), Buffer.of(0, 0)])), password: PASSWORD };
    },
  },
  {
    id: 'huge-length',
    description: 'a declared length of 2 GB in a 1 KB file',
    code: 'PKCS12_MALFORMED',
    build: () => ({ bytes: Buffer.concat([Buffer.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff), randomBytes(1024)]), password: PASSWORD }),
  },
  {
    id: 'deep-nesting',
    description: '100,000 nested safeContentsBags',
    code: 'PKCS12_MALFORMED',
    build: () => {
      // Innermost first: each level is SafeContents { SafeBag { safeContentsBag, [0] { level } } }.
      const open = Buffer.concat([Buffer.of(0x30, 0x84, 0, 0, 0, 0, 0x30, 0x84, 0, 0, 0, 0), oid(Oid.safeContentsBag), Buffer.of(0xa0, 0x84, 0, 0, 0, 0)]);
      const depth = 100_000;
      const out = Buffer.alloc(open.length * depth + 2);
      for (let level = 0; level < depth; level++) {
        const at = level * open.length;
        open.copy(out, at);
        const inner = out.length - at; // everything from here to the end
        out.writeUInt32BE(inner - 6, at + 2);
        out.writeUInt32BE(inner - 12, at + 8);
        out.writeUInt32BE(inner - open.length, at + open.length - 4);
      }
      out.set([0x30, 0x00], out.length - 2);
      return { bytes: pfx(tlv(0x30, dataContentInfo(out))), password: PASSWORD };
    },
  },
  {
    id: 'random-50mb',
    description: '50 MB of random bytes',
    code: 'PKCS12_MALFORMED',
    build: () => ({ bytes: randomBytes(50 * 1024 * 1024), password: PASSWORD }),
  },
];

export function hostileCase(id: string): HostileCase {
  const found = HOSTILE_CASES.find((c) => c.id === id);
  if (!found) throw new Error(`unknown hostile case ${id}`);
  return found;
}
