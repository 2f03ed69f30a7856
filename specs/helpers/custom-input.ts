/**
 * Loads bytes or text that are not one of the run's bundles (corrupt, truncated, not PKCS#12),
 * through the same screen as App.load: a pushed file read as RawBytes, or typed base64 text
 * handed to the runtime unchanged.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ElementId, type LoadResult } from '../../devices/conformance-app/contract.js';
import type { App } from '../support/app.js';

export async function bundleBytes(app: App, bundle: string): Promise<Buffer> {
  return readFile(app.bundle(bundle).path);
}

/** Pushes `bytes` as a file into the app sandbox and loads it with loadClientCertificate({cert: RawBytes}). */
export async function loadFileBytes(app: App, fileName: string, bytes: Uint8Array, password: string): Promise<LoadResult> {
  await app.browser.pushFile(app.device.pushPathTemplate.replace('{fileName}', fileName), Buffer.from(bytes).toString('base64'));
  await app.fill({ [ElementId.certSource]: 'file', [ElementId.certInput]: app.device.appPathTemplate.replace('{fileName}', fileName), [ElementId.certPassword]: password });
  return (await app.press(ElementId.loadRawBytes)) as LoadResult;
}

/** loadClientCertificate({cert: text}) with the typed text passed to the runtime unchanged. */
export async function loadBase64Text(app: App, text: string, password: string): Promise<LoadResult> {
  await app.fill({ [ElementId.certSource]: 'base64', [ElementId.certInput]: text, [ElementId.certPassword]: password });
  return (await app.press(ElementId.loadBase64)) as LoadResult;
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
