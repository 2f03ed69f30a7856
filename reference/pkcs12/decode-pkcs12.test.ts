// decodePkcs12 on files written by openssl 3.0, one per export variant.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac, createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createStandardFixtures, type Issued, type Pkcs12Mode, type StandardFixtures } from '../testing/openssl-pki.js';
import { children, parseDer } from '../asn1/der-reader.js';
import { decodePkcs12 } from './index.js';
import { der, oid } from './testing/pfx-builder.js';
import { assertKeyMatchesLeaf, subjectCn } from './testing/identity-checks.js';

const run = promisify(execFile);
const PASSWORD = 'pässwörd-✓ 1';
let fx: StandardFixtures;
let clientP384: Issued;
let clientP521: Issued;

before(async () => {
  fx = await createStandardFixtures();
  [clientP384, clientP521] = await Promise.all([
    fx.pki.issue({ name: 'client-ec-p384', issuer: fx.caB, usage: 'client', keyType: 'ec-p384' }),
    fx.pki.issue({ name: 'client-ec-p521', issuer: fx.caB, usage: 'client', keyType: 'ec-p521' }),
  ]);
});
after(async () => fx?.pki.dispose());

function sameKey(decoded: import('node:crypto').KeyObject, issued: Issued): boolean {
  const expected = createPrivateKey(issued.keyPem).export({ type: 'pkcs8', format: 'der' });
  return decoded.export({ type: 'pkcs8', format: 'der' }).equals(expected);
}

describe('openssl pkcs12 -export variants', () => {
  const modes: Pkcs12Mode[] = ['default', 'legacy', 'des3', 'aes128', 'sha512mac', 'noenc-nomac'];
  for (const mode of modes) {
    test(`${mode}: one RSA identity with its key and leaf`, async () => {
      const p12 = await fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, mode });
      const contents = decodePkcs12(p12, PASSWORD);
      assert.equal(contents.identities.length, 1);
      const [identity] = contents.identities;
      assert.equal(identity!.keyType, 'RSA');
      assert.equal(subjectCn(identity!), 'client-rsa-a');
      assert.equal(identity!.chain.length, 1);
      assert.equal(contents.certificates.length, 1);
      assert.equal(contents.certificates[0], identity!.chain[0]);
      assert.ok(identity!.chain[0]!.raw.equals(new X509Certificate(fx.clientRsaA.certPem).raw));
      assert.ok(sameKey(identity!.privateKey, fx.clientRsaA));
      assertKeyMatchesLeaf(identity!);
    });
  }

  test('-nomac with encryption decodes; with a wrong password it is PKCS12_BAD_PASSWORD', async () => {
    for (const mode of ['default', 'legacy', 'des3'] as const) {
      const p12 = await fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, mode, noMac: true });
      assert.equal(decodePkcs12(p12, PASSWORD).identities.length, 1, mode);
      assert.throws(() => decodePkcs12(p12, 'not the password'), { code: 'PKCS12_BAD_PASSWORD' }, mode);
    }
  });

  test('empty password, default and legacy', async () => {
    for (const mode of ['default', 'legacy'] as const) {
      const p12 = await fx.pki.pkcs12({ identity: fx.clientEcB, password: '', mode });
      const [identity] = decodePkcs12(p12, '').identities;
      assert.equal(subjectCn(identity!), 'client-ec-b', mode);
      assertKeyMatchesLeaf(identity!);
      assert.throws(() => decodePkcs12(p12, ' '), { code: 'PKCS12_BAD_PASSWORD' }, mode);
    }
  });

  test('empty password MACed with the zero-length password form (OpenSSL tries both) decodes', async () => {
    const plain = await fx.pki.pkcs12({ identity: fx.clientEcB, password: '', mode: 'noenc-nomac' });
    const [version, authSafe] = children(parseDer(plain));
    const content = children(children(authSafe!)[1]!)[0]!.value;
    const salt = randomBytes(8);
    // The MAC key comes from OpenSSL's own PKCS12KDF with a zero-length password.
    const { stdout } = await run('openssl', ['kdf', '-keylen', '32', '-kdfopt', 'digest:SHA256', '-kdfopt', 'hexpass:',
      '-kdfopt', `hexsalt:${salt.toString('hex')}`, '-kdfopt', 'iter:2048', '-kdfopt', 'id:3', 'PKCS12KDF']);
    const mac = createHmac('sha256', Buffer.from(stdout.trim().replace(/:/g, ''), 'hex')).update(content).digest();
    const macData = der(0x30, der(0x30, der(0x30, oid('2.16.840.1.101.3.4.2.1'), der(0x05)), der(0x04, mac)),
      der(0x04, salt), der(0x02, Buffer.of(0x08, 0x00)));
    const p12 = der(0x30, version!.raw, authSafe!.raw, macData);
    const path = join(fx.pki.dir, 'empty-form.p12');
    await writeFile(path, p12, { mode: 0o600 });
    await run('openssl', ['pkcs12', '-in', path, '-passin', 'pass:', '-noenc', '-out', `${path}.pem`]); // openssl agrees
    const [identity] = decodePkcs12(p12, '').identities;
    assert.equal(subjectCn(identity!), 'client-ec-b');
    assert.throws(() => decodePkcs12(p12, 'x'), { code: 'PKCS12_BAD_PASSWORD' });
  });

  test('friendlyName (-name) is decoded from its BMPString', async () => {
    const p12 = await fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, friendlyName: 'Mon certificat ✓' });
    assert.equal(decodePkcs12(p12, PASSWORD).identities[0]!.friendlyName, 'Mon certificat ✓');
  });
});

describe('key types', () => {
  test('EC P-256, P-384 and P-521 keys are EC identities', async () => {
    const cases: Array<[Issued, string, string]> = [
      [fx.clientEcB, 'client-ec-b', 'prime256v1'], [clientP384, 'client-ec-p384', 'secp384r1'], [clientP521, 'client-ec-p521', 'secp521r1'],
    ];
    for (const [issued, cn, curve] of cases) {
      const [identity] = decodePkcs12(await fx.pki.pkcs12({ identity: issued, password: PASSWORD }), PASSWORD).identities;
      assert.equal(identity!.keyType, 'EC');
      assert.equal(identity!.privateKey.asymmetricKeyDetails?.namedCurve, curve);
      assert.equal(subjectCn(identity!), cn);
      assert.ok(sameKey(identity!.privateKey, issued));
      assertKeyMatchesLeaf(identity!);
    }
  });

  test('RSA-PSS keys and other EC curves are PKCS12_UNSUPPORTED_ALGORITHM naming the OID', async () => {
    const dir = fx.pki.dir;
    const make = async (name: string, genpkey: string[]) => {
      const key = join(dir, `${name}.key`), cert = join(dir, `${name}.crt`), p12 = join(dir, `${name}.p12`);
      await run('openssl', ['genpkey', ...genpkey, '-out', key]);
      await run('openssl', ['req', '-x509', '-new', '-key', key, '-subj', `/CN=${name}`, '-days', '2', '-out', cert]);
      await run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'pass:pw']);
      return readFile(p12);
    };
    const [pss, k1] = await Promise.all([
      make('rsa-pss', ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048']),
      make('secp256k1', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1']),
    ]);
    assert.throws(() => decodePkcs12(pss, 'pw'), { code: 'PKCS12_UNSUPPORTED_ALGORITHM', message: /1\.2\.840\.113549\.1\.1\.10/ });
    assert.throws(() => decodePkcs12(k1, 'pw'), { code: 'PKCS12_UNSUPPORTED_ALGORITHM', message: /1\.3\.132\.0\.10/ });
  });
});

describe('chains', () => {
  test('-certfile intermediates: leaf then intermediate', async () => {
    const p12 = await fx.pki.pkcs12({ identity: fx.clientRsaIntermediate, password: PASSWORD, withChain: true });
    const contents = decodePkcs12(p12, PASSWORD);
    assert.equal(contents.identities.length, 1);
    const [identity] = contents.identities;
    assert.deepEqual(identity!.chain.map((_, i) => subjectCn(identity!, i)), ['client-rsa-intermediate', 'intermediate-a']);
    assert.equal(contents.certificates.length, 2);
    assertKeyMatchesLeaf(identity!);
    assert.ok(identity!.chain[0]!.verify(identity!.chain[1]!.publicKey));
  });

  test('root included and an unrelated CA: chain stops at the self-signed root, skips the stranger', async () => {
    const chainFile = join(fx.pki.dir, 'full-chain.pem');
    await writeFile(chainFile, fx.caB.certPem + fx.caA.certPem + fx.intermediateA.certPem, { mode: 0o600 });
    const out = join(fx.pki.dir, 'full-chain.p12');
    await run('openssl', ['pkcs12', '-export', '-inkey', fx.clientRsaIntermediate.keyPath, '-in', fx.clientRsaIntermediate.certPath,
      '-certfile', chainFile, '-out', out, '-passout', 'pass:pw']);
    const contents = decodePkcs12(await readFile(out), 'pw');
    const [identity] = contents.identities;
    assert.deepEqual(identity!.chain.map((_, i) => subjectCn(identity!, i)), ['client-rsa-intermediate', 'intermediate-a', 'ca-a']);
    assert.equal(contents.certificates.length, 4);
    assert.equal(identity!.chainPem.match(/BEGIN CERTIFICATE/g)?.length, 3);
  });
});
