import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { CertificateBuilder } from './certificate-builder.js';
import { PkiInputError } from './errors.js';
import { Pkcs12Builder, type Pkcs12Protection } from './pkcs12-writer.js';
import { PrivateFolder } from './private-folder.js';
import { PASSIN, PASSWORD_VARIABLE, openssl, parsePkcs12Dump } from './testing/openssl.js';

const generate = promisify(generateKeyPair);

interface Identity {
  readonly key: KeyObject;
  readonly cert: Buffer;
}

async function selfSigned(type: 'rsa' | 'ec', commonName: string): Promise<Identity> {
  const pair = type === 'rsa' ? await generate('rsa', { modulusLength: 2048 }) : await generate('ec', { namedCurve: 'P-256' });
  const now = new Date();
  const cert = new CertificateBuilder()
    .subject({ commonName, organization: 'p12-test' })
    .publicKey(pair.publicKey)
    .validity(now, new Date(now.getTime() + 86_400_000))
    .sign({ selfSigned: pair.privateKey });
  return { key: pair.privateKey, cert: cert.der };
}

describe('Pkcs12Builder', () => {
  let folder: PrivateFolder;
  let rsa: Identity;
  let ec: Identity;
  before(async () => {
    [folder, rsa, ec] = await Promise.all([PrivateFolder.create('pki-p12-test-'), selfSigned('rsa', 'one'), selfSigned('ec', 'two')]);
  });
  after(async () => {
    await folder?.remove();
  });

  const write = async (name: string, protection: Pkcs12Protection, password: string, iterations?: number) => {
    const builder = new Pkcs12Builder().protection(protection, password).addIdentity(rsa.key, rsa.cert, 'one').addIdentity(ec.key, ec.cert, 'two');
    if (iterations) builder.iterations(iterations);
    return folder.write(`${name}.p12`, await builder.build());
  };

  test('a non-ASCII password works for PBES2 (UTF-8) and the MAC (BMPString)', async () => {
    const password = 'pässwörd-✓';
    const path = await write('unicode', 'modern', password);
    const dump = await openssl(['pkcs12', '-in', path, '-nodes', '-passin', PASSIN], password);
    assert.equal(dump.code, 0, dump.stderr);
    const blocks = parsePkcs12Dump(dump.stdout);
    assert.deepEqual(blocks.filter((b) => b.label === 'PRIVATE KEY').map((b) => b.friendlyName), ['one', 'two']);
    const key = createPrivateKey(blocks.find((b) => b.label === 'PRIVATE KEY' && b.friendlyName === 'two')!.pem);
    assert.deepEqual(key.export({ type: 'pkcs8', format: 'der' }), ec.key.export({ type: 'pkcs8', format: 'der' }));
    const wrong = await openssl(['pkcs12', '-info', '-noout', '-in', path, '-passin', PASSIN], 'passwörd');
    assert.notEqual(wrong.code, 0);
  });

  test('iteration count is written for encryption and MAC', async () => {
    const path = await write('iter', 'legacy', 'pw', 1000);
    const info = await openssl(['pkcs12', '-info', '-noout', '-in', path, '-passin', PASSIN], 'pw');
    assert.equal(info.code, 0, info.stderr);
    assert.match(info.stderr, /MAC: sha1, Iteration 1000/);
    assert.match(info.stderr, /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 1000/);
    assert.throws(() => new Pkcs12Builder().iterations(0), PkiInputError);
  });

  test('a bundle without identity is refused', async () => {
    await assert.rejects(new Pkcs12Builder().build(), PkiInputError);
  });

  // Unencrypted bundles are left out: Java's PKCS12 keystore ignores plain keyBags and shows
  // 0 entries, exactly as for an `openssl pkcs12 -export -keypbe NONE -certpbe NONE -nomac` file.
  test('Java keytool lists modern and legacy bundles with both aliases', async () => {
    const run = promisify(execFile);
    for (const [protection, password] of [
      ['modern', 'kt-password'],
      ['legacy', 'kt-password'],
    ] as const) {
      const path = await write(`keytool-${protection}`, protection, password);
      const { stdout } = await run(
        'keytool',
        ['-list', '-v', '-storetype', 'PKCS12', '-keystore', path, '-storepass:env', PASSWORD_VARIABLE],
        { env: { ...process.env, [PASSWORD_VARIABLE]: password } },
      );
      assert.match(stdout, /Your keystore contains 2 entries/, protection);
      assert.match(stdout, /Alias name: one[\s\S]*Entry type: PrivateKeyEntry/, protection);
      assert.match(stdout, /Alias name: two[\s\S]*Entry type: PrivateKeyEntry/, protection);
      assert.match(stdout, new RegExp(new X509Certificate(ec.cert).fingerprint256), protection);
    }
  });
});
