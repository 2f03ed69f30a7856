import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { before, describe, test } from 'node:test';
import { CertificateBuilder, KeyUsage, randomSerial, subjectKeyIdentifier } from './certificate-builder.js';
import { formatRfc2253 } from './distinguished-name.js';
import { IncompleteCertificateError, InvalidHostNameError, PkiInputError } from './errors.js';
import { Oid } from './oids.js';
import { ipv6Bytes } from './subject-alt-name.js';

const generate = promisify(generateKeyPair);
const dn = (commonName: string) => ({ commonName, organization: 'builder-test' });
const year = 365 * 24 * 3_600_000;

describe('CertificateBuilder', () => {
  let ec: { privateKey: KeyObject; publicKey: KeyObject };
  let ec2: { privateKey: KeyObject; publicKey: KeyObject };
  let rsa: { privateKey: KeyObject; publicKey: KeyObject };
  before(async () => {
    [ec, ec2, rsa] = await Promise.all([
      generate('ec', { namedCurve: 'P-256' }),
      generate('ec', { namedCurve: 'P-256' }),
      generate('rsa', { modulusLength: 2048 }),
    ]);
  });

  test('EC CA signs an RSA leaf: node parses and verifies it, extensions as asked', () => {
    const now = new Date();
    const ca = new CertificateBuilder()
      .subject(dn('EC CA'))
      .publicKey(ec.publicKey)
      .validity(now, new Date(now.getTime() + year))
      .certificateAuthority()
      .sign({ selfSigned: ec.privateKey });
    const leaf = new CertificateBuilder()
      .subject(dn('leaf'))
      .publicKey(rsa.publicKey)
      .validity(now, new Date(now.getTime() + year))
      .keyUsage(KeyUsage.digitalSignature)
      .extendedKeyUsage(Oid.clientAuth, Oid.serverAuth)
      .subjectAltNames('example.test', '*.wild.test', '127.0.0.1', '2001:db8::1', '::ffff:10.1.2.3')
      .sign({ name: ca.subject, privateKey: ec.privateKey, subjectKeyId: ca.subjectKeyId });

    const caX509 = new X509Certificate(ca.pem);
    const x509 = new X509Certificate(leaf.der);
    assert.ok(caX509.ca);
    assert.ok(caX509.verify(ec.publicKey));
    assert.ok(x509.verify(caX509.publicKey));
    assert.ok(!x509.verify(ec2.publicKey), 'a different key must not verify');
    assert.ok(x509.checkIssued(caX509));
    assert.equal(x509.ca, false);
    assert.equal(x509.subject, 'O=builder-test\nCN=leaf');
    assert.equal(x509.issuer, 'O=builder-test\nCN=EC CA');
    assert.deepEqual(x509.keyUsage, [Oid.clientAuth, Oid.serverAuth]);
    assert.equal(
      x509.subjectAltName,
      'DNS:example.test, DNS:*.wild.test, IP Address:127.0.0.1, IP Address:2001:DB8:0:0:0:0:0:1, IP Address:0:0:0:0:0:FFFF:A01:203',
    );
    assert.equal(x509.serialNumber.toUpperCase(), leaf.serialHex);
    assert.equal(leaf.subjectKeyId.length, 20);
    assert.deepEqual(leaf.subjectKeyId, subjectKeyIdentifier(rsa.publicKey));
    assert.equal(formatRfc2253(leaf.subject), 'CN=leaf,O=builder-test');
  });

  test('validity: seconds precision, GeneralizedTime after 2049 parses', () => {
    const notBefore = new Date(Date.UTC(2030, 5, 1, 12, 0, 0));
    const notAfter = new Date(Date.UTC(2060, 5, 1, 12, 0, 0));
    const cert = new CertificateBuilder()
      .subject(dn('long'))
      .publicKey(ec.publicKey)
      .validity(notBefore, notAfter)
      .sign({ selfSigned: ec.privateKey });
    const x509 = new X509Certificate(cert.der);
    assert.equal(new Date(x509.validFrom).getTime(), notBefore.getTime());
    assert.equal(new Date(x509.validTo).getTime(), notAfter.getTime());
  });

  test('serials are positive, 16 octets, unique', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const serial = randomSerial();
      assert.equal(serial.length, 16);
      assert.ok(serial[0]! >= 1 && serial[0]! <= 0x7f);
      seen.add(serial.toString('hex'));
    }
    assert.equal(seen.size, 200);
  });

  test('typed errors for incomplete or invalid input', () => {
    const now = new Date();
    assert.throws(() => new CertificateBuilder().publicKey(ec.publicKey).sign({ selfSigned: ec.privateKey }), IncompleteCertificateError);
    assert.throws(() => new CertificateBuilder().validity(now, now), PkiInputError);
    assert.throws(
      () =>
        new CertificateBuilder()
          .subject(dn('x'))
          .publicKey(ec.publicKey)
          .validity(now, new Date(now.getTime() + year))
          .subjectAltNames('bad host')
          .sign({ selfSigned: ec.privateKey }),
      InvalidHostNameError,
    );
    assert.throws(() => formatRfc2253(dn('needs,escaping')), PkiInputError);
  });

  test('IPv6 text forms expand to 16 octets', () => {
    assert.equal(ipv6Bytes('::1').toString('hex'), '00000000000000000000000000000001');
    assert.equal(ipv6Bytes('fe80::').toString('hex'), 'fe800000000000000000000000000000');
    assert.equal(ipv6Bytes('1:2:3:4:5:6:7:8').toString('hex'), '00010002000300040005000600070008');
  });

  test('issuerNameSpelling: the issuer field as PrintableString or in upper case, the signature unchanged', () => {
    const now = new Date();
    const ca = new CertificateBuilder().subject(dn('Spelled CA')).publicKey(ec.publicKey)
      .validity(now, new Date(now.getTime() + year)).certificateAuthority().sign({ selfSigned: ec.privateKey });
    const signer = { name: ca.subject, privateKey: ec.privateKey, subjectKeyId: ca.subjectKeyId };
    const leafWith = (spelling: Parameters<CertificateBuilder['issuerNameSpelling']>[0]) => new CertificateBuilder()
      .subject(dn('leaf')).publicKey(rsa.publicKey).validity(now, new Date(now.getTime() + year))
      .issuerNameSpelling(spelling).sign(signer);
    const caDer = new X509Certificate(ca.pem);
    const printable = leafWith({ stringType: 'printable' });
    const upper = leafWith({ letterCase: 'upper' });
    const plain = leafWith({});
    // PrintableString tag 0x13 + length + the CA's common name.
    assert.ok(printable.der.includes(Buffer.concat([Buffer.from([0x13, 10]), Buffer.from('Spelled CA')])));
    assert.ok(!plain.der.includes(Buffer.concat([Buffer.from([0x13, 10]), Buffer.from('Spelled CA')])));
    assert.equal(formatRfc2253(upper.issuer), 'CN=SPELLED CA,O=BUILDER-TEST');
    assert.equal(new X509Certificate(upper.pem).issuer, 'O=BUILDER-TEST\nCN=SPELLED CA');
    for (const leaf of [printable, upper, plain]) assert.ok(new X509Certificate(leaf.pem).verify(caDer.publicKey));
    assert.throws(() => new CertificateBuilder().subject(dn('x')).publicKey(rsa.publicKey).validity(now, new Date(now.getTime() + year))
      .issuerNameSpelling({ stringType: 'printable' }).sign({ name: { commonName: 'a@b', organization: 'o' }, privateKey: ec.privateKey, subjectKeyId: ca.subjectKeyId }), PkiInputError);
  });
});
