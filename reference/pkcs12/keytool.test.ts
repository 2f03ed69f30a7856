// decodePkcs12 on key stores written by Java's keytool (PBES2/AES-256, HMAC-SHA256, 10,000 iterations).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OpensslPki } from '../testing/openssl-pki.js';
import { decodePkcs12 } from './index.js';
import { assertKeyMatchesLeaf, subjectCn } from './testing/identity-checks.js';

const run = promisify(execFile);
// keytool refuses store passwords under 6 characters, so no empty-password keytool file exists.
const PASSWORD = 'store-pass';
let pki: OpensslPki;
const files: Record<'rsa' | 'ec' | 'two' | 'three', Buffer> = {} as never;

before(async () => {
  pki = await OpensslPki.create();
  [files.rsa, files.ec, files.two, files.three] = await Promise.all([
    pki.keytoolPkcs12([{ alias: 'solo-rsa', keyType: 'RSA' }], PASSWORD),
    pki.keytoolPkcs12([{ alias: 'solo-ec', keyType: 'EC' }], PASSWORD),
    pki.keytoolPkcs12([{ alias: 'first', keyType: 'RSA' }, { alias: 'second', keyType: 'EC' }], PASSWORD),
    pki.keytoolPkcs12([{ alias: 'zeta', keyType: 'EC' }, { alias: 'alpha', keyType: 'RSA' }, { alias: 'mid', keyType: 'EC' }], PASSWORD),
  ]);
});
after(async () => pki?.dispose());

/** The friendlyNames of the key bags in file order, as openssl itself reads them (the oracle). */
async function keyAliasesByOpenssl(p12: Buffer): Promise<string[]> {
  const path = join(pki.dir, 'oracle.p12');
  await writeFile(path, p12, { mode: 0o600 });
  const { stdout } = await run('openssl', ['pkcs12', '-in', path, '-passin', `pass:${PASSWORD}`, '-info', '-noenc'],
    { maxBuffer: 1 << 22 });
  return stdout.split('Bag Attributes').filter((chunk) => chunk.includes('BEGIN PRIVATE KEY'))
    .map((chunk) => /friendlyName: (.*)/.exec(chunk)?.[1] ?? '');
}

test('keytool RSA and EC single-alias stores', () => {
  for (const [file, alias, keyType] of [[files.rsa, 'solo-rsa', 'RSA'], [files.ec, 'solo-ec', 'EC']] as const) {
    const contents = decodePkcs12(file, PASSWORD);
    assert.equal(contents.identities.length, 1);
    const [identity] = contents.identities;
    assert.equal(identity!.keyType, keyType);
    assert.equal(identity!.friendlyName, alias);
    assert.equal(subjectCn(identity!), alias);
    assert.equal(identity!.chain.length, 1);
    assertKeyMatchesLeaf(identity!);
  }
});

test('two and three aliases: one identity per key, in file order, each with its own certificate', async () => {
  for (const [file, expectedTypes] of [[files.two, { first: 'RSA', second: 'EC' }], [files.three, { zeta: 'EC', alpha: 'RSA', mid: 'EC' }]] as const) {
    const order = await keyAliasesByOpenssl(file);
    assert.deepEqual([...order].sort(), Object.keys(expectedTypes).sort());
    const contents = decodePkcs12(file, PASSWORD);
    assert.deepEqual(contents.identities.map((i) => i.friendlyName), order);
    assert.deepEqual(contents.identities.map((i) => subjectCn(i)), order);
    assert.deepEqual(contents.identities.map((i) => i.keyType), order.map((alias) => expectedTypes[alias as keyof typeof expectedTypes]));
    assert.equal(contents.certificates.length, order.length);
    for (const identity of contents.identities) assertKeyMatchesLeaf(identity);
  }
});

test('keytool store with a wrong password is PKCS12_BAD_PASSWORD', () => {
  assert.throws(() => decodePkcs12(files.two, 'store-pasS'), { code: 'PKCS12_BAD_PASSWORD' });
});
