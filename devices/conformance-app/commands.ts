/** Runs one parsed Command against the runtime; the outcome becomes its StepResult's fields. */
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import type { AppHost, Command } from './contract.js';
import { runApiCheck } from './api-checks.js';
import { readFileBase64, resolveText } from './cert-source.js';
import { loadBase64, loadRawBytes, loadWithArguments, removeCertificate } from './load-actions.js';
import { sendHttpRequest, sendInvokeService } from './request-actions.js';

/** What the app knows about itself for the info command (a Volt MX build: its version settings). */
export interface AppAbout {
  readonly runtimeVersion: string | null;
  readonly appVersion: string | null;
  /** The app kit's own version; the TypeScript app reports what its host tells it. */
  readonly kitVersion?: string;
  /** SHA-256 (lowercase hex) of the DER of the server CA the app trusts, when the host knows it. */
  readonly caFingerprint?: string | null;
}

/** The TypeScript app's version when its host names none. */
export const APP_KIT_VERSION = 'conformance-app (TypeScript) 2';

type Outcome = Record<string, unknown>;

export async function runCommand(runtime: VoltmxRuntime, about: AppAbout, host: AppHost, command: Command): Promise<Outcome> {
  switch (command.action) {
    case 'load-rawbytes':
    case 'load-base64': {
      const inputs = {
        source: command.source ?? 'file', input: resolveText(runtime, command.input), password: String(command.password ?? ''),
        ...(command.clearAfterLoad === true ? { clearAfterLoad: true } : {}),
      };
      return command.action === 'load-rawbytes' ? loadRawBytes(runtime, host, inputs) : loadBase64(runtime, host, inputs);
    }
    case 'read-file':
      return { base64: readFileBase64(runtime, String(command.input ?? '')) };
    case 'load-with-arguments':
      return loadWithArguments(runtime, command.args);
    case 'remove-certificate':
      return removeCertificate(runtime);
    case 'http-request':
      return sendHttpRequest(runtime, command) as Promise<Outcome>;
    case 'invoke-service':
      return sendInvokeService(runtime, command) as Promise<Outcome>;
    case 'api-check':
      return runApiCheck(runtime, command.check, { url: command.url, body: command.otherUrl ?? '' }) as Promise<Outcome>;
    case 'info':
      return info(runtime, about);
  }
}

function info(runtime: VoltmxRuntime, about: AppAbout): Outcome {
  const fs = runtime.io.FileSystem;
  let cacheDirectory: string | null;
  try {
    cacheDirectory = fs.getCacheDirectoryPath();
  } catch {
    cacheDirectory = null;
  }
  return {
    platform: runtime.platform, runtimeVersion: about.runtimeVersion, appVersion: about.appVersion,
    dataDirectory: fs.getDataDirectoryPath(), cacheDirectory,
    kitVersion: about.kitVersion ?? APP_KIT_VERSION, caFingerprint: about.caFingerprint ?? null,
  };
}
