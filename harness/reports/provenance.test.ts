import assert from 'node:assert/strict';
import { test } from 'node:test';
import { implementationOf, publicCapabilities, publicUrl } from './provenance.js';

test('capabilities without secrets: passwords, tokens and keys redacted, trusted CAs as fingerprints', () => {
  const out = publicCapabilities({
    platformName: 'Android', 'appium:app': '/apps/conformance.apk', 'sauce:options': 'x', 'appium:keystorePassword': 'hunter2',
    'lt:accessKey': 'abc', 'voltmx:trustCa': ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'],
    'voltmx:key': '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
  });
  assert.equal(out['appium:keystorePassword'], '[redacted]');
  assert.equal(out['lt:accessKey'], '[redacted]');
  assert.equal(out['voltmx:key'], '[redacted]');
  assert.match(String((out['voltmx:trustCa'] as string[])[0]), /^sha256:[0-9a-f]{16}\.\.\.$/);
  assert.equal(out['appium:app'], '/apps/conformance.apk');
  assert.ok(!JSON.stringify(out).includes('hunter2'));
});

test('URLs lose their credentials; the implementation is the hosted module or the app', () => {
  assert.equal(publicUrl('https://user:secret@grid.example:4444/wd/hub'), 'https://grid.example:4444/wd/hub');
  assert.equal(publicUrl(undefined), null);
  assert.equal(implementationOf({ 'voltmx:implementation': '/x/my-runtime.js' }), '/x/my-runtime.js');
  assert.equal(implementationOf({ 'appium:app': '/x/app.apk' }), '/x/app.apk');
  assert.equal(implementationOf({}), null);
});

test('capabilities: secrets nested at any depth (BrowserStack, Sauce Labs, appium:options) are redacted, the rest kept', () => {
  const out = publicCapabilities({
    'bstack:options': { userName: 'u-1', accessKey: 'k-1', deviceName: 'Google Pixel 8', local: true },
    'sauce:options': { accessKey: 'k-2', tunnelName: 't', extra: [{ apiKey: 'k-3' }] },
    'appium:options': { keychainPassword: 'k-4', platformVersion: '17' },
  });
  assert.deepEqual(out['bstack:options'], { userName: '[redacted]', accessKey: '[redacted]', deviceName: 'Google Pixel 8', local: true });
  assert.deepEqual(out['sauce:options'], { accessKey: '[redacted]', tunnelName: 't', extra: [{ apiKey: '[redacted]' }] });
  assert.deepEqual(out['appium:options'], { keychainPassword: '[redacted]', platformVersion: '17' });
  assert.equal(publicUrl('https://u:p@[::1]:4444/'), 'https://[::1]:4444/');
});
