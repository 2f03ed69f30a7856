/**
 * NSS `pk12util`: an OpenSSL file of a test PKI identity is imported into a fresh NSS
 * database and exported again, so the bytes are NSS's own. Passwords go through files in the
 * private folder (-w / -k), never the command line. NSS 3.87 uses 600,000 iterations.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityName } from '../../servers/pki/types.js';
import { pkiIdentity } from './expected.js';
import { firstLine, runTool, which } from './tools.js';
import type { InteropWorkspace, ProducedFile, Producer, Variant } from './types.js';

const TRIPLE_DES = 'PKCS #12 V2 PBE With SHA-1 And 3KEY Triple DES-CBC';
const RC2_40 = 'PKCS #12 V2 PBE With SHA-1 And 40 Bit RC2 CBC';

interface NssMode {
  readonly id: string;
  readonly identity: IdentityName;
  readonly args: readonly string[];
  readonly options: string;
  readonly notes?: string;
}

const MODES: readonly NssMode[] = [
  { id: 'default', identity: 'rsa-a', args: [], options: 'pk12util -o', notes: 'AES-256 key, AES-128 certificates, SHA-256 MAC; BER indefinite lengths' },
  { id: 'ec', identity: 'ec-b', args: [], options: 'pk12util -o, EC key' },
  { id: 'legacy', identity: 'rsa-a', args: ['-c', TRIPLE_DES, '-C', RC2_40], options: 'pk12util -o -c 3DES -C RC2-40' },
  { id: 'certs-unencrypted', identity: 'rsa-a', args: ['-C', 'NONE'], options: 'pk12util -o -C NONE' },
];

function variant(mode: NssMode): Variant {
  return {
    id: mode.id,
    options: mode.options,
    async make(workspace: InteropWorkspace): Promise<ProducedFile> {
      const identity = workspace.pki.identities[mode.identity];
      const tag = `nss-${mode.id}-${randomBytes(4).toString('hex')}`;
      const db = join(workspace.dir, `${tag}-db`);
      await mkdir(db, { mode: 0o700 });
      const passwordFile = join(workspace.dir, `${tag}.pass`);
      const emptyFile = join(workspace.dir, `${tag}.empty`);
      await writeFile(passwordFile, `${workspace.password}\n`, { mode: 0o600 });
      await writeFile(emptyFile, '\n', { mode: 0o600 });
      const source = join(workspace.dir, `${tag}-src.p12`);
      await runTool('openssl', ['pkcs12', '-export', '-out', source, '-inkey', identity.key.path, '-in', identity.certificate.path,
        '-name', mode.identity, '-passout', 'env:INTEROP_PASS'], { env: { INTEROP_PASS: workspace.password } });
      await runTool('certutil', ['-N', '-d', `sql:${db}`, '-f', emptyFile]);
      await runTool('pk12util', ['-i', source, '-d', `sql:${db}`, '-k', emptyFile, '-w', passwordFile]);
      const out = join(workspace.dir, `${tag}.p12`);
      await runTool('pk12util', ['-o', out, '-n', mode.identity, '-d', `sql:${db}`, '-k', emptyFile, '-w', passwordFile, ...mode.args]);
      return {
        producer: 'nss', variant: mode.id, options: mode.options, password: workspace.password,
        bytes: await readFile(out), expected: [pkiIdentity(workspace, mode.identity)],
        ...(mode.notes ? { notes: mode.notes } : {}),
      };
    },
  };
}

export const nssProducer: Producer = {
  id: 'nss',
  name: 'NSS pk12util',
  unavailable: async () =>
    ((await which('pk12util')) && (await which('certutil')) ? null : 'pk12util/certutil not on PATH (apt-get install libnss3-tools)'),
  version: async () => {
    try {
      const { stdout } = await runTool('dpkg-query', ['-W', '-f', '${Version}', 'libnss3']);
      return `pk12util (NSS ${stdout.trim()})`;
    } catch {
      return 'pk12util';
    }
  },
  variants: MODES.map(variant),
};
