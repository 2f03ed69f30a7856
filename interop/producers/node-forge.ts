/**
 * node-forge (pure JavaScript, pinned devDependency, used only here and in check/forge-view.ts):
 * pkcs12.toPkcs12Asn1 on test PKI identities. Its PBES2 files use PBKDF2 with the
 * hmacWithSHA1 PRF (no other producer of the corpus writes that), its 3DES files the PKCS#12
 * PBE; certificates go in a plain SafeContents, the MAC is SHA-1. RSA only: forge has no EC keys.
 */
import { createRequire } from 'node:module';
import forge from 'node-forge';
import { pkiIdentity } from './expected.js';
import type { IdentityName } from '../../servers/pki/types.js';
import type { InteropWorkspace, ProducedFile, Producer, Variant } from './types.js';

const VERSION = (createRequire(import.meta.url)('node-forge/package.json') as { version: string }).version;

interface ForgeMode {
  readonly id: string;
  readonly identity: IdentityName;
  readonly algorithm: 'aes128' | 'aes192' | 'aes256' | '3des';
  readonly chain?: boolean;
  readonly count?: number;
  readonly notes?: string;
}

const MODES: readonly ForgeMode[] = [
  { id: 'aes256', identity: 'rsa-a', algorithm: 'aes256', notes: 'PBES2, PBKDF2 hmacWithSHA1, AES-256-CBC key; plain certificates; SHA-1 MAC' },
  { id: 'aes128', identity: 'rsa-a', algorithm: 'aes128', notes: 'forge default: PBES2, PBKDF2 hmacWithSHA1, AES-128-CBC key' },
  { id: '3des', identity: 'rsa-a', algorithm: '3des', notes: 'pbeWithSHAAnd3-KeyTripleDES-CBC key' },
  { id: 'chain', identity: 'rsa-intermediate', algorithm: 'aes256', chain: true, notes: 'leaf + intermediate + root' },
];

/** The DER of a forge-made PFX for one test PKI identity (chain: leaf first, then the CAs). */
export function forgePkcs12(keyPem: string, certificatePems: readonly string[], password: string, algorithm: ForgeMode['algorithm'], name: string, count = 2048): Buffer {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const certificates = certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certificates, password, { algorithm, friendlyName: name, count });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

const pems = (text: string): string[] => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? [];

function variant(mode: ForgeMode): Variant {
  const options = `forge.pkcs12.toPkcs12Asn1 { algorithm: '${mode.algorithm}' }${mode.chain ? ' with the CA certificates' : ''}`;
  return {
    id: mode.id,
    options,
    async make(workspace: InteropWorkspace): Promise<ProducedFile> {
      const identity = workspace.pki.identities[mode.identity];
      const certificates = mode.chain ? [...pems(identity.chain.pem), workspace.pki.cas.A.certificate.pem] : [identity.certificate.pem];
      return {
        producer: 'node-forge', variant: mode.id, options, password: workspace.password,
        bytes: forgePkcs12(identity.key.pem, certificates, workspace.password, mode.algorithm, mode.identity, mode.count),
        expected: [pkiIdentity(workspace, mode.identity)],
        ...(mode.notes ? { notes: mode.notes } : {}),
      };
    },
  };
}

export const nodeForgeProducer: Producer = {
  id: 'node-forge',
  name: 'node-forge',
  unavailable: async () => null,
  version: async () => `node-forge ${VERSION}`,
  variants: MODES.map(variant),
};
