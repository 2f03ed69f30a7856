import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesOfByteInput, bytesOfRawBytes, isReferenceRawBytes, rawBytesOf } from './raw-bytes.js';
import { convertToBase64, convertToRawBytes } from './convert.js';

const p12Like = Uint8Array.from([0x30, 0x82, 0x01, 0xff, 0x00, 0xc3]);

test('RawBytes are opaque: no byte property, no typed array, nothing enumerable, not constructible', () => {
  const raw = rawBytesOf(p12Like);
  assert.ok(!(raw instanceof Uint8Array) && !(raw instanceof ArrayBuffer));
  assert.deepEqual(Object.keys(raw), []);
  assert.equal(JSON.stringify(raw), '{}');
  assert.equal(String(raw), '[object RawBytes]');
  const Maker = (raw as unknown as { constructor: new (...a: unknown[]) => unknown }).constructor;
  assert.throws(() => new Maker(Symbol('guess'), new Uint8Array(1)), { code: 'RAWBYTES_NOT_CONSTRUCTIBLE' });
  assert.throws(() => { (raw as unknown as Record<string, unknown>).bytes = 1; }, TypeError, 'frozen');
});

test('text is the UTF-8 view, null for binary content', () => {
  assert.equal(rawBytesOf(new TextEncoder().encode('héllo')).text, 'héllo');
  assert.equal(rawBytesOf(p12Like).text, null);
  assert.equal(rawBytesOf(new Uint8Array(0)).text, '');
});

test('made from a copy: the caller\'s buffer changing later changes nothing', () => {
  const buffer = Uint8Array.from(p12Like);
  const raw = rawBytesOf(buffer);
  buffer.fill(0);
  assert.deepEqual(bytesOfRawBytes(raw), p12Like);
});

test('clear() wipes the content; copies taken before (a load) keep theirs', () => {
  const raw = rawBytesOf(p12Like);
  const taken = bytesOfRawBytes(raw);
  raw.clear();
  assert.deepEqual(bytesOfRawBytes(raw), new Uint8Array(0));
  assert.equal(raw.text, '');
  assert.deepEqual(taken, p12Like);
  raw.clear();
});

test('bytes of what the reference takes as bytes: RawBytes, Uint8Array, ArrayBuffer (D1); nothing else', () => {
  for (const value of [rawBytesOf(p12Like), Uint8Array.from(p12Like), Uint8Array.from(p12Like).buffer, Buffer.from(p12Like)]) {
    assert.deepEqual(bytesOfByteInput(value), p12Like);
  }
  for (const value of [null, undefined, 'MIIB', {}, [1, 2], new Int16Array(2), { text: null, clear() {} }]) {
    assert.equal(bytesOfByteInput(value), null);
    assert.equal(isReferenceRawBytes(value), false);
  }
});

test('convertToRawBytes / convertToBase64 round trip; base64 rules as for a cert string (D2)', () => {
  const b64 = Buffer.from(p12Like).toString('base64');
  for (const text of [b64, b64.replace(/=+$/, ''), `${b64.slice(0, 4)}\n${b64.slice(4)}`]) {
    assert.equal(convertToBase64(convertToRawBytes(text)), b64);
  }
  assert.equal(convertToBase64(convertToRawBytes('')), '');
  assert.equal(convertToRawBytes('aGk=').text, 'hi');
});

test('convert functions check their arguments: 101 for counts, 100 for types and for text that is not base64', () => {
  const toRaw = convertToRawBytes as (...a: unknown[]) => unknown;
  const toB64 = convertToBase64 as (...a: unknown[]) => unknown;
  assert.throws(() => toRaw(), { errorCode: 101 });
  assert.throws(() => toRaw('QQ==', 'x'), { errorCode: 101 });
  for (const bad of [1, null, {}, new Uint8Array(1)]) assert.throws(() => toRaw(bad), { errorCode: 100 });
  for (const bad of ['not base64!', 'QQ=A', '-_-_']) assert.throws(() => toRaw(bad), { errorCode: 100 });
  assert.throws(() => toB64(), { errorCode: 101 });
  for (const bad of ['QQ==', new Uint8Array(1), { text: 'x', clear() {} }, null]) assert.throws(() => toB64(bad), { errorCode: 100 });
});
