/**
 * Obtaining the .p12 as RawBytes the way a Volt MX app does: voltmx.io for files,
 * voltmx.convertToRawBytes for base64 text, an HttpRequest with responseType "rawdata" for a
 * download, or a file bundled with the app. The RawBytes are the runtime's own object: this
 * module never looks inside them, let alone turns them into a typed array.
 */
import { CERT_SOURCES, type AppHost, type CertSource, type TextInput } from './contract.js';
import type { RawBytes, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { AppActionError } from './app-errors.js';

export function parseCertSource(text: string | undefined): CertSource {
  const source = (text ?? '').trim().toLowerCase() || 'file';
  if (!(CERT_SOURCES as readonly string[]).includes(source)) {
    throw new AppActionError('APP_BAD_SOURCE', `source must be one of ${CERT_SOURCES.join(', ')}; got "${text}"`);
  }
  return source as CertSource;
}

/** A relative path is taken inside the app's data directory (where pushFile puts files). */
export function resolveSandboxPath(runtime: VoltmxRuntime, path: string): string {
  if (path.startsWith('/')) return path;
  const dir = runtime.io.FileSystem.getDataDirectoryPath().replace(/\/+$/, '');
  return `${dir}/${path}`;
}

/** new voltmx.io.File(path).read(): the file's RawBytes. */
export function readFileRawBytes(runtime: VoltmxRuntime, path: string): RawBytes {
  if (!path.trim()) throw new AppActionError('APP_NO_PATH', 'the command holds no file path');
  const file = new runtime.io.File(resolveSandboxPath(runtime, path.trim()));
  if (!file.exists()) throw new AppActionError('APP_FILE_NOT_FOUND', `no file at ${file.fullPath}`);
  const content = file.read();
  if (content === null || content === undefined) throw new AppActionError('APP_FILE_UNREADABLE', `could not read ${file.fullPath}`);
  return content;
}

/** GET with responseType "rawdata": the response as the runtime gives it. */
export function downloadRawBytes(runtime: VoltmxRuntime, url: string): Promise<RawBytes> {
  return new Promise((resolve, reject) => {
    const request = new runtime.net.HttpRequest();
    request.onReadyStateChange = () => {
      if (request.readyState !== 4) return;
      const response = request.response;
      if (request.status >= 200 && request.status < 300 && typeof response === 'object' && response !== null) {
        resolve(response as RawBytes);
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

/**
 * The pre-bundled path of the Volt MX page. Android: the host copies the bundled file to
 * voltmx.io.FileSystem.getCacheDirectoryPath() + "/" + name, then the app reads it there. iOS:
 * the host names the file's path in the app bundle, read with voltmx.io.
 */
export function readBundledRawBytes(runtime: VoltmxRuntime, host: AppHost, name: string): RawBytes {
  const file = name.trim();
  if (!file || file.includes('/')) throw new AppActionError('APP_BAD_COMMAND', 'a bundled file is named by its file name alone');
  const notFound = (why: string) => new AppActionError('APP_BUNDLED_FILE_NOT_FOUND', `${file}: ${why}`);
  let path: string;
  if (runtime.os.deviceInfo().name === 'android') {
    if (typeof host.copyBundledFile !== 'function') throw notFound('the app has no copyBundledFile hook');
    path = `${runtime.io.FileSystem.getCacheDirectoryPath().replace(/\/+$/, '')}/${file}`;
    if (host.copyBundledFile(file, path) !== true) throw notFound('not bundled with the app');
  } else {
    if (typeof host.bundledFilePath !== 'function') throw notFound('the app has no bundledFilePath hook');
    const bundled = host.bundledFilePath(file);
    if (typeof bundled !== 'string' || !bundled) throw notFound('not bundled with the app');
    path = bundled;
  }
  const content = new runtime.io.File(path).read();
  if (content === null || content === undefined) throw notFound(`not readable at ${path}`);
  return content;
}

export async function obtainRawBytes(runtime: VoltmxRuntime, host: AppHost, source: CertSource, input: string): Promise<RawBytes> {
  switch (source) {
    case 'file':
      return readFileRawBytes(runtime, input);
    case 'base64':
      try {
        return runtime.convertToRawBytes(input);
      } catch (error) {
        throw new AppActionError('APP_INVALID_BASE64', `convertToRawBytes refused the text: ${(error as Error).message}`);
      }
    case 'url':
      return downloadRawBytes(runtime, input.trim());
    case 'bundled':
      return readBundledRawBytes(runtime, host, input);
  }
}

/** A command's text, or the text content of the sandbox file a {"$textFile"} names. */
export function resolveText(runtime: VoltmxRuntime, input: TextInput | undefined): string {
  if (input === undefined || input === null) return '';
  if (typeof input === 'string') return input;
  if (typeof input.$textFile !== 'string') throw new AppActionError('APP_BAD_COMMAND', 'a text input must be a string or {"$textFile": path}');
  const text = readFileRawBytes(runtime, input.$textFile).text;
  if (typeof text !== 'string') throw new AppActionError('APP_FILE_NOT_TEXT', `${input.$textFile} is not text`);
  return text;
}

/** read-file: voltmx.convertToBase64 of the file's RawBytes; null when the file is missing or unreadable. */
export function readFileBase64(runtime: VoltmxRuntime, path: string): string | null {
  if (!path.trim()) throw new AppActionError('APP_NO_PATH', 'the command holds no file path');
  const content = new runtime.io.File(resolveSandboxPath(runtime, path.trim())).read();
  return content === null || content === undefined ? null : runtime.convertToBase64(content);
}
