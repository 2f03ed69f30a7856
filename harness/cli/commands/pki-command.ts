/** `pki init | show | export`: the persistent test PKI (servers/pki/persistent). */
import {
  EXPORT_FORMATS, exportPersistentPki, initPersistentPki, persistentPkiStatus, resolvePkiDir, type ExportFormat,
} from '../../../servers/pki/persistent/index.js';
import { UsageError } from '../errors.js';
import type { CliIo, Values } from '../io.js';

const dirOf = (values: Values, env: NodeJS.ProcessEnv): string => resolvePkiDir(values.dir as string | undefined, env);

export async function pkiInitCommand(values: Values, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const dir = dirOf(values, env);
  const pki = await initPersistentPki(dir);
  io.out(pki.created ? `created the persistent test PKI in ${dir}` : `kept the existing persistent test PKI in ${dir} (nothing changed)`);
  io.out(`server CA: ${pki.serverCa}`);
  io.out(`server CA SHA-256: ${pki.serverCaSha256}`);
  io.out(`valid until: ${pki.notAfter.toISOString()}`);
  io.out('next: voltmx-conformance pki export --format android|ios|pem --out <path>, build the app once, then run --pki');
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
