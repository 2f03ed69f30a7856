/**
 * The voltmx.io subset an app needs to read a .p12: files inside the app sandbox (filesDir),
 * `new File(path)` and `FileSystem.getFile(path)`. Synchronous, as voltmx.io is. Paths
 * outside the sandbox are refused; relative paths resolve in the data directory (the root).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, join } from 'node:path';
import type { RawBytes, VoltmxFile, VoltmxFileConstructor, VoltmxIo } from '../runtime/contract.js';
import { InvalidParameterTypeError, expectArgumentCount } from '../runtime/voltmx-error.js';
import { bytesOfByteInput, rawBytesOf } from '../raw-bytes/raw-bytes.js';
import { ReferenceLayerError } from '../runtime/reference-error.js';

export class OutsideSandboxError extends ReferenceLayerError {
  readonly code = 'IO_OUTSIDE_SANDBOX';
  constructor(message = 'the path is outside the app sandbox') {
    super(message);
  }
}

export function createVoltmxIo(filesDir: string | (() => string)): VoltmxIo {
  // A function: the sandbox is made on first use (most launches never touch voltmx.io).
  let root: string | null = null;
  const rootDir = (): string => (root ??= resolve(typeof filesDir === 'string' ? filesDir : filesDir()));
  const sandboxPath = (name: string, args: unknown[]): string => {
    expectArgumentCount(name, args.length, 1);
    const path = args[0];
    if (typeof path !== 'string' || path === '') throw new InvalidParameterTypeError(`${name} takes a path string`);
    const root = rootDir();
    const full = isAbsolute(path) ? resolve(path) : resolve(root, path);
    const rel = relative(root, full);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new OutsideSandboxError(`${path} is outside the app sandbox`);
    return full;
  };
  /** `new voltmx.io.File(path)`, bound to this launch's sandbox. */
  const File = function File(this: unknown, ...args: unknown[]) {
    if (!new.target) throw new InvalidParameterTypeError('voltmx.io.File is a constructor: use new');
    return new SandboxFile(sandboxPath('File', args));
  } as unknown as VoltmxFileConstructor;
  return {
    File,
    FileSystem: {
      getFile: (...args: unknown[]): VoltmxFile => new SandboxFile(sandboxPath('getFile', args)),
      /** The app's data directory is the sandbox root: relative paths land there too. */
      getDataDirectoryPath: () => rootDir(),
      getCacheDirectoryPath: () => {
        const cacheDir = join(rootDir(), 'cache');
        mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        return cacheDir;
      },
    },
  };
}

class SandboxFile implements VoltmxFile {
  readonly name: string;
  constructor(readonly fullPath: string) {
    this.name = basename(fullPath);
  }

  exists(): boolean {
    return existsSync(this.fullPath);
  }

  read(): RawBytes | null {
    try {
      if (!statSync(this.fullPath).isFile()) return null;
      return rawBytesOf(readFileSync(this.fullPath));
    } catch {
      return null;
    }
  }

  /** RawBytes or text; a Uint8Array / ArrayBuffer too (a reference decision, D1). */
  write(data: RawBytes | string, append = false): boolean {
    const bytes = typeof data === 'string' ? data : bytesOfByteInput(data);
    if (bytes === null) throw new InvalidParameterTypeError('write takes RawBytes or a string');
    try {
      mkdirSync(dirname(this.fullPath), { recursive: true, mode: 0o700 });
      if (append) appendFileSync(this.fullPath, bytes, { mode: 0o600 });
      else writeFileSync(this.fullPath, bytes, { mode: 0o600 });
      return true;
    } catch {
      return false;
    }
  }

  remove(): void {
    rmSync(this.fullPath, { force: true, recursive: true });
  }
}
