/**
 * Evidence a spec attaches to the test that is running: what the server observed, what the
 * client returned, which scenario answered. The spec and the reporter share one worker
 * process but may load this module twice (different loaders), so the slot is on globalThis.
 */
import type { ServerObservation } from '../../servers/backend-kit/types.js';

export interface Evidence {
  observation?: ServerObservation | null;
  clientResult?: unknown;
  scenario?: string | null;
  /** Why a test skipped itself (mocha's this.skip() carries no reason). */
  skipReason?: string;
  /** Every server exchange of the test, in order: the run attaches their handshake transcripts. */
  exchanges?: ExchangeRef[];
}

/** Names one request's transcript, which the server fleet keeps (StartedServerFleet.transcript). */
export interface ExchangeRef {
  readonly scenario: string;
  readonly exchange: string;
}

const SLOT = Symbol.for('voltmx-conformance.evidence');
type Holder = { [SLOT]?: Evidence };

/** Merges into the current test's evidence (later calls win per field). */
export function recordEvidence(evidence: Evidence): void {
  const holder = globalThis as Holder;
  holder[SLOT] = { ...(holder[SLOT] ?? {}), ...evidence };
}

/** Appends one exchange to the current test's evidence. */
export function recordExchange(ref: ExchangeRef): void {
  const holder = globalThis as Holder;
  const current = holder[SLOT] ?? {};
  holder[SLOT] = { ...current, exchanges: [...(current.exchanges ?? []), ref] };
}

/** Returns and clears the current test's evidence. */
export function takeEvidence(): Evidence {
  const holder = globalThis as Holder;
  const evidence = holder[SLOT] ?? {};
  delete holder[SLOT];
  return evidence;
}
