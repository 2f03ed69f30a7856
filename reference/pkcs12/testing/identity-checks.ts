/** Tests only: proofs that a decoded identity is usable, not merely present. */
import assert from 'node:assert/strict';
import { randomBytes, sign, verify } from 'node:crypto';
import type { ClientIdentity } from '../../credentials/client-identity.js';

/** The private key signs and the leaf certificate's public key verifies. */
export function assertKeyMatchesLeaf(identity: ClientIdentity): void {
  const message = randomBytes(32);
  const signature = sign('sha256', message, identity.privateKey);
  assert.ok(verify('sha256', message, identity.chain[0]!.publicKey, signature), 'leaf certificate does not verify the key\'s signature');
  assert.match(identity.keyPem, /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
  assert.equal(identity.chainPem, identity.chain.map((c) => c.toString()).join(''));
}

export function subjectCn(identity: ClientIdentity, index = 0): string {
  return /CN=([^\n,]+)/.exec(identity.chain[index]!.subject)?.[1] ?? '';
}
