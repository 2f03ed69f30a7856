// decodePkcs12 on files written by NSS pk12util (BER: indefinite lengths, constructed OCTET STRINGs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { children, parseDer } from '../asn1/der-reader.js';
import { createStandardFixtures, type Issued, type StandardFixtures } from '../testing/openssl-pki.js';
import { decodePkcs12, Pkcs12Error } from './index.js';
import { Oid } from './oids.js';
import { assertKeyMatchesLeaf } from './testing/identity-checks.js';
import { nssPkcs12 } from './testing/nss-pkcs12.js';
import { oid } from './testing/pfx-builder.js';

const PASSWORD = 'nss pass';
let fx: StandardFixtures;
// pk12util's default mode (AES, encrypted certificates) and -C NONE (plain certificates).
// Its 600,000 iterations make each decode cost about a second, so the legacy cipher modes are
// left to interop/nss.test.ts.
let files: Record<'ec' | 'plainCerts', Buffer>;
let opensslFile: Buffer;

before(async () => {
  fx = await createStandardFixtures();
  const [ec, plainCerts, openssl] = await Promise.all([
    nssPkcs12(fx.pki, fx.clientEcB, PASSWORD),
    nssPkcs12(fx.pki, fx.clientRsaA, PASSWORD, ['-C', 'NONE']),
    fx.pki.pkcs12({ identity: fx.clientEcB, password: PASSWORD, iterations: 1 }),
  ]);
  files = { ec: ec!, plainCerts: plainCerts! };
  opensslFile = openssl!;
});
after(async () => fx?.pki.dispose());

function codeOf(data: Uint8Array, password: string): string {
  try {
    decodePkcs12(data, password);
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof Pkcs12Error, String(error));
    return error.code;
  }
}

const fingerprint = (issued: Issued): string => new X509Certificate(issued.certPem).fingerprint256;

test('pk12util files decode to the identity that was exported', () => {
  for (const [name, file, issued] of [
    ['ec', files.ec, fx.clientEcB], ['plainCerts', files.plainCerts, fx.clientRsaA],
  ] as const) {
    // The point of the test: these are BER (an indefinite-length PFX), not DER.
    assert.equal(file[1], 0x80, `${name}: pk12util wrote a definite-length PFX`);
    const contents = decodePkcs12(file, PASSWORD);
    assert.equal(contents.identities.length, 1, name);
    const [identity] = contents.identities;
    assert.equal(identity!.chain[0]!.fingerprint256, fingerprint(issued), name);
    assert.equal(identity!.friendlyName, issued.name, name);
    assertKeyMatchesLeaf(identity!);
  }
});

test('a wrong password is PKCS12_BAD_PASSWORD, every truncation PKCS12_MALFORMED', () => {
  assert.equal(codeOf(files.ec, 'not the password'), 'PKCS12_BAD_PASSWORD');
  for (let length = 0; length < files.ec.length; length += 3) {
    assert.equal(codeOf(files.ec.subarray(0, length), PASSWORD), 'PKCS12_MALFORMED', `prefix of ${length} bytes`);
  }
});

/** The openssl file re-wrapped as BER, its authSafe content split over several OCTET STRINGs. */
function chunkedBer(p12: Buffer, chunkSize: number, tamper = false): Buffer {
  const [version, authSafe, macData] = children(parseDer(p12));
  const content = Buffer.from(children(children(authSafe!)[1]!)[0]!.value);
  if (tamper) content[content.length >> 1] ^= 1;
  const parts: Buffer[] = [];
  for (let i = 0; i < content.length; i += chunkSize) {
    const chunk = content.subarray(i, i + chunkSize);
    parts.push(Buffer.of(0x04, 0x81, chunk.length), chunk);
  }
  const eoc = Buffer.alloc(2);
  return Buffer.concat([
    Buffer.of(0x30, 0x80), version!.raw,
    Buffer.of(0x30, 0x80), oid(Oid.data), Buffer.of(0xa0, 0x80, 0x24, 0x80), ...parts, eoc, eoc, eoc,
    macData!.raw, eoc,
  ]);
}

test('the MAC covers the authSafe content octets, concatenated across a constructed OCTET STRING', () => {
  const ber = chunkedBer(opensslFile, 100);
  assert.ok(ber.length > opensslFile.length);
  const contents = decodePkcs12(ber, PASSWORD);
  assert.equal(contents.identities[0]!.chain[0]!.fingerprint256, fingerprint(fx.clientEcB));
  assert.equal(codeOf(chunkedBer(opensslFile, 100, true), PASSWORD), 'PKCS12_BAD_PASSWORD');
});

test('hostile BER: deep nesting and a missing end-of-contents are PKCS12_MALFORMED, promptly', () => {
  const deep = Buffer.concat([Buffer.alloc(200_000).fill(Buffer.of(0x30, 0x80)), Buffer.alloc(200_000)]);
  assert.equal(codeOf(deep, PASSWORD), 'PKCS12_MALFORMED');
  assert.equal(codeOf(chunkedBer(opensslFile, 100).subarray(0, -2), PASSWORD), 'PKCS12_MALFORMED');
});
