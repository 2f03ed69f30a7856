/**
 * voltmx.net.loadClientCertificate and removeClientCertificate over a CredentialStore:
 * throws only the documented 100 / 101, otherwise answers true or false and remembers why.
 */
import type { LoadFailure, Platform } from '../runtime/contract.js';
import { expectArgumentCount } from '../runtime/voltmx-error.js';
import { decodeCertInput } from './cert-input.js';
import type { CredentialStore } from './credential-store.js';
import { parseLoadArguments } from './load-arguments.js';
import { toLoadFailure } from './load-failure.js';

export class ClientCertificateApi {
  private failure: LoadFailure | null = null;

  constructor(private readonly store: CredentialStore, private readonly platform: Platform) {}

  load(args: readonly unknown[]): boolean {
    const { cert, pass } = parseLoadArguments(args);
    try {
      this.store.load(decodeCertInput(cert), pass);
      this.failure = null;
      return true;
    } catch (error) {
      this.failure = toLoadFailure(error);
      return false;
    }
  }

  /** Android: back to no certificate. iOS: documented Android-only, so a no-op (docs/decisions.md). */
  remove(args: readonly unknown[]): void {
    expectArgumentCount('removeClientCertificate', args.length, 0);
    if (this.platform === 'android') this.store.remove();
  }

  lastLoadFailure(): LoadFailure | null {
    return this.failure;
  }
}
