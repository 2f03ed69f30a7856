/** Key generation: all pairs at once, async, so the thread pool works on them in parallel. */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export type KeyType = 'RSA' | 'EC';

export interface KeyPair {
  readonly type: KeyType;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export async function generateKey(type: KeyType): Promise<KeyPair> {
  const pair =
    type === 'RSA'
      ? await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
      : await generateKeyPairAsync('ec', { namedCurve: 'P-256' });
  return { type, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** Generates one key per entry, in parallel, keyed like the input. */
export async function generateKeys<K extends string>(types: Readonly<Record<K, KeyType>>): Promise<Record<K, KeyPair>> {
  const names = Object.keys(types) as K[];
  const pairs = await Promise.all(names.map((name) => generateKey(types[name])));
  return Object.fromEntries(names.map((name, i) => [name, pairs[i]])) as Record<K, KeyPair>;
}
