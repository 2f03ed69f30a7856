import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ECHO_MODULE } from '../nginx/nginx-files.js';
import { NGINX_BINARY } from '../nginx/nginx-process.js';
import { ServersError } from '../../support/errors/index.js';

const run = promisify(execFile);

export class ImageBuildError extends ServersError {
  readonly code = 'IMAGE_BUILD_FAILED';
  constructor(message = 'Could not build the nginx image from the host nginx') {
    super(message);
  }
}

/** Default image name: tagged by the host binary's hash, so a changed nginx gets a new image. */
export async function defaultNginxImage(): Promise<string> {
  const digest = createHash('sha256').update(await readFile(NGINX_BINARY)).digest('hex').slice(0, 12);
  return `voltmx-conformance/host-nginx:${digest}`;
}

/**
 * Writes a docker build context for a FROM scratch image holding the host's nginx, the echo
 * module, the libraries ldd lists and minimal /etc files (getpwnam("nobody") needs passwd and
 * nsswitch). Nothing is pulled: the only base is scratch.
 */
export async function writeNginxBuildContext(): Promise<string> {
  const context = await mkdtemp(join(tmpdir(), 'voltmx-nginx-image-'));
  try {
    const rootfs = join(context, 'rootfs');
    const files = new Set<string>([NGINX_BINARY, ECHO_MODULE]);
    for (const binary of [NGINX_BINARY, ECHO_MODULE]) {
      for (const lib of await sharedLibraries(binary)) files.add(lib);
    }
    for (const file of files) {
      await mkdir(join(rootfs, dirname(file)), { recursive: true });
      await copyFile(file, join(rootfs, file));
    }
    await mkdir(join(rootfs, 'etc'), { recursive: true });
    await mkdir(join(rootfs, 'tmp'), { recursive: true });
    await writeFile(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n');
    await writeFile(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    await writeFile(join(rootfs, 'etc/nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files\n');
    await writeFile(join(context, 'Dockerfile'), `FROM scratch\nCOPY rootfs/ /\nENTRYPOINT ["${NGINX_BINARY}"]\n`);
    return context;
  } catch (error) {
    await rm(context, { recursive: true, force: true });
    throw new ImageBuildError(`Could not prepare the nginx image: ${(error as Error).message}`);
  }
}

/** Absolute library paths from `ldd` (the loader included), following symlinks via copyFile. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]);
  const paths: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (match) paths.push(match[1]);
  }
  return paths;
}
