/** What `pki show` and `doctor` report about a persistent PKI folder: never throws. */
import { bundledSetFix, describeBundledSet } from './bundled-set.js';
import { PersistentPkiError, PersistentPkiExpiringError } from './errors.js';
import { loadPersistentPki, DEFAULT_MINIMUM_DAYS_LEFT } from './persistent-pki.js';

export type PkiState = 'ready' | 'missing' | 'incomplete' | 'insecure' | 'expiring' | 'expired';

export interface PkiStatus {
  readonly dir: string;
  readonly state: PkiState;
  /** Stable error code when not ready. */
  readonly code?: string;
  readonly detail: string;
  readonly fix?: string;
  readonly serverCa?: string;
  readonly serverCaSha256?: string;
  readonly notAfter?: string;
  readonly daysLeft?: number;
  readonly createdAt?: string;
  /** The files an app ships for CA-LOAD-BUNDLED (`pki export --format bundle`); optional, so not part of `state`. */
  readonly bundledSet?: 'present' | 'absent' | 'damaged';
  readonly bundledDetail?: string;
  readonly bundledFix?: string;
}

const STATES: Readonly<Record<string, PkiState>> = {
  PKI_NOT_INITIALIZED: 'missing', PKI_INCOMPLETE: 'incomplete', PKI_INSECURE: 'insecure',
};

export async function persistentPkiStatus(dir: string, now = new Date()): Promise<PkiStatus> {
  try {
    const pki = await loadPersistentPki(dir, { now, minimumDaysLeft: 0 });
    const daysLeft = Math.floor((pki.notAfter.getTime() - now.getTime()) / 86_400_000);
    const base = {
      dir, serverCa: pki.serverCa, serverCaSha256: pki.serverCaSha256,
      notAfter: pki.notAfter.toISOString(), daysLeft, createdAt: pki.createdAt,
      bundledSet: pki.bundled.state, bundledDetail: describeBundledSet(pki.bundled),
      ...(bundledSetFix(dir, pki.bundled.state) ? { bundledFix: bundledSetFix(dir, pki.bundled.state) } : {}),
    };
    if (daysLeft < DEFAULT_MINIMUM_DAYS_LEFT) {
      const expiring = new PersistentPkiExpiringError(dir, pki.notAfter, daysLeft);
      return { ...base, state: 'expiring', code: expiring.code, detail: expiring.message, fix: expiring.fix };
    }
    return { ...base, state: 'ready', detail: `server CA valid until ${base.notAfter} (${daysLeft} days)` };
  } catch (error) {
    if (error instanceof PersistentPkiExpiringError) {
      return {
        dir, state: 'expired', code: error.code, detail: error.message, fix: error.fix,
        notAfter: error.notAfter.toISOString(), daysLeft: error.daysLeft,
      };
    }
    if (error instanceof PersistentPkiError) {
      return { dir, state: STATES[error.code] ?? 'incomplete', code: error.code, detail: error.message, fix: error.fix };
    }
    throw error;
  }
}
