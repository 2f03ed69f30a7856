/**
 * GnuTLS `certtool --to-p12` on test PKI identities. The password goes in a template file in
 * the private folder, never on the command line. certtool 3.7 uses 600,000 iterations.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityName } from '../../servers/pki/types.js';
import { pkiIdentity } from './expected.js';
import { firstLine, runTool, which } from './tools.js';
import type { InteropWorkspace, ProducedFile, Producer, Variant } from './types.js';

interface GnutlsMode {
  readonly id: string;
  readonly identity: IdentityName;
  readonly args: readonly string[];
  readonly password: 'workspace' | 'empty' | 'null';
  readonly chain?: boolean;
  readonly notes?: string;
}

const MODES: readonly GnutlsMode[] = [
  { id: 'default', identity: 'rsa-a', args: [], password: 'workspace', notes: 'PBES2 AES-128-CBC, SHA-256 MAC, 600,000 iterations' },
  { id: 'ec', identity: 'ec-b', args: [], password: 'workspace' },
  { id: '3des-pkcs12', identity: 'rsa-a', args: ['--pkcs-cipher', '3des-pkcs12'], password: 'workspace' },
  { id: 'rc2-40', identity: 'rsa-a', args: ['--pkcs-cipher', 'rc2-40'], password: 'workspace' },
  { id: 'empty-password', identity: 'rsa-a', args: ['--empty-password'], password: 'empty' },
  { id: 'null-password', identity: 'rsa-a', args: ['--null-password'], password: 'null', notes: 'NULL (absent) password, loaded with ""' },
  { id: 'chain', identity: 'rsa-intermediate', args: [], password: 'workspace', chain: true, notes: 'leaf + intermediate + root' },
];

function variant(mode: GnutlsMode): Variant {
  const options = ['certtool --to-p12', ...mode.args, ...(mode.chain ? ['--load-ca-certificate <root>'] : [])].join(' ');
  return {
    id: mode.id,
    options,
    async make(workspace: InteropWorkspace): Promise<ProducedFile> {
      const identity = workspace.pki.identities[mode.identity];
      const tag = `gnutls-${mode.id}-${randomBytes(4).toString('hex')}`;
      const out = join(workspace.dir, `${tag}.p12`);
      const args = ['--to-p12', '--outder', '--outfile', out, '--load-privkey', identity.key.path,
        '--load-certificate', mode.chain ? identity.chain.path : identity.certificate.path, '--p12-name', mode.identity, ...mode.args];
      if (mode.chain) args.push('--load-ca-certificate', workspace.pki.cas.A.certificate.path);
      if (mode.password === 'workspace') {
        const template = join(workspace.dir, `${tag}.template`);
        await writeFile(template, `password = "${workspace.password}"\n`, { mode: 0o600 });
        args.push('--template', template);
      }
      await runTool('certtool', args);
      return {
        producer: 'gnutls', variant: mode.id, options,
        password: mode.password === 'workspace' ? workspace.password : '',
        bytes: await readFile(out),
        expected: [pkiIdentity(workspace, mode.identity)],
        ...(mode.notes ? { notes: mode.notes } : {}),
      };
    },
  };
}

export const gnutlsProducer: Producer = {
  id: 'gnutls',
  name: 'GnuTLS certtool',
  unavailable: async () => ((await which('certtool')) ? null : 'certtool not on PATH (apt-get install gnutls-bin)'),
  version: async () => firstLine((await runTool('certtool', ['--version'])).stdout),
  variants: MODES.map(variant),
};
