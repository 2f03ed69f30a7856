import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bmpString,
  boolean,
  explicit,
  generalizedTime,
  implicitPrimitive,
  integer,
  namedBits,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  setOf,
  toPem,
  utcTime,
  utf8String,
  x509Time,
} from './der-writer.js';
import { PkiInputError } from './errors.js';

const hex = (b: Buffer) => b.toString('hex');

describe('der-writer', () => {
  test('INTEGER: minimal octets, a zero octet before a set high bit', () => {
    assert.equal(hex(integer(0)), '020100');
    assert.equal(hex(integer(127)), '02017f');
    assert.equal(hex(integer(128)), '02020080');
    assert.equal(hex(integer(2048)), '02020800');
    assert.equal(hex(integer(65537n)), '0203010001');
    assert.equal(hex(integer(Buffer.from('0000ff', 'hex'))), '020200ff');
    assert.equal(hex(integer(Buffer.from('7f01', 'hex'))), '02027f01');
    assert.throws(() => integer(-1), PkiInputError);
  });

  test('lengths: short form below 128, long form above', () => {
    assert.equal(hex(octetString(Buffer.alloc(127))).slice(0, 4), '047f');
    assert.equal(hex(octetString(Buffer.alloc(128))).slice(0, 6), '048180');
    assert.equal(hex(octetString(Buffer.alloc(300))).slice(0, 8), '0482012c');
    assert.equal(octetString(Buffer.alloc(70000)).subarray(0, 5).toString('hex'), '0483011170');
  });

  test('OBJECT IDENTIFIER: first two arcs joined, base-128 arcs', () => {
    assert.equal(hex(objectIdentifier('1.2.840.113549.1.1.11')), '06092a864886f70d01010b');
    assert.equal(hex(objectIdentifier('2.5.29.17')), '0603551d11');
    assert.equal(hex(objectIdentifier('2.16.840.1.101.3.4.1.42')), '060960864801650304012a');
    assert.throws(() => objectIdentifier('1'), PkiInputError);
    assert.throws(() => objectIdentifier('1.x.3'), PkiInputError);
  });

  test('named BIT STRING drops trailing zero bits (keyUsage)', () => {
    assert.equal(hex(namedBits([0])), '03020780'); // digitalSignature
    assert.equal(hex(namedBits([0, 2])), '030205a0'); // + keyEncipherment
    assert.equal(hex(namedBits([5, 6])), '03020106'); // keyCertSign, cRLSign
    assert.equal(hex(namedBits([8])), '0303070080'); // decipherOnly spills into a second octet
  });

  test('times: UTCTime before 2050, GeneralizedTime from 2050', () => {
    const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    assert.equal(utcTime(d).subarray(2).toString(), '260102030405Z');
    assert.equal(generalizedTime(d).subarray(2).toString(), '20260102030405Z');
    assert.equal(x509Time(d)[0], 0x17);
    assert.equal(x509Time(new Date(Date.UTC(2050, 0, 1)))[0], 0x18);
    assert.equal(x509Time(new Date(Date.UTC(2049, 11, 31, 23, 59, 59)))[0], 0x17);
  });

  test('strings, null, boolean, context tags', () => {
    assert.equal(hex(utf8String('é')), '0c02c3a9');
    assert.equal(hex(bmpString('ab')), '1e0400610062');
    assert.equal(hex(nullValue()), '0500');
    assert.equal(hex(boolean(true)), '0101ff');
    assert.equal(hex(explicit(0, integer(2))), 'a003020102');
    assert.equal(hex(implicitPrimitive(7, Buffer.from([127, 0, 0, 1]))), '87047f000001');
  });

  test('SET OF sorts its members; SEQUENCE keeps order', () => {
    assert.equal(hex(setOf(integer(2), integer(1))), '3106020101020102');
    assert.equal(hex(sequence(integer(2), integer(1))), '3006020102020101');
  });

  test('PEM: 64-character lines', () => {
    const pem = toPem('CERTIFICATE', Buffer.alloc(100, 1));
    const lines = pem.trim().split('\n');
    assert.equal(lines[0], '-----BEGIN CERTIFICATE-----');
    assert.equal(lines.at(-1), '-----END CERTIFICATE-----');
    assert.equal(lines[1]!.length, 64);
    assert.deepEqual(Buffer.from(lines.slice(1, -1).join(''), 'base64'), Buffer.alloc(100, 1));
  });
});
