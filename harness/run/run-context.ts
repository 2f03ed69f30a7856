/**
 * What the orchestrator hands to the spec workers: endpoints, PKI facts and where to write
 * outcomes. A JSON file in the run's private folder; its path travels in the WebdriverIO
 * configuration (`voltmxRunContext`, which a worker's browser keeps in `browser.options`), or,
 * from the launcher service, in a capability the worker service moves there before the session.
 * It holds bundle passwords, so it lives only in that 0700 folder, removed after the run.
 */
import { readFileSync } from 'node:fs';
import type { PushLayout } from '../../devices/profiles/push-layout.js';
import type { JavaJudgeStatus } from '../../servers/java/with-java-judge.js';
import type { Pkcs12Bundle } from '../../servers/pki/types.js';
import { HarnessError } from '../../support/errors/index.js';

/** The key of the WebdriverIO configuration (and so of a worker's `browser.options`) naming the context file. */
export const RUN_CONTEXT_OPTION = 'voltmxRunContext';
/** The capability that carries it from a launcher service; never sent to Appium (worker-service.ts). */
export const RUN_CONTEXT_CAPABILITY = 'voltmx:runContext';

export interface RunContextDevice {
  readonly name: string;
  readonly platform: 'android' | 'ios';
  readonly appId: string;
  /** Host name the device uses for the host's servers. */
  readonly hostAlias: string;
  /** Where pushFile writes a file the app then finds; {fileName} stands for the name. */
  readonly pushPathTemplate: string;
  /** What a load command names as the file's path. */
  readonly appPathTemplate: string;
  /** How pushFile paths follow from the data directory the app's info command reports. */
  readonly pushLayout: PushLayout;
  /** How long to wait for one command before the device counts as stuck (infrastructure error). */
  readonly actionTimeoutMs: number;
  /** The app's own deadline per runtime call (the profile's appDeadlineMs), when the profile sets one. */
  readonly appDeadlineMs?: number;
}

export interface RunContextIdentity {
  readonly keyType: 'RSA' | 'EC';
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly fingerprint: string;
}

/** A bundle as the PKI describes it; the run context carries it unchanged. */
export type RunContextBundle = Pkcs12Bundle;

/** One .p12 file the app ships (CA-LOAD-BUNDLED), and the identity the server must then see. */
export interface RunContextBundledFile {
  /** The bundle's name: "rsa-a.modern". */
  readonly name: string;
  /** What the app ships and the command names: "rsa-a.modern.p12". */
  readonly fileName: string;
  readonly password: string;
  /** The file on this machine: what the app's copy must equal, byte for byte. */
  readonly path: string;
  /** The identity's name ("rsa-a") and what the server sees of it (its own fingerprint: not the run's leaf). */
  readonly identity: string;
  readonly expected: RunContextIdentity;
}

export interface RunContextBundled {
  /** persistent-pki: the persistent PKI's long-lived set (pki export --format bundle); run-pki: the run's own bundles. */
  readonly from: 'persistent-pki' | 'run-pki';
  /** By bundle name ("rsa-a.modern"). */
  readonly files: Readonly<Record<string, RunContextBundledFile>>;
}

export interface RunContext {
  readonly backend: string;
  /** Scenario id -> https://localhost:<port> */
  readonly origins: Readonly<Record<string, string>>;
  /** Whether the Java judge's scenarios (java-*) are in origins, and why not. */
  readonly javaJudge?: JavaJudgeStatus;
  readonly serverCaPem: string;
  readonly identities: Readonly<Record<string, RunContextIdentity>>;
  readonly bundles: Readonly<Record<string, RunContextBundle>>;
  /** The files bundled with the app, for `source: "bundled"` (harness/run/bundled-files.ts). */
  readonly bundled: RunContextBundled;
  /** Device name (capability 'voltmx:device') -> device facts. */
  readonly devices: Readonly<Record<string, RunContextDevice>>;
  /**
   * The address the fleet listens on (--bind): listeners the specs open themselves (a silent
   * server, a closed port) use it too, so a device off this machine's loopback reaches them.
   */
  readonly bind?: string;
  /** Folder where each worker appends its outcomes (JSON lines). */
  readonly outcomesDir: string;
}

export class RunContextMissingError extends HarnessError {
  readonly code = 'RUN_CONTEXT_MISSING';
  constructor(message = `No run context: specs run through \`voltmx-conformance run\` or the voltmx-conformance/wdio services (no "${RUN_CONTEXT_OPTION}" in the WebdriverIO options)`) {
    super(message);
  }
}

/** The context file a WebdriverIO configuration (or a worker's browser.options) names. */
export function runContextFileOf(options: unknown): string {
  const file = (options as Record<string, unknown> | undefined)?.[RUN_CONTEXT_OPTION];
  if (typeof file !== 'string' || !file) throw new RunContextMissingError();
  return file;
}

const cache = new Map<string, RunContext>();

/** Reads the context file (once per file: it does not change during a run). */
export function readRunContext(file: string): RunContext {
  let context = cache.get(file);
  if (!context) {
    context = JSON.parse(readFileSync(file, 'utf8')) as RunContext;
    cache.set(file, context);
  }
  return context;
}
