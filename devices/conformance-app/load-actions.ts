/** The certificate commands: load (RawBytes / base64 / raw arguments) and remove. */
import type { ClientCertificateParams, VoltmxRuntime } from '../../reference/runtime/contract.js';
import type { AppHost, LoadResult, RemoveResult } from './contract.js';
import { AppActionError } from './app-errors.js';
import { obtainRawBytes, parseCertSource, resolveText } from './cert-source.js';
import { isTextFileRef } from './command.js';

export interface LoadInputs {
  source: string;
  input: string;
  password: string;
  clearAfterLoad?: boolean;
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

/** The RawBytes go to the runtime exactly as the platform made them. */
export async function loadRawBytes(runtime: VoltmxRuntime, host: AppHost, inputs: LoadInputs): Promise<LoadOutcome> {
  const cert = await obtainRawBytes(runtime, host, parseCertSource(inputs.source), inputs.input);
  const params: ClientCertificateParams = { cert, pass: inputs.password };
  const outcome = callLoad(runtime, [params]);
  // The very object passed, wiped at once: what the runtime loaded must not depend on it.
  if (inputs.clearAfterLoad) cert.clear();
  return outcome;
}

export async function loadBase64(runtime: VoltmxRuntime, host: AppHost, inputs: LoadInputs): Promise<LoadOutcome> {
  const source = parseCertSource(inputs.source);
  // Base64 typed in goes to the runtime exactly as typed: its own decoding is under test.
  const text = source === 'base64' ? inputs.input : runtime.convertToBase64(await obtainRawBytes(runtime, host, source, inputs.input));
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
