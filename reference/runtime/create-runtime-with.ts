/**
 * Builds one app launch from its parts. createRuntime passes the real PKCS#12 decoder and
 * ClientCertificateAgent; tests may pass others to isolate one concern.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeOptions, VoltmxRuntime } from './contract.js';
import { CredentialStore, type CredentialStoreDependencies } from '../credentials/credential-store.js';
import { ClientCertificateApi } from '../credentials/load-client-certificate.js';
import { createVoltmxIo } from '../io/file-system.js';
import { createNet } from '../net/create-net.js';
import { Transport } from '../net/transport.js';

export interface RuntimeParts extends Pick<CredentialStoreDependencies, 'decodePkcs12' | 'createAgent'> {
  /** The transport under both request APIs (default Transport); deliberately broken runtimes pass others. */
  readonly createTransport?: (store: CredentialStore) => Transport;
}

export class InvalidRuntimeOptionsError extends Error {
  readonly code = 'RUNTIME_INVALID_OPTIONS';
  constructor(message = 'invalid runtime options') {
    super(message);
    this.name = 'InvalidRuntimeOptionsError';
  }
}

export function createRuntimeWith(options: RuntimeOptions, parts: RuntimeParts): VoltmxRuntime {
  const { platform, trust } = options ?? ({} as RuntimeOptions);
  if (platform !== 'android' && platform !== 'ios') throw new InvalidRuntimeOptionsError('platform must be "android" or "ios"');
  if (!trust || !Array.isArray(trust.ca) || trust.ca.some((c) => typeof c !== 'string')) {
    throw new InvalidRuntimeOptionsError('trust.ca must be an array of PEM strings');
  }
  // No filesDir: a private sandbox of this launch only, removed at shutdown.
  const ownDir = options.filesDir === undefined ? mkdtempSync(join(tmpdir(), 'voltmx-ref-sandbox-')) : null;
  const filesDir = options.filesDir ?? ownDir!;
  const store = new CredentialStore({ platform, ca: [...trust.ca], decodePkcs12: parts.decodePkcs12, createAgent: parts.createAgent });
  const certificates = new ClientCertificateApi(store, platform);
  const transport = parts.createTransport?.(store) ?? new Transport(store);
  let ended: Promise<void> | null = null;
  return {
    platform,
    net: createNet(certificates, transport),
    io: createVoltmxIo(filesDir),
    lastLoadFailure: () => certificates.lastLoadFailure(),
    shutdown() {
      ended ??= (async () => {
        store.shutdown();
        transport.abortAll();
        if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      })();
      return ended;
    },
  };
}
