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

/**
 * One of the run's bundles, encrypted again under `password` by openssl (modern, or `-legacy`
 * for the legacy encoding), in a private temp folder removed at once. OpenSSL encodes the
 * password as RFC 7292 requires (a BMPString of its UTF-8 text for the PKCS#12 KDF, the UTF-8
 * bytes for PBES2), so a runtime that encodes it otherwise cannot decrypt the file.
 * Passwords travel in environment variables, never on a command line.
 */
export async function reencryptedBundle(app: App, bundle: string, password: string): Promise<Buffer> {
  const source = app.bundle(bundle);
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-spec-'));
  try {
    const pem = join(dir, 'identity.pem');
    const out = join(dir, 'reencrypted.p12');
    const env = { ...process.env, VOLTMX_IN_PASS: source.password, VOLTMX_OUT_PASS: password };
    const run = promisify(execFile);
    await run('openssl', ['pkcs12', ...(source.encoding === 'legacy' ? ['-legacy'] : []), '-in', source.path, '-passin', 'env:VOLTMX_IN_PASS', '-nodes', '-out', pem], { env });
    const legacy = source.encoding === 'legacy' ? ['-legacy'] : [];
    await run('openssl', ['pkcs12', '-export', ...legacy, '-in', pem, '-out', out, '-passout', 'env:VOLTMX_OUT_PASS'], { env });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
