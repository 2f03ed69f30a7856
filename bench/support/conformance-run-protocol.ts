/** What bench section 5 and its child process (workers/conformance-run.ts) exchange. */
import type { RunTimings } from '../../harness/run/run-conformance.js';

/** The child's result is the stdout line starting with this (WebdriverIO prints there too). */
export const RESULT_PREFIX = 'BENCH-CONFORMANCE-RUN ';

export interface ConformanceRunInput {
  readonly devices: number;
  readonly specs: readonly string[];
  readonly reportDir: string;
  readonly grep?: string;
  /** Through a Selenium Grid of this many relay nodes (each with its own Appium) instead of one local Appium. */
  readonly gridNodes?: number;
}

export interface ConformanceRunResult {
  readonly devices: readonly string[];
  readonly timings: RunTimings;
  readonly exitCode: number;
  readonly infrastructureErrors: readonly string[];
  /** Requirement results by status, over every device. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly unexpected: number;
  /** The first few: "CA-ID@device status: first line of the message". */
  readonly unexpectedResults: readonly string[];
  /** getrusage maxRSS of the child only: PKI, servers, launcher (not Appium, not the workers). */
  readonly orchestratorMaxRssKb: number;
  /** With gridNodes: the Grid's start (Appium servers, hub, nodes), outside the run's timings. */
  readonly gridStartMs?: number;
}
