/**
 * 3. PKCS#12 load: reference decodePkcs12 vs Node's native tls.createSecureContext({ pfx })
 * (target on the OpenSSL 3 default file), and `openssl pkcs12` as a process (reported apart).
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { importOr, type BenchContext } from '../context.js';
import { paired, ratioFigure } from '../measure.js';
import type { Figure } from '../report.js';
import type { BenchSection } from './types.js';

const DEFAULT_TARGET = 1.5;

interface LoadFile {
  readonly label: string;
  readonly bytes: Buffer;
  readonly password: string;
  readonly path: string;
  readonly legacy: boolean;
}

function opensslLoad(file: LoadFile): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['pkcs12', '-in', file.path, '-passin', 'env:BENCH_PASS', '-nodes', '-out', '/dev/null',
      ...(file.legacy ? ['-legacy'] : [])], { stdio: 'ignore', env: { ...process.env, BENCH_PASS: file.password } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`openssl pkcs12 exited ${code}`))));
  });
}

export const pkcs12LoadSection: BenchSection = {
  id: 'pkcs12-load',
  number: 3,
  title: 'PKCS#12 load (decodePkcs12 vs native pfx vs openssl)',
  async run(context: BenchContext): Promise<Figure[]> {
    const { decodePkcs12 } = await importOr<typeof import('../../reference/pkcs12/index.js')>('reference/pkcs12/index.js', 'reference/pkcs12');
    const { opensslProducer } = await importOr<typeof import('../../interop/producers/openssl.js')>('interop/producers/openssl.js', 'interop producers');
    const { keytoolProducer } = await import('../../interop/producers/keytool.js');
    const { randomBytes } = await import('node:crypto');
    const pki = await context.pki();
    const dir = await context.dir();
    const workspace = { pki, dir, password: randomBytes(15).toString('base64url') };
    const files: LoadFile[] = [];
    const add = async (label: string, make: () => Promise<{ bytes: Buffer; password: string }>, legacy = false) => {
      const made = await make();
      const path = join(dir, `load-${label}.p12`);
      await writeFile(path, made.bytes, { mode: 0o600 });
      files.push({ label, bytes: made.bytes, password: made.password, path, legacy });
    };
    const variant = (producer: typeof opensslProducer, id: string) => producer.variants.find((v) => v.id === id)!;
    await add('OpenSSL 3 default', () => variant(opensslProducer, 'default').make(workspace));
    await add('OpenSSL -legacy', () => variant(opensslProducer, 'legacy').make(workspace), true);
    if (!(await keytoolProducer.unavailable())) await add('keytool', () => variant(keytoolProducer, 'import-openssl').make(workspace));

    const figures: Figure[] = [];
    const rounds = context.n(3, 9);
    const batch = context.n(5, 25);
    for (const file of files) {
      const decode = () => decodePkcs12(file.bytes, file.password);
      const native = () => createSecureContext({ pfx: file.bytes, passphrase: file.password });
      let nativeError: string | null = null;
      try {
        native();
      } catch (error) {
        nativeError = (error as Error).message;
      }
      if (nativeError === null) {
        const result = await paired({ rounds, batch, baseline: native, candidate: decode });
        figures.push(ratioFigure(`decodePkcs12 / native pfx, ${file.label}`, 'tls.createSecureContext({ pfx })', result,
          file.label === 'OpenSSL 3 default' ? DEFAULT_TARGET : undefined));
        const spawned = await paired({ rounds, batch: context.n(2, 5), baseline: native, candidate: () => opensslLoad(file) });
        figures.push(ratioFigure(`openssl pkcs12 process / native pfx, ${file.label}`, 'tls.createSecureContext({ pfx })', spawned,
          undefined, 'includes a process spawn'));
      } else {
        // Node 20 refuses RC2-40 without --openssl-legacy-provider: compare with the default file's native load.
        const reference = files[0]!;
        const result = await paired({ rounds, batch, baseline: () => createSecureContext({ pfx: reference.bytes, passphrase: reference.password }), candidate: decode });
        figures.push(ratioFigure(`decodePkcs12 on ${file.label} / native pfx on the default file`, 'tls.createSecureContext({ pfx }), default file', result,
          undefined, `native pfx cannot load this file: ${nativeError}`));
      }
    }
    return figures;
  },
};
