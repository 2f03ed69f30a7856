/**
 * What `openssl pkcs12 -info` says a file holds: the independent second opinion on every
 * file. Certificates with a localKeyID bag attribute are the ones paired with a key.
 */
import { X509Certificate } from 'node:crypto';
import { runTool, sha1Fingerprint } from '../producers/tools.js';

export interface OpensslView {
  readonly ok: true;
  readonly keyBags: number;
  /** SHA-1 fingerprints of certificates carrying localKeyID (paired with a key). */
  readonly keyedCertificates: readonly string[];
  readonly certificates: number;
  /** The -info lines about algorithms (MAC, PBE), for the table. */
  readonly algorithms: readonly string[];
  /** Needed `-legacy` (RC2 and other legacy-provider algorithms). */
  readonly legacyProvider: boolean;
}

export interface OpensslViewFailure {
  readonly ok: false;
  readonly error: string;
}

export async function opensslView(path: string, password: string): Promise<OpensslView | OpensslViewFailure> {
  let lastError = '';
  for (const legacy of [false, true]) {
    try {
      const { stdout, stderr } = await runTool('openssl', ['pkcs12', '-in', path, '-info', '-nokeys', '-passin', 'env:INTEROP_PASS',
        ...(legacy ? ['-legacy'] : [])], { env: { INTEROP_PASS: password } });
      return { ok: true, legacyProvider: legacy, ...parse(stdout, stderr) };
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  return { ok: false, error: lastError };
}

function parse(stdout: string, stderr: string): Omit<OpensslView, 'ok' | 'legacyProvider'> {
  const infoLines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const keyBags = infoLines.filter((l) => /^(Shrouded Keybag|Key bag)/i.test(l)).length;
  const algorithms = [...new Set(infoLines.filter((l) => /^(MAC:|PKCS7 Encrypted data:|Shrouded Keybag:)/.test(l)))];
  const keyedCertificates: string[] = [];
  let certificates = 0;
  // Each certificate's bag attributes are printed just before it.
  let preceding = '';
  for (const part of stdout.split(/(-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----)/)) {
    if (part.startsWith('-----BEGIN CERTIFICATE-----')) {
      certificates++;
      if (/localKeyID:/.test(preceding)) keyedCertificates.push(sha1Fingerprint(new X509Certificate(part)));
      preceding = '';
    } else {
      preceding += part;
    }
  }
  return { keyBags, keyedCertificates, certificates, algorithms };
}
