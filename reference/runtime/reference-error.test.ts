import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReferenceLayerError } from './reference-error.js';
import { InvalidArgumentCountError } from './voltmx-error.js';
import { InvalidStateError, HttpRequestSyntaxError } from '../net/http-request/errors.js';

test('reference errors are named after their class and namespaced under reference/', () => {
  const error = new InvalidArgumentCountError();
  assert.ok(error instanceof ReferenceLayerError);
  assert.equal(error.name, 'InvalidArgumentCountError');
  assert.equal(error.errorCode, 101);
  assert.equal(error.message, 'invalid number of arguments');
  assert.equal(error.qualifiedCode, 'reference/VOLTMX_INVALID_ARGUMENT_COUNT');
  assert.deepEqual(Object.keys(error).sort(), ['code', 'errorCode', 'name']);
});

test('DOM-style errors keep the names app code expects', () => {
  assert.equal(new InvalidStateError().name, 'InvalidStateError');
  assert.equal(new HttpRequestSyntaxError().name, 'SyntaxError');
  assert.equal(new HttpRequestSyntaxError().qualifiedCode, 'reference/HTTP_SYNTAX_ERROR');
});
