import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyError, errorMessage, errorName } from './classify-error.js';

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
  assert.equal(classifyError({ name: 'ClientTimeoutError', message: 'hung' }), 'fail');
});

test('unimplemented by name or code; everything else is an infrastructure error', () => {
  assert.equal(classifyError({ name: 'UnimplementedError', message: 'no remove' }), 'unimplemented');
  assert.equal(classifyError({ name: 'Error', code: 'UNIMPLEMENTED', message: 'x' }), 'unimplemented');
  assert.equal(classifyError({ name: 'ServerInfrastructureError', message: 'PROCESS_EXITED' }), 'error');
  assert.equal(classifyError({ name: 'Error', message: 'invalid session id', stack: 'WebDriverError: invalid session id\n at x' }), 'error');
  assert.equal(classifyError(new TypeError('spec bug')), 'error');
  assert.equal(classifyError(undefined), 'error');
});
