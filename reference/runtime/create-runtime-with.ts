/**
 * Builds one app launch from its parts. createRuntime passes the real PKCS#12 decoder and
 * ClientCertificateAgent; tests may pass others to isolate one concern.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeOptions } from './contract.js';
import type { ReferenceNet, ReferenceRuntime } from './reference-runtime.js';
import { CredentialStore, type CredentialStoreDependencies } from '../credentials/credential-store.js';
import { ClientCertificateApi } from '../credentials/load-client-certificate.js';
import { createVoltmxIo } from '../io/file-system.js';
import { createNet } from '../net/create-net.js';
import { Transport } from '../net/transport.js';
import { convertToBase64, convertToRawBytes } from '../raw-bytes/convert.js';
import { createTimer } from './timer.js';
import { ReferenceLayerError } from './reference-error.js';

/** voltmx.os.deviceInfo() when the options name no version: recent versions of each platform. */
const DEFAULT_OS_VERSION = { android: '14', ios: '17.4' } as const;

export interface RuntimeParts extends Pick<CredentialStoreDependencies, 'decodePkcs12' | 'createAgent'> {
  /** The transport under both request APIs (default Transport); deliberately broken runtimes pass others. */
  readonly createTransport?: (store: CredentialStore) => Transport;
}

export class InvalidRuntimeOptionsError extends ReferenceLayerError {
  readonly code = 'RUNTIME_INVALID_OPTIONS';
  constructor(message = 'invalid runtime options') {
    super(message);
  }
}

export function createRuntimeWith(options: RuntimeOptions, parts: RuntimeParts): ReferenceRuntime {
  const { platform, trust } = options ?? ({} as RuntimeOptions);
  if (platform !== 'android' && platform !== 'ios') throw new InvalidRuntimeOptionsError('platform must be "android" or "ios"');
  if (!trust || !Array.isArray(trust.ca) || trust.ca.some((c) => typeof c !== 'string')) {
    throw new InvalidRuntimeOptionsError('trust.ca must be an array of PEM strings');
  }
  if (options.osVersion !== undefined && typeof options.osVersion !== 'string') throw new InvalidRuntimeOptionsError('osVersion must be a string');
  const deviceInfo = Object.freeze({ name: platform === 'android' ? 'android' : 'iPhone', version: options.osVersion ?? DEFAULT_OS_VERSION[platform] });
  // No filesDir: a private sandbox of this launch only, made on first use of voltmx.io and
  // removed at shutdown (a launch that never reads a file, or is never shut down, leaves none).
  let ownDir: string | null = null;
  const filesDir = options.filesDir ?? (() => (ownDir ??= mkdtempSync(join(tmpdir(), 'voltmx-ref-sandbox-'))));
  const store = new CredentialStore({ platform, ca: [...trust.ca], decodePkcs12: parts.decodePkcs12, createAgent: parts.createAgent });
  const certificates = new ClientCertificateApi(store, platform);
  const transport = parts.createTransport?.(store) ?? new Transport(store);
  const timer = createTimer();
  let ended: Promise<void> | null = null;
  return {
    platform,
    net: createNet(certificates, transport) as ReferenceNet,
    io: createVoltmxIo(filesDir),
    convertToRawBytes,
    convertToBase64,
    timer: { schedule: timer.schedule, cancel: timer.cancel },
    os: { deviceInfo: () => ({ ...deviceInfo }) },
    lastLoadFailure: () => certificates.lastLoadFailure(),
    shutdown() {
      ended ??= (async () => {
        timer.cancelAll();
        store.shutdown();
        transport.abortAll();
        if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      })();
      return ended;
    },
  };
}
