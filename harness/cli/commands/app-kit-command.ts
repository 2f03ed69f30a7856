/**
 * `app-kit --out <dir> [--pki [dir]]`: writes the drop-in kit (devices/app-kit) built for the
 * persistent test PKI (its server CA fingerprint baked in) and the guide, docs/app-kit.md.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKit, KIT_FILE_NAME, KIT_VERSION } from '../../../devices/app-kit/build-kit.js';
import { loadPersistentPki, resolvePkiDir } from '../../../servers/pki/persistent/index.js';
import { UsageError } from '../errors.js';
import type { CliIo, Values } from '../io.js';

export const GUIDE_SOURCE = fileURLToPath(new URL('../../../docs/app-kit.md', import.meta.url));
export const GUIDE_FILE_NAME = 'voltmx-conformance-kit.md';

export async function appKitCommand(values: Values, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out <dir> is required', 'app-kit');
  const pkiDir = resolvePkiDir(typeof values.pki === 'string' && values.pki !== '' ? values.pki : undefined, env);
  // The kit says which CA the app was built to trust: the self-test compares it with the run's.
  const pki = await loadPersistentPki(pkiDir, { minimumDaysLeft: 0 });
  const out = resolve(values.out);
  await mkdir(out, { recursive: true });
  const kit = join(out, KIT_FILE_NAME);
  await writeFile(kit, buildKit({ caFingerprint: pki.serverCaSha256 }), { mode: 0o644 });
  const guide = join(out, GUIDE_FILE_NAME);
  await copyFile(GUIDE_SOURCE, guide);
  io.out(`wrote ${kit}`);
  io.out(`wrote ${guide}`);
  io.out(`kit version: ${KIT_VERSION}`);
  io.out(`built for the server CA with SHA-256 ${pki.serverCaSha256} (${pkiDir})`);
  io.out(`next: add ${KIT_FILE_NAME} to the Iris project's modules and wire the form (${GUIDE_FILE_NAME}, "Wire the form")`);
  return 0;
}
