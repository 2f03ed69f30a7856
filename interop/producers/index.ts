/** Every PKCS#12 producer of the interoperability corpus. */
import { gnutlsProducer } from './gnutls.js';
import { keytoolProducer } from './keytool.js';
import { nodeForgeProducer } from './node-forge.js';
import { nssProducer } from './nss.js';
import { opensslProducer } from './openssl.js';
import { projectProducer } from './project-generator.js';
import { pythonCryptographyProducer } from './python-cryptography.js';
import type { Producer } from './types.js';

export const PRODUCERS: readonly Producer[] = [
  opensslProducer, keytoolProducer, gnutlsProducer, pythonCryptographyProducer, nssProducer, nodeForgeProducer, projectProducer,
];

export function producer(id: string): Producer {
  const found = PRODUCERS.find((p) => p.id === id);
  if (!found) throw new Error(`unknown producer ${id}`);
  return found;
}

export type * from './types.js';
