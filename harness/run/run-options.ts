/** What a conformance run is asked to do (RunOptions) and what it gives back (RunOutcome). */
import type { DeviceProfile } from '../../devices/profiles/index.js';
import type { CommandRunner } from '../../devices/prepare/index.js';
import type { FleetNetwork } from '../../servers/fleet/network.js';
import type { BackendName } from '../../servers/backend-kit/types.js';
import type { LoadedPersistentPki } from '../../servers/pki/persistent/index.js';
import type { RunReport } from '../reports/run-report.js';
import type { DeviceSelector } from '../reports/rerun.js';
import type { WrittenReports } from '../reports/write-reports.js';
import type { ExpectationsFile } from '../results/types.js';
import type { ReachOptions } from './device-reach.js';
import type { RunDevice } from './devices-file.js';

export interface RunOptions {
  /** Devices named after their profiles (`--device`); ignored when `devices` is given. */
  readonly profiles?: readonly DeviceProfile[];
  /** Named devices (`--devices <file>`): results, reports and expectations are keyed by name. */
  readonly devices?: readonly RunDevice[];
  readonly backend: BackendName;
  readonly specs: readonly string[];
  readonly expectations: ReadonlyMap<string, ExpectationsFile>;
  /** Where regenerated expectations go, per device; undefined: do not update. */
  readonly updateExpectationsIn?: (device: string) => string;
  readonly reportDir: string;
  readonly grep?: string;
  /** An exact filter (`run --requirement`): only these requirements; `grep` selects their tests. */
  readonly requirements?: readonly string[];
  /** Arguments every rerun line repeats (backend, implementation, expectations, network). */
  readonly rerunArgs?: readonly string[];
  /**
   * The arguments that select one device in a rerun line (the CLI: `--device <profile>`, or
   * `--devices <file> --only-device <name>`). Default: `--device <profile>` for a device named
   * after its profile with nothing of its own, with the implementation it hosts; others none.
   */
  readonly rerunDevice?: DeviceSelector;
  /** `--strict`: a difference from the reference's decisions is a failure, not `differs`. */
  readonly strict?: boolean;
  /** The expectations files or folders given (provenance). */
  readonly expectationSources?: readonly string[];
  readonly appiumUrl?: string;
  readonly keepPki: boolean;
  /** Issue the run's leaves under these persistent roots (`run --pki`); default: a throwaway PKI. */
  readonly persistentPki?: LoadedPersistentPki;
  /** --bind / --ports. */
  readonly network?: FleetNetwork;
  /** --host (server certificate SANs; the first goes into device URLs) and --adb-reverse. */
  readonly reach?: ReachOptions;
  /** Runs adb / xcrun for the device preparation; default: the real tools. */
  readonly commandRunner?: CommandRunner;
  readonly tool: { name: string; version: string };
  readonly log: (line: string) => void;
  /**
   * Aborting stops the run: the WebdriverIO workers are shut down, a stage in progress ends,
   * then everything is torn down as usual and runConformance rejects with RunInterruptedError
   * (no report). A stage is never abandoned half-way, so what it started is always stopped.
   */
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly exitCode: number;
  readonly written: WrittenReports;
  readonly updatedExpectations: readonly string[];
  /** The private folder of the run (context, generated config, outcomes); already removed. */
  readonly runDir: string;
  readonly timings: RunTimings;
}

/** Wall-clock milliseconds per stage (what the log's "done in" lines say); null: not reached. */
export interface RunTimings {
  readonly pkiMs: number | null;
  readonly fleetMs: number | null;
  /** Start of the local Appium server (or the check of a remote one). */
  readonly appiumMs: number | null;
  /** The WebdriverIO launcher: workers, sessions and every spec, all devices in parallel. */
  readonly specsMs: number | null;
  /** Collecting outcomes, server health, expectations, writing the reports. */
  readonly reportsMs: number;
  /** Stopping Appium and the fleet, removing the PKI and the run folder. */
  readonly teardownMs: number;
  readonly totalMs: number;
}

export type MutableTimings = { -readonly [K in keyof RunTimings]: RunTimings[K] };
