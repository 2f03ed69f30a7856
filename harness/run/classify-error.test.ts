import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyError, errorMessage, errorName } from './classify-error.js';
import { ClientTimeoutError, ConformanceFailure, UnimplementedError } from './outcome-errors.js';

test('assertion failures are fail, even after the reporter re-created them as Error', () => {
  let original: Error | undefined;
  try {
    assert.equal(400, 200);
  } catch (error) {
    original = error as Error;
  }
  assert.equal(classifyError(original), 'fail');
  const recreated = Object.assign(new Error(`${original!.message}\n\n      actual expected\n\n      400200\n`), { stack: original!.stack });
  assert.equal(errorName(recreated), 'AssertionError');
  assert.equal(classifyError(recreated), 'fail');
  assert.equal(errorMessage(recreated), `AssertionError: ${original!.message.trimEnd()}`);
});

test('the outcome classes classify by class, by code, by name from a re-created stack, and by message prefix', () => {
  assert.equal(classifyError(new ConformanceFailure('sent to the wrong server')), 'fail');
  assert.equal(classifyError({ name: 'Error', code: 'CONFORMANCE_FAILURE', message: 'x' }), 'fail');
  const failure = new ConformanceFailure('x');
  assert.equal(classifyError(Object.assign(new Error('x'), { stack: failure.stack })), 'fail');
  assert.equal(classifyError({ message: 'ConformanceFailure: serialised' }), 'fail');
  assert.equal(classifyError(new UnimplementedError()), 'unimplemented');
  assert.equal(classifyError({ name: 'Error', code: 'UNIMPLEMENTED', message: 'x' }), 'unimplemented');
  assert.equal(classifyError({ message: 'UnimplementedError: no remove' }), 'unimplemented');
});

test('a device that timed out is an infrastructure error, never a failure, in every form it arrives in', () => {
  const timeout = new ClientTimeoutError(20_000);
  assert.equal(timeout.code, 'CLIENT_TIMEOUT');
  assert.equal(classifyError(timeout), 'error');
  assert.equal(classifyError({ name: 'Error', code: 'CLIENT_TIMEOUT', message: timeout.message }), 'error');
  assert.equal(classifyError(Object.assign(new Error(timeout.message), { stack: timeout.stack })), 'error');
  assert.equal(classifyError({ message: `ClientTimeoutError: ${timeout.message}` }), 'error');
});

test('everything else is an infrastructure error', () => {
  assert.equal(classifyError({ name: 'ServerInfrastructureError', message: 'PROCESS_EXITED' }), 'error');
  assert.equal(classifyError({ name: 'Error', message: 'invalid session id', stack: 'WebDriverError: invalid session id\n at x' }), 'error');
  assert.equal(classifyError(new TypeError('spec bug')), 'error');
  assert.equal(classifyError(undefined), 'error');
});
