/** A private folder (0700) for key material; files are written 0600. */
import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { PrivateFolderRemovedError } from './errors.js';

export class PrivateFolder {
  private removed = false;

  private constructor(readonly path: string) {}

  /** mkdtemp under `parent` (default: the OS temp folder), then forced to 0700 whatever the umask. */
  static async create(prefix: string, parent: string = tmpdir()): Promise<PrivateFolder> {
    const path = await mkdtemp(join(parent, prefix));
    await chmod(path, 0o700);
    return new PrivateFolder(path);
  }

  /** Writes `relativePath` with mode 0600, creating 0700 subfolders; returns the absolute path. */
  async write(relativePath: string, data: string | Buffer): Promise<string> {
    // Removed (a signal's cleanup ran while the PKI was still being generated): key material
    // must not land in a folder nobody will remove again.
    if (this.removed) throw new PrivateFolderRemovedError(this.path);
    const target = join(this.path, relativePath);
    const folder = dirname(target);
    if (folder !== this.path) {
      // One level at a time, never `recursive`: that would quietly recreate a removed base.
      const parts = relative(this.path, folder).split(sep);
      for (let i = 1; i <= parts.length; i++) {
        const sub = join(this.path, ...parts.slice(0, i));
        await mkdir(sub, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
        });
        await chmod(sub, 0o700);
      }
    }
    await writeFile(target, data, { mode: 0o600, flag: 'wx' });
    return target;
  }

  async remove(): Promise<void> {
    this.removed = true;
    await rm(this.path, { recursive: true, force: true });
  }

  /** For process 'exit' handlers, where nothing asynchronous runs any more. */
  removeSync(): void {
    this.removed = true;
    rmSync(this.path, { recursive: true, force: true });
  }
}
