import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { pkcs12Kdf, pkcs12PasswordForms } from './pkcs12-kdf.js';

const run = promisify(execFile);
const digests = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

test('password forms: BMPString plus two zero bytes; the empty password has both forms', () => {
  assert.deepEqual(pkcs12PasswordForms('sm€g'), [Buffer.from('0073006d20ac00670000', 'hex')]);
  assert.deepEqual(pkcs12PasswordForms(''), [Buffer.alloc(2), Buffer.alloc(0)]);
});

test('KDF matches OpenSSL\'s PKCS12KDF (openssl kdf) across digests, IDs, counts and lengths', async () => {
  // The classic vector from OpenSSL's evpkdf tests, then random cases against the CLI.
  assert.equal(pkcs12Kdf('sha1', pkcs12PasswordForms('smeg')[0]!, Buffer.from('0a58cf64530d823f', 'hex'), 1, 1, 24).toString('hex'),
    '8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3');
  const cases = fc.sample(fc.record({
    digest: fc.constantFrom(...digests),
    password: fc.oneof(fc.constant(''), fc.string({ maxLength: 80 })),
    salt: fc.uint8Array({ minLength: 1, maxLength: 130 }),
    id: fc.integer({ min: 1, max: 3 }),
    iterations: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1000, max: 2100 })),
    length: fc.integer({ min: 1, max: 150 }),
  }), 30);
  await Promise.all(cases.map(async ({ digest, password, salt, id, iterations, length }) => {
    const bmp = pkcs12PasswordForms(password)[0]!;
    const { stdout } = await run('openssl', ['kdf', '-keylen', String(length), '-kdfopt', `digest:${digest.toUpperCase()}`,
      '-kdfopt', `hexpass:${bmp.toString('hex')}`, '-kdfopt', `hexsalt:${Buffer.from(salt).toString('hex')}`,
      '-kdfopt', `iter:${iterations}`, '-kdfopt', `id:${id}`, 'PKCS12KDF']);
    const expected = stdout.trim().replace(/:/g, '').toLowerCase();
    assert.equal(pkcs12Kdf(digest, bmp, Buffer.from(salt), id, iterations, length).toString('hex'), expected,
      JSON.stringify({ digest, id, iterations, length }));
  }));
});
