/**
 * Obtaining the .p12 bytes the way a Volt MX app does: voltmx.io for files, base64 text
 * typed in, or a download through voltmx.net.HttpRequest with responseType "rawdata".
 */
import type { CertSource, TextInput } from './contract.js';
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import { AppActionError } from './app-errors.js';
import { decodeBase64, toUint8Array } from './base64.js';

const SOURCES: readonly CertSource[] = ['file', 'base64', 'url'];

export function parseCertSource(text: string | undefined): CertSource {
  const source = (text ?? '').trim().toLowerCase() || 'file';
  if (!(SOURCES as readonly string[]).includes(source)) {
    throw new AppActionError('APP_BAD_SOURCE', `source must be one of ${SOURCES.join(', ')}; got "${text}"`);
  }
  return source as CertSource;
}

/** A relative path is taken inside the app's data directory (where pushFile puts files). */
export function resolveSandboxPath(runtime: VoltmxRuntime, path: string): string {
  if (path.startsWith('/')) return path;
  const dir = runtime.io.FileSystem.getDataDirectoryPath().replace(/\/+$/, '');
  return `${dir}/${path}`;
}

export function readFileBytes(runtime: VoltmxRuntime, path: string): Uint8Array {
  if (!path.trim()) throw new AppActionError('APP_NO_PATH', 'the command holds no file path');
  const file = runtime.io.FileSystem.getFile(resolveSandboxPath(runtime, path.trim()));
  if (!file.exists()) throw new AppActionError('APP_FILE_NOT_FOUND', `no file at ${file.fullPath}`);
  const content = file.read();
  if (!content) throw new AppActionError('APP_FILE_UNREADABLE', `could not read ${file.fullPath}`);
  return toUint8Array(content.rawBytes);
}

export function downloadBytes(runtime: VoltmxRuntime, url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const request = new runtime.net.HttpRequest();
    request.onReadyStateChange = () => {
      if (request.readyState !== 4) return;
      const response = request.response;
      if (request.status >= 200 && request.status < 300 && response instanceof Uint8Array) {
        resolve(response);
      } else if (request.status >= 200 && request.status < 300 && response instanceof ArrayBuffer) {
        resolve(new Uint8Array(response));
      } else {
        reject(new AppActionError('APP_DOWNLOAD_FAILED', `download of ${url} failed (status ${request.status})`));
      }
    };
    try {
      request.open('GET', url, true);
      request.responseType = 'rawdata';
      request.send();
    } catch (error) {
      reject(new AppActionError('APP_DOWNLOAD_FAILED', `download of ${url} failed: ${(error as Error).message}`));
    }
  });
}

export async function obtainBytes(runtime: VoltmxRuntime, source: CertSource, input: string): Promise<Uint8Array> {
  switch (source) {
    case 'file':
      return readFileBytes(runtime, input);
    case 'base64':
      try {
        return decodeBase64(input);
      } catch (error) {
        throw new AppActionError('APP_INVALID_BASE64', (error as Error).message);
      }
    case 'url':
      return downloadBytes(runtime, input.trim());
  }
}

/** A command's text, or the text content of the sandbox file a {"$textFile"} names. */
export function resolveText(runtime: VoltmxRuntime, input: TextInput | undefined): string {
  if (input === undefined || input === null) return '';
  if (typeof input === 'string') return input;
  if (typeof input.$textFile !== 'string') throw new AppActionError('APP_BAD_COMMAND', 'a text input must be a string or {"$textFile": path}');
  return new TextDecoder().decode(readFileBytes(runtime, input.$textFile));
}
