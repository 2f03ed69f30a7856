/** Expected identities taken from the test PKI. */
import type { IdentityName } from '../../servers/pki/types.js';
import type { ExpectedIdentity, InteropWorkspace } from './types.js';

export function pkiIdentity(workspace: InteropWorkspace, name: IdentityName): ExpectedIdentity {
  const info = workspace.pki.identities[name];
  return { label: name, fingerprint: info.fingerprint, keyType: info.keyType, pkiIdentity: name };
}
