// Each decoder bound, enforced exactly at its boundary on real files (openssl-made or crafted
// and checked by openssl), through decodePkcs12's limits parameter.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createStandardFixtures, type Issued, type StandardFixtures } from '../testing/openssl-pki.js';
import { decodePkcs12, DEFAULT_PKCS12_LIMITS, kdfWork, Pkcs12Error, type Pkcs12Limits } from './index.js';
import { DecodeBudget } from './limits.js';
import { bag, plainPfx } from './testing/pfx-builder.js';

const PASSWORD = 'limits';
let fx: StandardFixtures;
let twoIdentities: Buffer;
let defaultFile: Buffer;
let chainFile: Buffer;

const pkcs8 = (issued: Issued) => createPrivateKey(issued.keyPem).export({ type: 'pkcs8', format: 'der' });
const shrouded = (issued: Issued) => createPrivateKey(issued.keyPem).export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: PASSWORD });
const certDer = (issued: Issued) => new X509Certificate(issued.certPem).raw;

before(async () => {
  fx = await createStandardFixtures();
  // Two SafeContents, four bags: two keys (the second shrouded), their two certificates.
  twoIdentities = plainPfx(
    [bag.key(pkcs8(fx.clientRsaA)), bag.certificate(certDer(fx.clientRsaA))],
    [bag.shroudedKey(shrouded(fx.clientEcB)), bag.certificate(certDer(fx.clientEcB))],
  );
  [defaultFile, chainFile] = await Promise.all([
    fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, iterations: 2048 }),
    fx.pki.pkcs12({ identity: fx.clientRsaIntermediate, password: PASSWORD, withChain: true, iterations: 1 }),
  ]);
});
after(async () => fx?.pki.dispose());

function limitsWith(overrides: Partial<Pkcs12Limits>): Pkcs12Limits {
  return { ...DEFAULT_PKCS12_LIMITS, ...overrides };
}

function refused(file: Buffer, overrides: Partial<Pkcs12Limits>, code: string, limit?: string): void {
  assert.throws(() => decodePkcs12(file, PASSWORD, limitsWith(overrides)), (error: unknown) => {
    assert.ok(error instanceof Pkcs12Error, String(error));
    assert.equal(error.code, code, error.message);
    if (limit) assert.equal((error as { limit?: string }).limit, limit);
    return true;
  });
}

describe('count bounds: the file at the bound loads, one below refuses it', () => {
  test('keys, certificates, bags, SafeContents', () => {
    const at = { keys: 2, certificates: 2, bags: 4, safeContents: 2 };
    assert.equal(decodePkcs12(twoIdentities, PASSWORD, limitsWith(at)).identities.length, 2);
    refused(twoIdentities, { ...at, keys: 1 }, 'PKCS12_LIMIT_EXCEEDED', 'keys');
    refused(twoIdentities, { ...at, certificates: 1 }, 'PKCS12_LIMIT_EXCEEDED', 'certificates');
    refused(twoIdentities, { ...at, bags: 3 }, 'PKCS12_LIMIT_EXCEEDED', 'bags');
    refused(twoIdentities, { ...at, safeContents: 1 }, 'PKCS12_LIMIT_EXCEEDED', 'safeContents');
  });

  test('chain signature checks: only a candidate whose names fit costs one (leaf -> intermediate: one)', () => {
    assert.equal(decodePkcs12(chainFile, PASSWORD, limitsWith({ signatureChecks: 1 })).identities[0]!.chain.length, 2);
    refused(chainFile, { signatureChecks: 0 }, 'PKCS12_LIMIT_EXCEEDED', 'signatureChecks');
  });
});

describe('work bounds', () => {
  // OpenSSL 3 default at 2,048 iterations: SHA-256 MAC (PKCS#12 KDF), PBKDF2-SHA256 for the key and the certificates.
  const defaultWork = kdfWork('pkcs12', 'sha256', 2048, 32) + 2 * kdfWork('pbkdf2', 'sha256', 2048, 32);

  test('total KDF work: exactly the file\'s work loads, one unit less is refused before the last derivation', () => {
    assert.equal(decodePkcs12(defaultFile, PASSWORD, limitsWith({ work: defaultWork })).identities.length, 1);
    refused(defaultFile, { work: defaultWork - 1 }, 'PKCS12_LIMIT_EXCEEDED', 'work');
  });

  test('iterations of one run: at the bound loads, above it is PKCS12_ITERATION_LIMIT', () => {
    assert.equal(decodePkcs12(defaultFile, PASSWORD, limitsWith({ iterations: 2048 })).identities.length, 1);
    refused(defaultFile, { iterations: 2047 }, 'PKCS12_ITERATION_LIMIT');
  });

  test('a key after the first may cost no more than the rest of the file plus the allowance', () => {
    // The first key is a plain key bag, so the shrouded second key is all extra work.
    const keyWork = kdfWork('pbkdf2', 'sha256', 2048, 32);
    assert.equal(decodePkcs12(twoIdentities, PASSWORD, limitsWith({ extraKeyWork: keyWork })).identities.length, 2);
    refused(twoIdentities, { extraKeyWork: keyWork - 1 }, 'PKCS12_LIMIT_EXCEEDED', 'work');
  });

  test('DecodeBudget: extra-key work is bounded by the file work charged so far', () => {
    const budget = new DecodeBudget(limitsWith({ extraKeyWork: 10 }));
    budget.chargeKdf('pkcs12', 'sha1', 100, 20); // 100 units of the file
    budget.chargeKdf('pkcs12', 'sha1', 110, 20, 'extraKey'); // 110 <= 100 + 10
    assert.throws(() => budget.chargeKdf('pkcs12', 'sha1', 1, 20, 'extraKey'), { code: 'PKCS12_LIMIT_EXCEEDED' });
    assert.equal(budget.usage('work'), 210);
  });
});

test('the default bounds take what producers write at 600,000 iterations, with a second identity too', () => {
  const pbes2Key = kdfWork('pbkdf2', 'sha256', 600_000, 32);
  const pbe3desKey = kdfWork('pkcs12', 'sha1', 600_000, 24) + kdfWork('pkcs12', 'sha1', 600_000, 8);
  const nssLike = kdfWork('pkcs12', 'sha256', 600_000, 32) + 2 * pbes2Key; // MAC, certificates, key
  const gnutls3des = kdfWork('pkcs12', 'sha256', 600_000, 32) + 2 * pbe3desKey;
  assert.ok(nssLike + pbes2Key <= DEFAULT_PKCS12_LIMITS.work, `${nssLike + pbes2Key}`);
  assert.ok(gnutls3des + pbe3desKey <= DEFAULT_PKCS12_LIMITS.work, `${gnutls3des + pbe3desKey}`);
  assert.ok(DEFAULT_PKCS12_LIMITS.iterations >= 1_400_000, 'above OWASP\'s highest PBKDF2 advice');
});
