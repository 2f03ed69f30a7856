/**
 * Python `cryptography`: pkcs12.serialize_key_and_certificates with BestAvailableEncryption,
 * NoEncryption and PrivateFormat.PKCS12.encryption_builder() variants. The script reads
 * paths from argv and the password from the environment.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityName } from '../../servers/pki/types.js';
import { pkiIdentity } from './expected.js';
import { runTool, which } from './tools.js';
import type { InteropWorkspace, ProducedFile, Producer, Variant } from './types.js';

const SCRIPT = `
import os, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12, PrivateFormat
mode, key_path, cert_path, extra_path, name, out = sys.argv[1:7]
password = os.environ["INTEROP_PASS"].encode()
key = serialization.load_pem_private_key(open(key_path, "rb").read(), None)
cert = x509.load_pem_x509_certificate(open(cert_path, "rb").read())
cas = x509.load_pem_x509_certificates(open(extra_path, "rb").read()) if extra_path != "-" else None
if mode == "best":
    enc = serialization.BestAvailableEncryption(password)
elif mode == "none":
    enc = serialization.NoEncryption()
elif mode == "legacy-3des":
    enc = (PrivateFormat.PKCS12.encryption_builder().kdf_rounds(50000)
           .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC).hmac_hash(hashes.SHA1()).build(password))
elif mode == "aes256-sha256":
    enc = (PrivateFormat.PKCS12.encryption_builder().kdf_rounds(20000)
           .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256()).build(password))
else:
    raise SystemExit("unknown mode " + mode)
open(out, "wb").write(pkcs12.serialize_key_and_certificates(name.encode(), key, cert, cas, enc))
`;

const CANDIDATES = ['python3', '/usr/bin/python3'];

/** The first python3 whose cryptography has the PKCS12 encryption builder (38+). */
async function findPython(): Promise<string | null> {
  for (const candidate of CANDIDATES) {
    if (!candidate.startsWith('/') && !(await which(candidate))) continue;
    try {
      await runTool(candidate, ['-c', 'from cryptography.hazmat.primitives.serialization import PrivateFormat; PrivateFormat.PKCS12.encryption_builder']);
      return candidate;
    } catch {
      // next candidate
    }
  }
  return null;
}

let python: Promise<string | null> | undefined;
const pythonOnce = (): Promise<string | null> => (python ??= findPython());

interface PythonMode {
  readonly id: string;
  readonly identity: IdentityName;
  readonly mode: 'best' | 'none' | 'legacy-3des' | 'aes256-sha256';
  readonly options: string;
  readonly chain?: boolean;
}

const MODES: readonly PythonMode[] = [
  { id: 'best-available', identity: 'rsa-a', mode: 'best', options: 'BestAvailableEncryption' },
  { id: 'best-available-ec', identity: 'ec-b', mode: 'best', options: 'BestAvailableEncryption, EC key' },
  { id: 'no-encryption', identity: 'rsa-a', mode: 'none', options: 'NoEncryption' },
  { id: 'legacy-3des', identity: 'rsa-a', mode: 'legacy-3des', options: 'encryption_builder: PBESv1SHA1And3KeyTripleDESCBC, SHA-1 MAC' },
  { id: 'aes256-sha256', identity: 'rsa-a', mode: 'aes256-sha256', options: 'encryption_builder: PBESv2SHA256AndAES256CBC, SHA-256 MAC' },
  { id: 'chain', identity: 'rsa-intermediate', mode: 'best', options: 'BestAvailableEncryption, cas=[intermediate, root]', chain: true },
];

function variant(mode: PythonMode): Variant {
  return {
    id: mode.id,
    options: `pkcs12.serialize_key_and_certificates ${mode.options}`,
    async make(workspace: InteropWorkspace): Promise<ProducedFile> {
      const interpreter = await pythonOnce();
      if (!interpreter) throw new Error('no python3 with cryptography >= 38');
      const identity = workspace.pki.identities[mode.identity];
      const tag = `python-${mode.id}-${randomBytes(4).toString('hex')}`;
      const out = join(workspace.dir, `${tag}.p12`);
      let extra = '-';
      if (mode.chain) {
        extra = join(workspace.dir, `${tag}.cas.pem`);
        const intermediates = identity.chain.pem.slice(identity.certificate.pem.length);
        await writeFile(extra, intermediates + workspace.pki.cas.A.certificate.pem, { mode: 0o600 });
      }
      const password = mode.mode === 'none' ? '' : workspace.password;
      await runTool(interpreter, ['-c', SCRIPT, mode.mode, identity.key.path, identity.certificate.path, extra, mode.identity, out],
        { env: { INTEROP_PASS: password } });
      return {
        producer: 'python-cryptography', variant: mode.id, options: `pkcs12.serialize_key_and_certificates ${mode.options}`,
        password, bytes: await readFile(out), expected: [pkiIdentity(workspace, mode.identity)],
      };
    },
  };
}

export const pythonCryptographyProducer: Producer = {
  id: 'python-cryptography',
  name: 'Python cryptography',
  unavailable: async () => ((await pythonOnce()) ? null : 'no python3 with cryptography >= 38 (apt-get install python3-cryptography)'),
  version: async () => {
    const interpreter = (await pythonOnce())!;
    const { stdout } = await runTool(interpreter, ['-c', 'import cryptography, ssl; print("cryptography", cryptography.__version__)']);
    return stdout.trim();
  },
  variants: MODES.map(variant),
};
