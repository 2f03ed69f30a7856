/** Runs one parsed Command against the runtime; the outcome becomes its StepResult's fields. */
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import type { Command } from './contract.js';
import { runApiCheck } from './api-checks.js';
import { AppActionError } from './app-errors.js';
import type { Deadline } from './deadline.js';
import { resolveText } from './cert-source.js';
import { loadBase64, loadRawBytes, loadWithArguments, removeCertificate } from './load-actions.js';
import { sendHttpRequest, sendInvokeService } from './request-actions.js';

/** What the app knows about itself for the info command (a Volt MX build: its version settings). */
export interface AppAbout {
  readonly runtimeVersion: string | null;
  readonly appVersion: string | null;
}

type Outcome = Record<string, unknown>;

/** The longest idle command: longer periods are what the servers' shortened timeouts stand for. */
const MAX_IDLE_MS = 120_000;

export async function runCommand(runtime: VoltmxRuntime, about: AppAbout, command: Command, deadline?: Deadline): Promise<Outcome> {
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
      return sendHttpRequest(runtime, command, deadline) as Promise<Outcome>;
    case 'invoke-service':
      return sendInvokeService(runtime, command, deadline) as Promise<Outcome>;
    case 'api-check':
      return runApiCheck(runtime, command.check, { url: command.url, body: command.otherUrl ?? '' }) as Promise<Outcome>;
    case 'info':
      return info(runtime, about);
    case 'idle':
      return idle(command.ms);
  }
}

async function idle(ms: unknown): Promise<Outcome> {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_IDLE_MS) {
    throw new AppActionError('APP_BAD_ARGUMENTS', `idle needs ms, a number of milliseconds from 0 to ${MAX_IDLE_MS}; got ${JSON.stringify(ms)}`);
  }
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { idledMs: Date.now() - started };
}

function info(runtime: VoltmxRuntime, about: AppAbout): Outcome {
  const fs = runtime.io.FileSystem;
  let cacheDirectory: string | null;
  try {
    cacheDirectory = fs.getCacheDirectoryPath();
  } catch {
    cacheDirectory = null;
  }
  return { platform: runtime.platform, runtimeVersion: about.runtimeVersion, appVersion: about.appVersion, dataDirectory: fs.getDataDirectoryPath(), cacheDirectory };
}
