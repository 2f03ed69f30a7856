/** Runs one parsed Command against the runtime; the outcome becomes its StepResult's fields. */
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import type { Command } from './contract.js';
import { runApiCheck } from './api-checks.js';
import { resolveSandboxPath, resolveText } from './cert-source.js';
import { encodeBase64, toUint8Array } from './base64.js';
import { loadBase64, loadRawBytes, loadWithArguments, removeCertificate } from './load-actions.js';
import { sendHttpRequest, sendInvokeService } from './request-actions.js';

/** What the app knows about itself for the info command (a Volt MX build: its version settings). */
export interface AppAbout {
  readonly runtimeVersion: string | null;
  readonly appVersion: string | null;
  /** The kit version and the CA fingerprint the build reports (app contract v2); null: unknown. */
  readonly kitVersion?: string | null;
  readonly caFingerprint?: string | null;
}

type Outcome = Record<string, unknown>;

export async function runCommand(runtime: VoltmxRuntime, about: AppAbout, command: Command): Promise<Outcome> {
  switch (command.action) {
    case 'load-rawbytes':
    case 'load-base64': {
      const inputs = {
        source: command.source ?? 'file', input: resolveText(runtime, command.input), password: String(command.password ?? ''),
        ...(command.bytesAs === 'arraybuffer' || command.bytesAs === 'uint8array' ? { bytesAs: command.bytesAs } : {}),
        ...(command.overwriteAfterLoad === true ? { overwriteAfterLoad: true } : {}),
      };
      return command.action === 'load-rawbytes' ? loadRawBytes(runtime, inputs) : loadBase64(runtime, inputs);
    }
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
    case 'read-file':
      return readFile(runtime, command.input);
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
    platform: runtime.platform, runtimeVersion: about.runtimeVersion, appVersion: about.appVersion, dataDirectory: fs.getDataDirectoryPath(), cacheDirectory,
    kitVersion: about.kitVersion ?? null, caFingerprint: about.caFingerprint ?? null,
  };
}

/** The file's bytes as the app reads them (voltmx.io), base64; null when it is missing or unreadable. */
function readFile(runtime: VoltmxRuntime, path: string): Outcome {
  const file = runtime.io.FileSystem.getFile(resolveSandboxPath(runtime, String(path ?? '').trim()));
  const content = file.exists() ? file.read() : null;
  return { base64: content ? encodeBase64(toUint8Array(content.rawBytes)) : null };
}
