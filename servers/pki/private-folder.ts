/** A private folder (0700) for key material; files are written 0600. */
import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class PrivateFolder {
  private constructor(readonly path: string) {}

  /** mkdtemp under `parent` (default: the OS temp folder), then forced to 0700 whatever the umask. */
  static async create(prefix: string, parent: string = tmpdir()): Promise<PrivateFolder> {
    const path = await mkdtemp(join(parent, prefix));
    await chmod(path, 0o700);
    return new PrivateFolder(path);
  }

  /** Writes `relativePath` with mode 0600, creating 0700 subfolders; returns the absolute path. */
  async write(relativePath: string, data: string | Buffer): Promise<string> {
    const target = join(this.path, relativePath);
    const folder = dirname(target);
    if (folder !== this.path) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await chmod(folder, 0o700);
    }
    await writeFile(target, data, { mode: 0o600, flag: 'wx' });
    return target;
  }

  async remove(): Promise<void> {
    await rm(this.path, { recursive: true, force: true });
  }

  /** For process 'exit' handlers, where nothing asynchronous runs any more. */
  removeSync(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
