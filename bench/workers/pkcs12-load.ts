/**
 * Child process for section 3 (run with --openssl-legacy-provider, so native `pfx` can read
 * RC2 files as the issue measured it): for each file of a manifest, decodePkcs12 and
 * tls.createSecureContext({ pfx }) alternately, `rounds` times each or more (small files) after
 * one warm-up, and one
 * JSON line per file with every time. argv: <manifest.json> <rounds> <few-iterations>; the manifest (in the
 * bench's private folder) lists { label, path, password }.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createSecureContext } from 'node:tls';
import { decodePkcs12, DEFAULT_PKCS12_LIMITS } from '../../reference/pkcs12/index.js';

export interface LoadManifestEntry { readonly label: string; readonly path: string; readonly password: string }
export interface LoadTimes {
  readonly label: string;
  readonly decodeMs: number[];
  readonly nativeMs: number[];
  /** CPU time of the process (every thread) per call: the work, whatever the machine's load. */
  readonly decodeCpuMs: number[];
  readonly nativeCpuMs: number[];
  readonly identities: number;
  /** Every KDF run of the file has at most <few-iterations> iterations (argv). */
  readonly fewIterations: boolean;
  readonly decodeError?: string;
  readonly nativeError?: string;
}

function time(run: () => unknown, cpu: number[]): number {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  return performance.now() - started;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function attempt(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return `${(error as { code?: string }).code ?? 'ERROR'}: ${(error as Error).message.split('\n')[0]}`;
  }
}

const [manifestPath, roundsArg, fewArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const fewIterations = Number(fewArg ?? 10_000);
const entries = JSON.parse(readFileSync(manifestPath!, 'utf8')) as LoadManifestEntry[];
for (const entry of entries) {
  const bytes = readFileSync(entry.path);
  const decode = () => decodePkcs12(bytes, entry.password);
  const native = () => createSecureContext({ pfx: bytes, passphrase: entry.password });
  const decodeError = attempt(decode);
  // The decoder's own iteration bound, set to <few-iterations>, says whether a KDF run is above it.
  const few = attempt(() => decodePkcs12(bytes, entry.password, { ...DEFAULT_PKCS12_LIMITS, iterations: fewIterations })) === undefined;
  const nativeError = attempt(native);
  const out: LoadTimes = {
    label: entry.label, decodeMs: [], nativeMs: [], decodeCpuMs: [], nativeCpuMs: [], identities: decodeError ? 0 : decode().identities.length, fewIterations: few,
    ...(decodeError ? { decodeError } : {}), ...(nativeError ? { nativeError } : {}),
  };
  // At least `rounds`; small files go on (up to 50) until each side has run 300 ms, so that
  // their best-of is not one scheduler hiccup on a busy machine.
  const spent = () => Math.min(decodeError ? Infinity : sum(out.decodeMs), nativeError ? Infinity : sum(out.nativeMs));
  for (let round = 0; round < rounds || (round < 50 && spent() < 300); round++) {
    // Alternate which side goes first, so drift on a busy machine hits both alike.
    const sides = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of sides) {
      if (side === 0 && !decodeError) out.decodeMs.push(time(decode, out.decodeCpuMs));
      if (side === 1 && !nativeError) out.nativeMs.push(time(native, out.nativeCpuMs));
    }
  }
  console.log(JSON.stringify(out));
}
