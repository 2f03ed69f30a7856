/**
 * The voltmx.io subset an app needs to read a .p12: files inside the app sandbox (filesDir).
 * Synchronous, as voltmx.io is. Paths outside the sandbox are refused.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RawBytes, VoltmxFile, VoltmxIo } from '../runtime/contract.js';
import { InvalidParameterTypeError, expectArgumentCount } from '../runtime/voltmx-error.js';

export class OutsideSandboxError extends Error {
  readonly code = 'IO_OUTSIDE_SANDBOX';
  constructor(message = 'the path is outside the app sandbox') {
    super(message);
    this.name = 'OutsideSandboxError';
  }
}

export function createVoltmxIo(filesDir: string): VoltmxIo {
  const root = resolve(filesDir);
  const cacheDir = join(root, 'cache');
  return {
    FileSystem: {
      getFile(...args: unknown[]): VoltmxFile {
        expectArgumentCount('getFile', args.length, 1);
        const path = args[0];
        if (typeof path !== 'string' || path === '') throw new InvalidParameterTypeError('getFile takes a path string');
        const full = isAbsolute(path) ? resolve(path) : resolve(root, path);
        const rel = relative(root, full);
        if (rel.startsWith('..') || isAbsolute(rel)) throw new OutsideSandboxError(`${path} is outside the app sandbox`);
        return new SandboxFile(full);
      },
      /** The app's data directory is the sandbox root: relative getFile paths land there too. */
      getDataDirectoryPath: () => root,
      getCacheDirectoryPath: () => {
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

  read(): { readonly rawBytes: RawBytes; readonly text: string } | null {
    try {
      if (!statSync(this.fullPath).isFile()) return null;
      const bytes = readFileSync(this.fullPath);
      return { rawBytes: new Uint8Array(bytes), text: bytes.toString('utf8') };
    } catch {
      return null;
    }
  }

  write(data: RawBytes | string, append = false): boolean {
    if (typeof data !== 'string' && !(data instanceof Uint8Array) && !(data instanceof ArrayBuffer)) {
      throw new InvalidParameterTypeError('write takes RawBytes or a string');
    }
    const bytes = typeof data === 'string' ? data : new Uint8Array(data instanceof ArrayBuffer ? data : data);
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
