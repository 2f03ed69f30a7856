import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pkcs12KeyPurpose, pkcs12Kdf, pkcs12PasswordBytes } from './pkcs12-kdf.js';

// Published PKCS#12 KDF test vectors (the "smeg"/"queeg" vectors used by BouncyCastle and others).
test('PKCS#12 KDF matches the known SHA-1 vectors', () => {
  const smegSalt = Buffer.from('0A58CF64530D823F', 'hex');
  assert.equal(
    pkcs12Kdf('sha1', 'smeg', smegSalt, 1, Pkcs12KeyPurpose.encryptionKey, 24).toString('hex').toUpperCase(),
    '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3',
  );
  assert.equal(pkcs12Kdf('sha1', 'smeg', smegSalt, 1, Pkcs12KeyPurpose.iv, 8).toString('hex').toUpperCase(), '79993DFE048D3B76');
  const queegSalt = Buffer.from('1682C0FC5B3F7EC5', 'hex');
  assert.equal(
    pkcs12Kdf('sha1', 'queeg', queegSalt, 1000, Pkcs12KeyPurpose.encryptionKey, 24).toString('hex').toUpperCase(),
    '483DD6E919D7DE2E8E648BA8F862F3FBFBDC2BCB2C02957F',
  );
  assert.equal(pkcs12Kdf('sha1', 'queeg', queegSalt, 1000, Pkcs12KeyPurpose.iv, 8).toString('hex').toUpperCase(), '9D461D1B00355C50');
});

test('PKCS#12 KDF: purpose, hash and length change the output; long outputs span blocks', () => {
  const salt = Buffer.alloc(8, 7);
  const mac1 = pkcs12Kdf('sha256', 'pw', salt, 10, Pkcs12KeyPurpose.macKey, 32);
  assert.equal(mac1.length, 32);
  assert.notDeepEqual(mac1, pkcs12Kdf('sha256', 'pw', salt, 10, Pkcs12KeyPurpose.encryptionKey, 32));
  assert.notDeepEqual(mac1, pkcs12Kdf('sha256', 'pw', salt, 11, Pkcs12KeyPurpose.macKey, 32));
  const long = pkcs12Kdf('sha256', 'pw', salt, 10, Pkcs12KeyPurpose.macKey, 80);
  assert.deepEqual(long.subarray(0, 32), mac1);
});

test('password bytes: BMPString plus a two-zero terminator', () => {
  assert.equal(pkcs12PasswordBytes('').toString('hex'), '0000');
  assert.equal(pkcs12PasswordBytes('aé').toString('hex'), '006100e90000');
});
