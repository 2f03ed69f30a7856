import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from './create-test-pki.js';
import { InvalidHostNameError, UnknownBundleError } from './errors.js';
import { PASSIN, openssl, parsePkcs12Dump } from './testing/openssl.js';
import type { IdentityName } from './types.js';

const IDENTITIES: IdentityName[] = [
  'rsa-a',
  'ec-b',
  'rsa-intermediate',
  'expired',
  'not-yet-valid',
  'server-auth-only',
  'self-signed',
  'rsa-a-printable-issuer',
  'ec-b-uppercase-issuer',
];

const spki = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

describe('createTestPki', () => {
  let pki: CreatedTestPki;

  before(async () => {
    pki = await createTestPki({ extraHostNames: ['pki-test.example', '192.0.2.7'] });
    // Reported, not asserted: timing targets live in benchmarks.
    console.log(`createTestPki took ${Math.round(pki.generationMs)} ms`);
  });
  after(async () => {
    await pki?.dispose();
  });

  test('folder is 0700 and every file in it 0600', async () => {
    assert.equal((await stat(pki.dir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(pki.dir, 'p12'))).mode & 0o777, 0o700);
    const files = [
      pki.serverCa.path,
      pki.server.key.path,
      pki.server.certificate.path,
      ...[pki.serverEc, pki.untrustedServer].flatMap((c) => [c.key.path, c.certificate.path]),
      ...Object.values(pki.cas).map((ca) => ca.certificate.path),
      ...Object.values(pki.identities).flatMap((i) => [i.key.path, i.certificate.path, i.chain.path]),
      ...Object.values(pki.bundles).map((b) => b.path),
    ];
    for (const file of files) {
      assert.ok(file.startsWith(`${pki.dir}/`), file);
      assert.equal((await stat(file)).mode & 0o777, 0o600, file);
    }
  });

  test('bundles: one per identity per encoding plus the two-identity bundles', () => {
    const names = Object.keys(pki.bundles).sort();
    const expected = [
      ...IDENTITIES.flatMap((i) => ['modern', 'legacy', 'empty-password', 'unencrypted'].map((e) => `${i}.${e}`)),
      'rsa-a+ec-b.modern',
      'rsa-a+ec-b.legacy',
      'ec-b+rsa-a.modern',
      'ec-b+rsa-a.legacy',
      'rsa-a-printable-issuer+ec-b-uppercase-issuer.modern',
      'rsa-a-printable-issuer+ec-b-uppercase-issuer.legacy',
    ].sort();
    assert.deepEqual(names, expected);
    for (const bundle of Object.values(pki.bundles)) {
      assert.equal(bundle.fileName, `${bundle.name}.p12`);
      assert.equal(bundle.path, join(pki.dir, 'p12', bundle.fileName));
      const encrypted = bundle.encoding === 'modern' || bundle.encoding === 'legacy';
      assert.equal(bundle.password, encrypted ? pki.password : '');
    }
    assert.ok(pki.password.length >= 20);
    assert.equal(pki.bundle('rsa-a.modern'), pki.bundles['rsa-a.modern']);
    assert.throws(() => pki.bundle('nope.modern'), (e: unknown) => e instanceof UnknownBundleError && e.code === 'PKI_UNKNOWN_BUNDLE');
  });

  test('openssl pkcs12 -info reads every bundle with its password (3DES without -legacy)', async () => {
    for (const bundle of Object.values(pki.bundles)) {
      const info = await openssl(['pkcs12', '-info', '-noout', '-in', bundle.path, '-passin', PASSIN], bundle.password);
      assert.equal(info.code, 0, `${bundle.name}: ${info.stderr}`);
      const text = info.stderr + info.stdout;
      switch (bundle.encoding) {
        case 'modern':
        case 'empty-password':
          assert.match(text, /MAC: sha256, Iteration 2048/, bundle.name);
          assert.match(text, /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/, bundle.name);
          assert.match(text, /PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC/, bundle.name);
          break;
        case 'legacy':
          assert.match(text, /MAC: sha1, Iteration 2048/, bundle.name);
          assert.match(text, /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/, bundle.name);
          assert.match(text, /PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC/, bundle.name);
          break;
        case 'unencrypted':
          assert.doesNotMatch(text, /MAC: /, bundle.name);
          assert.match(text, /\nKey bag/, bundle.name);
          assert.doesNotMatch(text, /Encrypted|Shrouded/, bundle.name);
          break;
      }
    }
  });

  test('a wrong password fails the MAC check', async () => {
    for (const name of ['rsa-a.modern', 'rsa-a.legacy', 'rsa-a.empty-password']) {
      const result = await openssl(['pkcs12', '-info', '-noout', '-in', pki.bundle(name).path, '-passin', PASSIN], 'wrong');
      assert.notEqual(result.code, 0, name);
      assert.match(result.stderr, /Mac verify error/, name);
    }
  });

  test('each key in each bundle matches its certificate, in bundle order, with the chain', async () => {
    for (const bundle of Object.values(pki.bundles)) {
      const dump = await openssl(['pkcs12', '-in', bundle.path, '-nodes', '-passin', PASSIN], bundle.password);
      assert.equal(dump.code, 0, `${bundle.name}: ${dump.stderr}`);
      const blocks = parsePkcs12Dump(dump.stdout);
      const keys = blocks.filter((b) => b.label === 'PRIVATE KEY');
      const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
      assert.deepEqual(keys.map((k) => k.friendlyName), bundle.identities, bundle.name);
      for (const name of bundle.identities) {
        const identity = pki.identities[name];
        const keyBlock = keys.find((k) => k.friendlyName === name)!;
        const certBlock = certs.find((c) => c.friendlyName === name);
        assert.ok(certBlock, `${bundle.name}: certificate of ${name}`);
        const cert = new X509Certificate(certBlock.pem);
        assert.equal(cert.fingerprint.replaceAll(':', '').toLowerCase(), identity.fingerprint, bundle.name);
        assert.deepEqual(spki(createPublicKey(createPrivateKey(keyBlock.pem))), spki(cert.publicKey), bundle.name);
        assert.match(keyBlock.attributes, /localKeyID: [0-9A-F ]+/, bundle.name);
        assert.equal(/localKeyID: (.*)/.exec(keyBlock.attributes)?.[1], /localKeyID: (.*)/.exec(certBlock.attributes)?.[1]);
      }
      const chainExtras = bundle.identities.includes('rsa-intermediate') ? 1 : 0;
      assert.equal(certs.length, bundle.identities.length + chainExtras, bundle.name);
      if (chainExtras) {
        const extra = certs.find((c) => c.friendlyName === undefined)!;
        assert.equal(new X509Certificate(extra.pem).subject, new X509Certificate(pki.cas.intermediateA.certificate.pem).subject);
      }
    }
  });

  test('openssl verify: chains pass or fail as each identity intends', async () => {
    const verify = (ca: string, cert: string, ...extra: string[]) =>
      openssl(['verify', '-CAfile', ca, ...extra, cert]);
    const { identities: ids, cas } = pki;
    const ok = async (ca: string, cert: string, ...extra: string[]) => {
      const r = await verify(ca, cert, ...extra);
      assert.equal(r.code, 0, `${cert}: ${r.stdout}${r.stderr}`);
    };
    const fails = async (pattern: RegExp, ca: string, cert: string, ...extra: string[]) => {
      const r = await verify(ca, cert, ...extra);
      assert.notEqual(r.code, 0, cert);
      assert.match(r.stdout + r.stderr, pattern, cert);
    };
    await ok(cas.A.certificate.path, ids['rsa-a'].certificate.path, '-purpose', 'sslclient');
    // Issuer names spelled otherwise than the CA's subject: OpenSSL compares canonical names.
    await ok(cas.A.certificate.path, ids['rsa-a-printable-issuer'].certificate.path, '-purpose', 'sslclient');
    await ok(cas.B.certificate.path, ids['ec-b-uppercase-issuer'].certificate.path, '-purpose', 'sslclient');
    await ok(cas.B.certificate.path, ids['ec-b'].certificate.path, '-purpose', 'sslclient');
    await fails(/unable to get local issuer certificate/, cas.A.certificate.path, ids['ec-b'].certificate.path);
    await ok(cas.A.certificate.path, ids['rsa-intermediate'].certificate.path, '-untrusted', cas.intermediateA.certificate.path);
    await ok(cas.A.certificate.path, ids['rsa-intermediate'].chain.path, '-untrusted', ids['rsa-intermediate'].chain.path);
    await fails(/unable to get local issuer certificate/, cas.A.certificate.path, ids['rsa-intermediate'].certificate.path);
    await fails(/certificate has expired/, cas.A.certificate.path, ids.expired.certificate.path);
    await fails(/certificate is not yet valid/, cas.A.certificate.path, ids['not-yet-valid'].certificate.path);
    await ok(cas.A.certificate.path, ids['server-auth-only'].certificate.path);
    await fails(/unsuitable certificate purpose/, cas.A.certificate.path, ids['server-auth-only'].certificate.path, '-purpose', 'sslclient');
    await fails(/self-signed certificate/, cas.A.certificate.path, ids['self-signed'].certificate.path);
    await fails(/unable to get local issuer certificate/, cas.C.certificate.path, ids['rsa-a'].certificate.path);
    await ok(pki.serverCa.path, pki.server.certificate.path, '-purpose', 'sslserver');
    await ok(pki.serverCa.path, pki.serverEc.certificate.path, '-purpose', 'sslserver');
    await fails(/self-signed certificate/, pki.serverCa.path, pki.untrustedServer.certificate.path);
  });

  test('serverEc (EC, under serverCa) and untrustedServer (self-signed) carry the server\'s names', () => {
    const names = new X509Certificate(pki.server.certificate.pem).subjectAltName;
    const ec = new X509Certificate(pki.serverEc.certificate.pem);
    const untrusted = new X509Certificate(pki.untrustedServer.certificate.pem);
    assert.equal(ec.publicKey.asymmetricKeyType, 'ec');
    assert.equal(untrusted.publicKey.asymmetricKeyType, 'rsa');
    for (const [cert, key] of [[ec, pki.serverEc.key.pem], [untrusted, pki.untrustedServer.key.pem]] as const) {
      assert.equal(cert.subjectAltName, names);
      assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
      assert.deepEqual(spki(createPublicKey(key)), spki(cert.publicKey));
    }
    assert.ok(ec.verify(new X509Certificate(pki.serverCa.pem).publicKey));
    assert.ok(untrusted.verify(untrusted.publicKey));
    assert.equal(untrusted.verify(new X509Certificate(pki.serverCa.pem).publicKey), false);
  });

  test('subject, issuer and serial match what openssl prints in RFC 2253 form (as nginx does)', async () => {
    for (const name of IDENTITIES) {
      const identity = pki.identities[name];
      const r = await openssl(['x509', '-in', identity.certificate.path, '-noout', '-subject', '-issuer', '-serial', '-nameopt', 'RFC2253']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `subject=${identity.subject}\nissuer=${identity.issuer}\nserial=${identity.serial}\n`);
      assert.equal(identity.subject, `CN=${name},O=voltmx-conformance`);
      const cert = new X509Certificate(identity.certificate.pem);
      assert.equal(identity.serial, cert.serialNumber.toUpperCase());
      assert.match(identity.serial, /^[0-9A-F]+$/);
      assert.equal(identity.fingerprint, cert.fingerprint.replaceAll(':', '').toLowerCase());
      assert.equal(identity.keyType, cert.publicKey.asymmetricKeyType === 'ec' ? 'EC' : 'RSA');
      assert.deepEqual(spki(createPublicKey(identity.key.pem)), spki(cert.publicKey));
    }
    assert.equal(pki.identities['ec-b'].keyType, 'EC');
    assert.equal(pki.identities['rsa-intermediate'].issuer, pki.cas.intermediateA.subject);
    assert.equal(pki.identities['self-signed'].issuer, pki.identities['self-signed'].subject);
    assert.equal(pki.identities['rsa-a-printable-issuer'].issuer, pki.cas.A.subject);
    assert.equal(pki.identities['ec-b-uppercase-issuer'].issuer, pki.cas.B.subject.toUpperCase());
  });

  test('respelled issuers: the same X.500 name as the CA subject in other bytes', async () => {
    const asn1 = async (path: string, field: 'issuer' | 'subject') =>
      (await openssl(['x509', '-in', path, '-noout', `-${field}`, '-nameopt', 'multiline,show_type'])).stdout.replace(/^\w+=\s*/, '');
    const printable = await asn1(pki.identities['rsa-a-printable-issuer'].certificate.path, 'issuer');
    assert.match(printable, /commonName\s+= PRINTABLESTRING:Conformance Root CA A/);
    assert.match(await asn1(pki.cas.A.certificate.path, 'subject'), /commonName\s+= UTF8STRING:Conformance Root CA A/);
    assert.match(await asn1(pki.identities['ec-b-uppercase-issuer'].certificate.path, 'issuer'), /commonName\s+= UTF8STRING:CONFORMANCE ROOT CA B/);
    // What these identities share with the CA is the key identifier, not the name bytes.
    const leaf = new X509Certificate(pki.identities['ec-b-uppercase-issuer'].certificate.pem);
    assert.ok(leaf.verify(new X509Certificate(pki.cas.B.certificate.pem).publicKey));
    assert.notEqual(leaf.issuer, new X509Certificate(pki.cas.B.certificate.pem).subject);
  });

  test('server certificate: SANs, serverAuth, signed by serverCa; clients: extKeyUsage', () => {
    const server = new X509Certificate(pki.server.certificate.pem);
    assert.equal(
      server.subjectAltName,
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:10.0.2.2, DNS:pki-test.example, IP Address:192.0.2.7',
    );
    assert.deepEqual(server.keyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.ok(server.verify(new X509Certificate(pki.serverCa.pem).publicKey));
    assert.equal(server.checkHost('localhost'), 'localhost');
    assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(server.checkIP('::1'), '::1');
    for (const name of IDENTITIES) {
      const eku = new X509Certificate(pki.identities[name].certificate.pem).keyUsage;
      assert.deepEqual(eku, name === 'server-auth-only' ? ['1.3.6.1.5.5.7.3.1'] : ['1.3.6.1.5.5.7.3.2'], name);
    }
    for (const ca of Object.values(pki.cas)) assert.ok(new X509Certificate(ca.certificate.pem).ca, ca.name);
    const ecB = new X509Certificate(pki.identities['ec-b'].certificate.pem);
    assert.ok(ecB.verify(new X509Certificate(pki.cas.B.certificate.pem).publicKey));
  });

  test('real TLS handshakes on 127.0.0.1: server trusted via serverCa, clients from their bundles', async () => {
    const server = tls.createServer({
      key: pki.server.key.pem,
      cert: pki.server.certificate.pem,
      ca: [pki.cas.A.certificate.pem, pki.cas.B.certificate.pem],
      requestCert: true,
      rejectUnauthorized: true,
    });
    const seen: string[] = [];
    server.on('secureConnection', (socket) => {
      seen.push(socket.getPeerCertificate().subject.CN as string);
      socket.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const port = (server.address() as { port: number }).port;
      for (const name of ['rsa-a.modern', 'ec-b.legacy', 'rsa-a.empty-password', 'rsa-intermediate.modern', 'ec-b.unencrypted']) {
        const bundle = pki.bundle(name);
        const socket = tls.connect({
          host: '127.0.0.1',
          port,
          servername: 'localhost',
          ca: pki.serverCa.pem,
          pfx: await readFile(bundle.path),
          passphrase: bundle.password,
        });
        await once(socket, 'secureConnect');
        const [data] = await once(socket, 'data');
        assert.equal(String(data), 'ok');
        socket.destroy();
      }
      // rsa-intermediate passes with only root A trusted: its bundle carries the intermediate.
      assert.deepEqual(seen, ['rsa-a', 'ec-b', 'rsa-a', 'rsa-intermediate', 'ec-b']);
    } finally {
      server.close();
    }
  });

  // Last in this suite: it removes the shared fixture.
  test('dispose() removes the folder and is idempotent', async () => {
    await access(pki.dir);
    await pki.dispose();
    await assert.rejects(access(pki.dir), { code: 'ENOENT' });
    await pki.dispose();
  });
});

describe('createTestPki options', () => {
  test('password and dir options; keep: true leaves the folder on dispose()', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'pki-parent-'));
    try {
      const kept = await createTestPki({ password: 'given-password', dir: parent, keep: true });
      assert.ok(kept.dir.startsWith(`${parent}/`));
      assert.equal(kept.password, 'given-password');
      assert.equal(kept.bundle('ec-b.modern').password, 'given-password');
      const info = await openssl(['pkcs12', '-info', '-noout', '-in', kept.bundle('ec-b.legacy').path, '-passin', PASSIN], 'given-password');
      assert.equal(info.code, 0, info.stderr);
      await kept.dispose();
      await access(kept.dir);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  test('a process that exits without dispose() still removes the folder', async () => {
    const script = fileURLToPath(new URL('./testing/exit-without-dispose.ts', import.meta.url));
    const run = promisify(execFile);
    const removed = (await run(process.execPath, ['--import', 'tsx', script])).stdout.trim();
    try {
      assert.match(removed, /voltmx-pki-/);
      await assert.rejects(access(removed), { code: 'ENOENT' });
    } finally {
      if (removed.includes('voltmx-pki-')) await rm(removed, { recursive: true, force: true });
    }
  });

  test('a bad extra host name is refused before any folder is made', async () => {
    await assert.rejects(
      createTestPki({ extraHostNames: ['not a host!'] }),
      (e: unknown) => e instanceof InvalidHostNameError && e.code === 'PKI_INVALID_HOST_NAME',
    );
  });
});
