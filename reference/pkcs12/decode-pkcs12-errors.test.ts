// Every way decodePkcs12 refuses a file: typed Pkcs12Error subclasses with stable codes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createStandardFixtures, type Issued, type StandardFixtures } from '../testing/openssl-pki.js';
import { decodePkcs12, Pkcs12Error } from './index.js';
import { bag, der, encryptedData, oid, pfx, plainPfx } from './testing/pfx-builder.js';
import { Oid } from './oids.js';
import { assertKeyMatchesLeaf, subjectCn } from './testing/identity-checks.js';

const run = promisify(execFile);
const PASSWORD = 'correct horse';
let fx: StandardFixtures;
let defaultP12: Buffer;
let legacyP12: Buffer;

before(async () => {
  fx = await createStandardFixtures();
  [defaultP12, legacyP12] = await Promise.all([
    fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD }),
    fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, mode: 'legacy' }),
  ]);
});
after(async () => fx?.pki.dispose());

function failsWith(data: Uint8Array, password: string, code: string): Pkcs12Error {
  let caught: unknown;
  try {
    decodePkcs12(data, password);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Pkcs12Error, `expected a Pkcs12Error, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(!caught.message.includes(password) || password.length < 3, 'the message repeats the password');
  assert.ok(!caught.message.includes('PRIVATE KEY'));
  return caught;
}

const pkcs8 = (issued: Issued) => createPrivateKey(issued.keyPem).export({ type: 'pkcs8', format: 'der' });
const certDer = (issued: Issued) => new X509Certificate(issued.certPem).raw;

/** openssl reads the crafted file too, so the builder cannot be what makes a test pass. */
async function opensslAccepts(p12: Buffer): Promise<void> {
  const path = join(fx.pki.dir, `crafted-${randomBytes(4).toString('hex')}.p12`);
  await writeFile(path, p12, { mode: 0o600 });
  await run('openssl', ['pkcs12', '-in', path, '-passin', 'pass:', '-nomacver', '-noenc', '-out', `${path}.pem`]);
}

describe('passwords', () => {
  test('a wrong password is PKCS12_BAD_PASSWORD and never quoted', () => {
    for (const file of [defaultP12, legacyP12]) {
      failsWith(file, 'correct horsf', 'PKCS12_BAD_PASSWORD');
      failsWith(file, '', 'PKCS12_BAD_PASSWORD');
      failsWith(file, PASSWORD + ' ', 'PKCS12_BAD_PASSWORD');
    }
  });
});

describe('missing parts', () => {
  test('-nokeys: PKCS12_NO_PRIVATE_KEY; -nocerts: PKCS12_NO_CERTIFICATE', async () => {
    const [noKey, noCert] = await Promise.all([
      fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, omit: 'key' }),
      fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, omit: 'certificates' }),
    ]);
    failsWith(noKey, PASSWORD, 'PKCS12_NO_PRIVATE_KEY');
    failsWith(noCert, PASSWORD, 'PKCS12_NO_CERTIFICATE');
  });

  test('a key whose certificate is not in the file (others are): PKCS12_KEY_CERTIFICATE_MISMATCH', async () => {
    const p12 = plainPfx([bag.key(pkcs8(fx.clientRsaA)), bag.certificate(certDer(fx.clientEcB)), bag.key(pkcs8(fx.clientEcB))]);
    await opensslAccepts(p12);
    failsWith(p12, '', 'PKCS12_KEY_CERTIFICATE_MISMATCH');
    // Comparing an RSA key with an EC certificate must leave no stale OpenSSL error behind.
    assert.doesNotThrow(() => createPrivateKey(fx.clientRsaA.keyPem).export({ type: 'pkcs8', format: 'der' }));
  });
});

describe('key/certificate mismatch (bags of two real files spliced)', () => {
  const id = Buffer.from('0102030405060708090a0b0c0d0e0f1011121314', 'hex');
  test('paired by localKeyId with another key\'s certificate', async () => {
    const p12 = plainPfx([bag.key(pkcs8(fx.clientRsaA), { localKeyId: id }),
      bag.certificate(certDer(fx.clientRsaIntermediate), { localKeyId: id }), bag.certificate(certDer(fx.clientRsaA))]);
    await opensslAccepts(p12);
    failsWith(p12, '', 'PKCS12_KEY_CERTIFICATE_MISMATCH');
  });

  test('paired by friendlyName with another key\'s certificate', () => {
    const p12 = plainPfx([bag.certificate(certDer(fx.clientRsaA)), bag.certificate(certDer(fx.clientEcB), { friendlyName: 'me' }),
      bag.key(pkcs8(fx.clientRsaA), { friendlyName: 'me' })]);
    failsWith(p12, '', 'PKCS12_KEY_CERTIFICATE_MISMATCH');
  });

  test('the same bags correctly paired decode (the crafted files are otherwise sound)', async () => {
    const p12 = plainPfx(
      [bag.secret(randomBytes(16)), bag.certificate(certDer(fx.clientRsaA), { localKeyId: id })],
      [bag.nested(bag.crl(randomBytes(8)), bag.nested(bag.key(pkcs8(fx.clientEcB)), bag.certificate(certDer(fx.clientEcB))))],
      [bag.key(pkcs8(fx.clientRsaA), { localKeyId: id, friendlyName: 'rsa' })],
    );
    await opensslAccepts(p12);
    const contents = decodePkcs12(p12, '');
    assert.deepEqual(contents.identities.map((i) => subjectCn(i)), ['client-ec-b', 'client-rsa-a']);
    assert.deepEqual(contents.identities.map((i) => i.friendlyName), [undefined, 'rsa']);
    assert.equal(contents.certificates.length, 2);
    contents.identities.forEach(assertKeyMatchesLeaf);
  });
});

describe('not PKCS#12, damaged, unsupported', () => {
  test('PEM text, a DER certificate, a DER key, random bytes, empty input: PKCS12_MALFORMED', () => {
    failsWith(Buffer.from(fx.clientRsaA.certPem), PASSWORD, 'PKCS12_MALFORMED');
    failsWith(certDer(fx.clientRsaA), PASSWORD, 'PKCS12_MALFORMED');
    failsWith(pkcs8(fx.clientRsaA), PASSWORD, 'PKCS12_MALFORMED');
    failsWith(randomBytes(2048), PASSWORD, 'PKCS12_MALFORMED');
    failsWith(new Uint8Array(0), PASSWORD, 'PKCS12_MALFORMED');
    failsWith(Buffer.from(defaultP12.toString('base64')), PASSWORD, 'PKCS12_MALFORMED');
  });

  test('truncated at every offset: PKCS12_MALFORMED', () => {
    for (const file of [defaultP12, legacyP12]) {
      for (let length = 0; length < file.length; length++) failsWith(file.subarray(0, length), PASSWORD, 'PKCS12_MALFORMED');
    }
  });

  test('a single bit flipped anywhere in a MAC-protected file is refused with a Pkcs12Error', () => {
    const codes = new Set<string>();
    for (let offset = 0; offset < defaultP12.length; offset++) {
      const copy = Buffer.from(defaultP12);
      copy[offset]! ^= 1 << (offset % 8);
      assert.throws(() => decodePkcs12(copy, PASSWORD), (error: unknown) => {
        assert.ok(error instanceof Pkcs12Error, `offset ${offset}: ${String(error)}`);
        codes.add(error.code);
        return true;
      });
    }
    assert.ok(codes.has('PKCS12_BAD_PASSWORD') && codes.has('PKCS12_MALFORMED'), [...codes].join());
  });

  test('an unknown encryption OID: PKCS12_UNSUPPORTED_ALGORITHM with the OID', async () => {
    const p12 = await fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, noMac: true });
    const pbes2 = Buffer.from('06092a864886f70d01050d', 'hex');
    const at = p12.indexOf(pbes2);
    assert.ok(at > 0);
    p12[at + pbes2.length - 1] = 0x0e;
    const error = failsWith(p12, PASSWORD, 'PKCS12_UNSUPPORTED_ALGORITHM');
    assert.match(error.message, /1\.2\.840\.113549\.1\.5\.14/);
  });

  test('an iteration count beyond the bound: PKCS12_ITERATION_LIMIT, before any derivation', () => {
    const pbe = (count: Buffer) => der(0x30, oid(Oid.pbeSha13Des), der(0x30, der(0x04, randomBytes(8)), der(0x02, count)));
    const p12 = pfx(encryptedData(pbe(Buffer.from('7fffffff', 'hex')), randomBytes(64)));
    failsWith(p12, PASSWORD, 'PKCS12_ITERATION_LIMIT');
    // The same file with a small count gets as far as decryption: the bound is what stopped it.
    failsWith(pfx(encryptedData(pbe(Buffer.of(1)), randomBytes(64))), PASSWORD, 'PKCS12_BAD_PASSWORD');
  });
});
