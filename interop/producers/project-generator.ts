/** The project's own writer (servers/pki Pkcs12Builder): the bundles createTestPki makes. */
import { readFile } from 'node:fs/promises';
import { pkiIdentity } from './expected.js';
import type { InteropWorkspace, ProducedFile, Producer, Variant } from './types.js';

const BUNDLES: readonly { bundle: string; notes?: string }[] = [
  { bundle: 'rsa-a.modern', notes: 'PBES2 AES-256-CBC, SHA-256 MAC' },
  { bundle: 'rsa-a.legacy', notes: '3DES, SHA-1 MAC' },
  { bundle: 'rsa-a.empty-password' },
  { bundle: 'rsa-a.unencrypted', notes: 'plain key bag, no MAC' },
  { bundle: 'ec-b.modern' },
  { bundle: 'rsa-intermediate.modern', notes: 'leaf + intermediate' },
  { bundle: 'rsa-a+ec-b.modern', notes: '2 identities' },
  { bundle: 'ec-b+rsa-a.legacy', notes: '2 identities, EC first' },
];

function variant({ bundle, notes }: { bundle: string; notes?: string }): Variant {
  return {
    id: bundle,
    options: `Pkcs12Builder (createTestPki bundle ${bundle})`,
    async make(workspace: InteropWorkspace): Promise<ProducedFile> {
      const found = workspace.pki.bundle(bundle);
      return {
        producer: 'project', variant: bundle, options: `Pkcs12Builder (createTestPki bundle ${bundle})`,
        password: found.password, bytes: await readFile(found.path),
        expected: found.identities.map((name) => pkiIdentity(workspace, name)),
        ...(notes ? { notes } : {}),
      };
    },
  };
}

export const projectProducer: Producer = {
  id: 'project',
  name: 'servers/pki Pkcs12Builder',
  unavailable: async () => null,
  version: async () => 'servers/pki (this repository)',
  variants: BUNDLES.map(variant),
};
