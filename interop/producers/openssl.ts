/** OpenSSL 3 `pkcs12 -export` in its common modes, on test PKI identities. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityName } from '../../servers/pki/types.js';
import { pkiIdentity } from './expected.js';
import { firstLine, runTool, which } from './tools.js';
import type { InteropWorkspace, ProducedFile, Producer, Variant } from './types.js';

interface OpensslMode {
  readonly id: string;
  readonly identity: IdentityName;
  readonly args: readonly string[];
  readonly emptyPassword?: boolean;
  /** Add the identity's intermediates and its root (-certfile). */
  readonly chain?: boolean;
  readonly notes?: string;
}

const MODES: readonly OpensslMode[] = [
  { id: 'default', identity: 'rsa-a', args: [], notes: 'PBES2/PBKDF2/AES-256-CBC, SHA-256 MAC' },
  { id: 'default-ec', identity: 'ec-b', args: [], notes: 'EC P-256 key' },
  { id: 'legacy', identity: 'rsa-a', args: ['-legacy'], notes: 'RC2-40 certificates, 3DES key, SHA-1 MAC' },
  { id: 'des3', identity: 'rsa-a', args: ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'] },
  { id: 'aes128', identity: 'rsa-a', args: ['-keypbe', 'AES-128-CBC', '-certpbe', 'AES-128-CBC'] },
  { id: 'nomac', identity: 'rsa-a', args: ['-nomac'], notes: 'encrypted, no integrity MAC' },
  { id: 'noenc-nomac', identity: 'rsa-a', args: ['-keypbe', 'NONE', '-certpbe', 'NONE', '-nomac'], notes: 'plain key bag, no MAC' },
  { id: 'empty-password', identity: 'rsa-a', args: [], emptyPassword: true },
  { id: 'chain', identity: 'rsa-intermediate', args: [], chain: true, notes: 'leaf + intermediate + root' },
];

function variant(mode: OpensslMode): Variant {
  const options = ['openssl pkcs12 -export', ...mode.args, ...(mode.emptyPassword ? ['-passout pass:'] : []),
    ...(mode.chain ? ['-certfile <intermediate+root>'] : [])].join(' ');
  return {
    id: mode.id,
    options,
    async make(workspace: InteropWorkspace): Promise<ProducedFile> {
      const identity = workspace.pki.identities[mode.identity];
      const out = join(workspace.dir, `openssl-${mode.id}-${randomBytes(4).toString('hex')}.p12`);
      const password = mode.emptyPassword ? '' : workspace.password;
      const args = ['pkcs12', '-export', '-out', out, '-inkey', identity.key.path,
        '-in', mode.chain ? identity.chain.path : identity.certificate.path,
        '-name', mode.identity, '-passout', 'env:INTEROP_PASS', ...mode.args];
      if (mode.chain) args.push('-certfile', workspace.pki.cas.A.certificate.path);
      await runTool('openssl', args, { env: { INTEROP_PASS: password } });
      return {
        producer: 'openssl', variant: mode.id, options, password,
        bytes: await readFile(out),
        expected: [pkiIdentity(workspace, mode.identity)],
        ...(mode.notes ? { notes: mode.notes } : {}),
      };
    },
  };
}

export const opensslProducer: Producer = {
  id: 'openssl',
  name: 'OpenSSL',
  unavailable: async () => ((await which('openssl')) ? null : 'openssl not on PATH'),
  version: async () => firstLine((await runTool('openssl', ['version'])).stdout),
  variants: MODES.map(variant),
};
