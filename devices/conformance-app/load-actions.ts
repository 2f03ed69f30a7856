/** The certificate commands: load (RawBytes / base64 / raw arguments) and remove. */
import type { ClientCertificateParams, VoltmxRuntime } from '../../reference/runtime/contract.js';
import type { LoadResult, RemoveResult } from './contract.js';
import { AppActionError } from './app-errors.js';
import { encodeBase64 } from './base64.js';
import { obtainBytes, parseCertSource, resolveText } from './cert-source.js';
import { isTextFileRef } from './command.js';

export interface LoadInputs {
  source: string;
  input: string;
  password: string;
  bytesAs?: 'uint8array' | 'arraybuffer';
  overwriteAfterLoad?: boolean;
}

type Thrown = { errorCode: number | null; message: string };
type LoadOutcome = Omit<LoadResult, 'seq' | 'done' | 'action'>;

export function describeThrown(error: unknown): Thrown {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  const message = error instanceof Error ? error.message : String(error);
  return { errorCode: typeof code === 'number' ? code : null, message };
}

/** Calls loadClientCertificate with whatever arguments, and reports what it returned or threw. */
export function callLoad(runtime: VoltmxRuntime, args: unknown[]): LoadOutcome {
  const load = runtime.net.loadClientCertificate as (...a: unknown[]) => unknown;
  try {
    const returned = load.apply(runtime.net, args);
    const outcome: LoadOutcome = { returned: returned === true };
    const reason = returned === true ? null : runtime.lastLoadFailure?.() ?? null;
    if (reason) outcome.reason = reason.code;
    return outcome;
  } catch (error) {
    return { thrown: describeThrown(error) };
  }
}

export async function loadRawBytes(runtime: VoltmxRuntime, inputs: LoadInputs): Promise<LoadOutcome> {
  const bytes = await obtainBytes(runtime, parseCertSource(inputs.source), inputs.input);
  // Both RawBytes forms a runtime hands an app; an ArrayBuffer holding exactly the file.
  const cert = inputs.bytesAs === 'arraybuffer' ? Uint8Array.from(bytes).buffer : bytes;
  const params: ClientCertificateParams = { cert, pass: inputs.password };
  const outcome = callLoad(runtime, [params]);
  if (inputs.overwriteAfterLoad) new Uint8Array(cert instanceof ArrayBuffer ? cert : cert.buffer, cert instanceof ArrayBuffer ? 0 : cert.byteOffset, cert.byteLength).fill(0);
  return outcome;
}

export async function loadBase64(runtime: VoltmxRuntime, inputs: LoadInputs): Promise<LoadOutcome> {
  const source = parseCertSource(inputs.source);
  // Base64 typed in goes to the runtime exactly as typed: its own decoding is under test.
  const text = source === 'base64' ? inputs.input : encodeBase64(await obtainBytes(runtime, source, inputs.input));
  const params: ClientCertificateParams = { cert: text, pass: inputs.password };
  return callLoad(runtime, [params]);
}

/** `args` as the command gave them, each {"$textFile": path} replaced by that file's text. */
export function loadWithArguments(runtime: VoltmxRuntime, args: unknown): LoadOutcome {
  if (!Array.isArray(args)) throw new AppActionError('APP_BAD_ARGUMENTS', 'args must be a JSON array');
  return callLoad(runtime, args.map((arg) => withFileTexts(runtime, arg)));
}

function withFileTexts(runtime: VoltmxRuntime, value: unknown): unknown {
  if (isTextFileRef(value)) return resolveText(runtime, value);
  if (Array.isArray(value)) return value.map((v) => withFileTexts(runtime, v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withFileTexts(runtime, v)]));
  }
  return value;
}

export function removeCertificate(runtime: VoltmxRuntime): Omit<RemoveResult, 'seq' | 'done' | 'action'> {
  try {
    runtime.net.removeClientCertificate();
    return {};
  } catch (error) {
    return { thrown: describeThrown(error) };
  }
}
