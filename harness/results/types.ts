/** The outcome of one requirement on one device, and what the run expected of it. */
import type { ServerObservation } from '../../servers/backend-kit/types.js';
import type { RequirementLevel } from '../requirements/types.js';

/**
 * pass / fail: the behaviour conforms or not. skip: not applicable (platform) or skipped on
 * purpose. unimplemented: the implementation lacks the API. error: the infrastructure broke
 * (server died, Appium lost the session); never a conformance verdict. blocked: a requirement
 * it builds on failed unexpectedly on the same device, so its own failure says nothing new
 * (blockedBy). differs: a requirement at level decision failed, i.e. the runtime chose
 * otherwise where the sources are open; listed, never a failure (unless the run is strict).
 */
export type ResultStatus = 'pass' | 'fail' | 'skip' | 'unimplemented' | 'error' | 'blocked' | 'differs';

/** What an expectations file may declare; pass is the default, error is never expected. */
export type ExpectedStatus = 'pass' | 'fail' | 'unimplemented' | 'skip';

/** What one test found; several tests may check one requirement. */
export interface TestOutcome {
  readonly requirement: string;
  readonly device: string;
  readonly title: string;
  readonly status: ResultStatus;
  readonly message: string;
  readonly durationMs: number;
  readonly observation?: ServerObservation | null;
  /** The AppResult (or other client-side value) the spec judged. */
  readonly clientResult?: unknown;
  /** Scenario whose server log excerpt belongs to this outcome. */
  readonly scenario?: string | null;
  readonly serverLog?: string | null;
  /** The test's server exchanges (ids of their handshake transcripts), in order. */
  readonly exchanges?: readonly { readonly scenario: string; readonly exchange: string }[];
  /** Handshake transcripts of those exchanges, attached by the run for results that did not pass. */
  readonly transcript?: unknown;
}

export interface RequirementResult {
  readonly requirement: string;
  readonly device: string;
  readonly status: ResultStatus;
  readonly expected: ExpectedStatus;
  readonly unexpected: boolean;
  /** Why the expectation says so, when one exists. */
  readonly expectationReason: string | null;
  readonly message: string;
  readonly observation: ServerObservation | null;
  readonly clientResult: unknown;
  readonly serverLog: string | null;
  readonly tests: readonly { title: string; status: ResultStatus; message: string; durationMs: number }[];
  /** Where the requirement comes from (the catalog's level); absent in results of older versions. */
  readonly level?: RequirementLevel;
  /** status blocked: the failed prerequisites (root causes) on this device. */
  readonly blockedBy?: readonly string[];
  /** What the handshake showed (the server's view), when a backend recorded it. */
  readonly transcript?: unknown;
  /** Unexpected results: the command line that reruns just this requirement on this device. */
  readonly rerun?: string;
}

export interface Expectation {
  readonly status: Exclude<ExpectedStatus, 'pass'>;
  readonly reason: string;
  /** Holds only where the condition does (harness/results/conditions.ts). */
  readonly when?: { readonly platformVersion?: string };
}

/** One device's expectations file (JSON), in the spirit of BoGo config / WPT metadata. */
export interface ExpectationsFile {
  readonly device: string;
  readonly expectations: Readonly<Record<string, Expectation>>;
}
