/** Test support: ClientIdentity objects straight from openssl-made PEM files (no PKCS#12 decoder involved). */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ClientIdentity } from '../credentials/client-identity.js';
import type { Issued } from '../test-support/openssl-pki.js';

export function identityOf(issued: Issued): ClientIdentity {
  const pems = [issued.certPem, ...issued.intermediates.map((i) => i.certPem)];
  const privateKey = createPrivateKey(issued.keyPem);
  return {
    privateKey,
    keyType: privateKey.asymmetricKeyType === 'ec' ? 'EC' : 'RSA',
    chain: pems.map((pem) => new X509Certificate(pem)),
    friendlyName: issued.name,
    keyPem: issued.keyPem,
    chainPem: pems.join(''),
  };
}
