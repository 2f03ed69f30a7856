import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logExcerpt } from './server-evidence.js';

test('logExcerpt keeps the last non-empty lines', () => {
  assert.equal(logExcerpt(''), null);
  assert.equal(logExcerpt('a\n\nb\nc\n', 2), 'b\nc');
});
