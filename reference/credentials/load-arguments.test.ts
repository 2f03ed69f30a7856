import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLoadArguments } from './load-arguments.js';

const is100 = (e: { errorCode?: number; code?: string }) => e.errorCode === 100 && e.code === 'VOLTMX_INVALID_PARAMETER_TYPE';
const is101 = (e: { errorCode?: number; code?: string }) => e.errorCode === 101 && e.code === 'VOLTMX_INVALID_ARGUMENT_COUNT';

test('exactly one argument, else 101', () => {
  assert.throws(() => parseLoadArguments([]), is101);
  assert.throws(() => parseLoadArguments([{ cert: 'QQ==', pass: '' }, {}]), is101);
  assert.throws(() => parseLoadArguments([undefined, undefined]), is101);
});

test('the table must be a non-null, non-array object, else 100', () => {
  for (const bad of [null, undefined, 'QQ==', 42, true, [], new Uint8Array(2), () => 1, Symbol('x')]) {
    assert.throws(() => parseLoadArguments([bad]), is100, String(typeof bad));
  }
});

test('cert must be RawBytes (Uint8Array, Buffer, ArrayBuffer) or a string, else 100', () => {
  for (const cert of [new Uint8Array(1), Buffer.alloc(1), new ArrayBuffer(1), 'QQ==', '']) {
    assert.equal(parseLoadArguments([{ cert, pass: '' }]).cert, cert);
  }
  for (const cert of [undefined, null, 1, {}, [1, 2], new Int16Array(2), new DataView(new ArrayBuffer(2)), true]) {
    assert.throws(() => parseLoadArguments([{ cert, pass: '' }]), is100);
  }
});

test('pass must be a string ("" allowed); missing or null is 100', () => {
  assert.equal(parseLoadArguments([{ cert: 'QQ==', pass: '' }]).pass, '');
  for (const pass of [undefined, null, 1, {}, new Uint8Array(1)]) {
    assert.throws(() => parseLoadArguments([{ cert: 'QQ==', pass }]), is100);
  }
  assert.throws(() => parseLoadArguments([{ cert: 'QQ==' }]), is100);
});

test('extra keys are ignored', () => {
  assert.deepEqual(parseLoadArguments([{ cert: 'QQ==', pass: 'x', extra: 1 }]), { cert: 'QQ==', pass: 'x' });
});
