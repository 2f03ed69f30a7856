/**
 * Loads bytes or text that are not one of the run's bundles (corrupt, truncated, not PKCS#12),
 * through the same commands as App.load: a pushed file read as RawBytes, or base64 text
 * handed to the runtime unchanged (pushed as a text file when it is long).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadResult } from '../../devices/conformance-app/contract.js';
import type { App } from '../support/app.js';
import { commandStep, textInput, type Step } from '../support/steps.js';

export async function bundleBytes(app: App, bundle: string): Promise<Buffer> {
  return readFile(app.bundle(bundle).path);
}

/** Pushes `bytes` as a file into the app's data directory; the step loads it with loadClientCertificate({cert: RawBytes}). */
export function loadFileBytesStep(fileName: string, bytes: Uint8Array, password: string): Step<LoadResult> {
  return commandStep<LoadResult>(async (session) => ({ action: 'load-rawbytes', source: 'file', input: await session.push(fileName, bytes), password }));
}

export async function loadFileBytes(app: App, fileName: string, bytes: Uint8Array, password: string): Promise<LoadResult> {
  const [loaded] = await app.batch(loadFileBytesStep(fileName, bytes, password));
  return loaded;
}

/** loadClientCertificate({cert: text}) with the text passed to the runtime unchanged. */
export function loadBase64TextStep(text: string, password: string): Step<LoadResult> {
  return commandStep<LoadResult>(async (session) => ({ action: 'load-base64', source: 'base64', input: await textInput(session, text), password }));
}

export async function loadBase64Text(app: App, text: string, password: string): Promise<LoadResult> {
  const [loaded] = await app.batch(loadBase64TextStep(text, password));
  return loaded;
}

/**
 * A real PKCS#12 holding a certificate and no private key, made by openssl (`-nokeys`), from a
 * public certificate only: no key material touches the temp folder.
 */
export async function keylessPkcs12(certificatePem: string, password: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-spec-'));
  try {
    const pem = join(dir, 'cert.pem');
    const out = join(dir, 'nokey.p12');
    await writeFile(pem, certificatePem, { mode: 0o600 });
    await promisify(execFile)('openssl', ['pkcs12', '-export', '-nokeys', '-in', pem, '-out', out, '-passout', `pass:${password}`]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
