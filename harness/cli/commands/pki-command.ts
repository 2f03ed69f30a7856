/** `pki init | show | export`: the persistent test PKI (servers/pki/persistent). */
import {
  bundledSetFix, describeBundledSet, EXPORT_FORMATS, exportPersistentPki, initPersistentPki, persistentPkiStatus, resolvePkiDir, type ExportFormat,
} from '../../../servers/pki/persistent/index.js';
import { UsageError } from '../errors.js';
import type { CliIo, Values } from '../io.js';

const dirOf = (values: Values, env: NodeJS.ProcessEnv): string => resolvePkiDir(values.dir as string | undefined, env);

/** A SHA-256 as `pki show` prints it: 64 hex digits (colons and a sha256: prefix accepted). */
function expectedSha256(value: string): string {
  const hex = value.trim().replace(/^sha256:/i, '').replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new UsageError(`--expect-ca must be the server CA's SHA-256, 64 hex digits as \`pki show\` prints it (got "${value}")`, 'pki init');
  return hex;
}

/**
 * --expect-ca: a CI job whose PKI folder was lost (a cache evicted after 7 days, a secret not
 * restored) must not quietly make a new CA that the prebuilt app does not trust.
 */
async function checkExpectedCa(dir: string, expected: string): Promise<void> {
  const want = expectedSha256(expected);
  const status = await persistentPkiStatus(dir);
  if (status.state === 'missing') {
    throw new UsageError(`--expect-ca ${want}: no persistent test PKI in ${dir}, and pki init would create a new server CA that the app built to trust ${want} rejects. `
      + `Fix: restore the PKI folder the app was built with into ${dir} (CI: from the secret that holds it, see examples/ and docs/devices.md), `
      + 'or drop --expect-ca to start a new PKI and rebuild the app for it', 'pki init');
  }
  if (status.serverCaSha256 && status.serverCaSha256 !== want) {
    throw new UsageError(`--expect-ca ${want}: the persistent test PKI in ${dir} has server CA SHA-256 ${status.serverCaSha256}, not the one the app was built to trust. `
      + `Fix: restore the PKI folder the app was built with into ${dir}, or rebuild the app for this CA (pki export) and update --expect-ca`, 'pki init');
  }
}

export async function pkiInitCommand(values: Values, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const dir = dirOf(values, env);
  if (typeof values['expect-ca'] === 'string') await checkExpectedCa(dir, values['expect-ca']);
  const pki = await initPersistentPki(dir);
  const kept = pki.bundledSet === 'added'
    ? `kept the roots of the persistent test PKI in ${dir} (unchanged) and added its bundled set`
    : `kept the existing persistent test PKI in ${dir} (nothing changed)`;
  io.out(pki.created ? `created the persistent test PKI in ${dir}` : kept);
  io.out(`server CA: ${pki.serverCa}`);
  io.out(`server CA SHA-256: ${pki.serverCaSha256}`);
  io.out(`valid until: ${pki.notAfter.toISOString()}`);
  io.out(`bundled set (CA-LOAD-BUNDLED): ${describeBundledSet(pki.bundled)}`);
  const fix = bundledSetFix(dir, pki.bundled.state);
  if (fix) io.out(`bundled set: ${fix}`);
  io.out('next: voltmx-conformance pki export --format android|ios|pem --out <path> (and --format bundle --out <dir> for the files the app ships), build the app once, then run --pki');
  return 0;
}

export async function pkiShowCommand(values: Values, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const status = await persistentPkiStatus(dirOf(values, env));
  if (values.json) {
    io.out(JSON.stringify(status, null, 2));
  } else {
    io.out(`folder: ${status.dir}`);
    io.out(`state: ${status.state}`);
    if (status.serverCa) io.out(`server CA: ${status.serverCa}`);
    if (status.serverCaSha256) io.out(`server CA SHA-256: ${status.serverCaSha256}`);
    if (status.notAfter) io.out(`valid until: ${status.notAfter} (${status.daysLeft} days)`);
    if (status.bundledDetail) io.out(`bundled set (CA-LOAD-BUNDLED): ${status.bundledDetail}`);
    if (status.bundledFix) io.out(`bundled set fix: ${status.bundledFix}`);
    if (status.state !== 'ready') io.out(status.detail);
  }
  return status.state === 'ready' ? 0 : 1;
}

export async function pkiExportCommand(values: Values, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const format = values.format as string | undefined;
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}${format ? ` (got "${format}")` : ''}`, 'pki export');
  }
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out <path> is required', 'pki export');
  const result = await exportPersistentPki(dirOf(values, env), format as ExportFormat, values.out);
  for (const file of result.files) io.out(`wrote ${file}`);
  io.out(`server CA SHA-256: ${result.serverCaSha256}`);
  for (const step of result.next) io.out(`next: ${step}`);
  return 0;
}
