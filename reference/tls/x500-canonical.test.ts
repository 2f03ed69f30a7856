import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalName, sameX500Name } from './x500-canonical.js';

// Hand-made DER, so each encoding choice is explicit (short lengths only).
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag, body.length]), body]);
const CN = Buffer.from('0603550403', 'hex');
const O = Buffer.from('060355040a', 'hex');
const str = (tag: number, text: string) => tlv(tag, tag === 0x1e ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, 'utf8'));
const ava = (type: Buffer, value: Buffer) => tlv(0x30, Buffer.concat([type, value]));
const rdn = (...avas: Buffer[]) => tlv(0x31, Buffer.concat(avas));
const name = (...rdns: Buffer[]) => tlv(0x30, Buffer.concat(rdns));
const UTF8 = 0x0c;
const PRINTABLE = 0x13;
const IA5 = 0x16;
const BMP = 0x1e;
const caName = (tag: number, cn: string, o = 'voltmx-conformance') => name(rdn(ava(O, str(tag, o))), rdn(ava(CN, str(tag, cn))));

describe('X.500 names as X500Principal.equals compares them', () => {
  test('string type does not matter among directory strings', () => {
    const utf8 = caName(UTF8, 'Conformance Root CA A');
    assert.ok(sameX500Name(utf8, caName(PRINTABLE, 'Conformance Root CA A')));
    assert.ok(sameX500Name(utf8, caName(BMP, 'Conformance Root CA A')));
    assert.notDeepEqual(utf8, caName(PRINTABLE, 'Conformance Root CA A'));
  });

  test('letter case and runs of spaces do not matter', () => {
    const original = caName(PRINTABLE, 'Conformance Root CA A');
    assert.ok(sameX500Name(original, caName(UTF8, 'CONFORMANCE ROOT CA A', 'VOLTMX-CONFORMANCE')));
    assert.ok(sameX500Name(original, caName(UTF8, '  conformance   root ca a ')));
    assert.equal(canonicalName(original), '2.5.4.3=conformance root ca a,2.5.4.10=voltmx-conformance');
  });

  test('different values, attribute types, RDN order or non-directory strings differ', () => {
    const original = caName(UTF8, 'Conformance Root CA A');
    assert.ok(!sameX500Name(original, caName(UTF8, 'Conformance Root CA B')));
    assert.ok(!sameX500Name(original, caName(UTF8, 'ConformanceRoot CA A')));
    assert.ok(!sameX500Name(original, name(rdn(ava(CN, str(UTF8, 'Conformance Root CA A'))), rdn(ava(O, str(UTF8, 'voltmx-conformance'))))));
    assert.ok(!sameX500Name(original, name(rdn(ava(O, str(UTF8, 'voltmx-conformance'))), rdn(ava(O, str(UTF8, 'Conformance Root CA A'))))));
    // IA5String is not a DirectoryString: Android compares it by its DER (hex).
    assert.ok(!sameX500Name(caName(IA5, 'x'), caName(UTF8, 'x')));
    assert.ok(sameX500Name(caName(IA5, 'x'), caName(IA5, 'x')));
  });

  test('a multi-valued RDN matches whatever the order of its members', () => {
    const a = name(rdn(ava(O, str(UTF8, 'o')), ava(CN, str(UTF8, 'n'))));
    const b = name(rdn(ava(CN, str(PRINTABLE, 'N')), ava(O, str(UTF8, 'o'))));
    assert.ok(sameX500Name(a, b));
  });

  test('a malformed name equals only its own bytes', () => {
    const broken = Buffer.from('3005310330', 'hex');
    assert.ok(sameX500Name(broken, Buffer.from(broken)));
    assert.ok(!sameX500Name(broken, caName(UTF8, 'x')));
    assert.throws(() => canonicalName(broken), { code: 'DER_MALFORMED' });
  });
});
