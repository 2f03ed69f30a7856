/**
 * The reference's own view of its runtime: the contract, plus what the reference accepts on
 * points the sources leave open. `cert` may also be a Uint8Array or ArrayBuffer (D1): no
 * Volt MX API hands an app one, so this is for code that hosts the reference (tests, bench,
 * interop), never something the suite requires of other platforms.
 */
import type { ClientCertificateParams, VoltmxNet, VoltmxRuntime } from './contract.js';

export interface ReferenceCertificateParams {
  cert: ClientCertificateParams['cert'] | Uint8Array | ArrayBuffer;
  pass: string;
}

export interface ReferenceNet extends VoltmxNet {
  loadClientCertificate(params: ReferenceCertificateParams): boolean;
}

export interface ReferenceRuntime extends VoltmxRuntime {
  readonly net: ReferenceNet;
}
