import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { IOS_REJECTS_MODERN_PKCS12, portableEncoding } from './identities.js';

test('specs load the OpenSSL 3 default encoding, legacy only on an iOS version that rejects it or an unknown one', () => {
  assert.equal(portableEncoding('android', null), 'modern');
  assert.equal(portableEncoding('android', '14'), 'modern');
  assert.equal(portableEncoding('ios', '17.5'), 'legacy');
  assert.equal(portableEncoding('ios', '18.0'), 'modern');
  assert.equal(portableEncoding('ios', '26.1'), 'modern');
  assert.equal(portableEncoding('ios', null), 'legacy');
});

test('the version condition is the one expectations/ios.json gives CA-PKCS12-MODERN', async () => {
  const file = JSON.parse(await readFile(new URL('../../expectations/ios.json', import.meta.url), 'utf8')) as {
    expectations: Record<string, { status: string; when?: { platformVersion?: string } }>;
  };
  assert.equal(file.expectations['CA-PKCS12-MODERN']?.status, 'fail');
  assert.equal(file.expectations['CA-PKCS12-MODERN']?.when?.platformVersion, IOS_REJECTS_MODERN_PKCS12);
});
