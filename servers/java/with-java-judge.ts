/**
 * Adds the Java judge to a started backend when javac is present: one StartedBackend with the
 * endpoints of both. Without Java the fleet runs as before and says why (JavaJudgeStatus).
 */
import { join } from 'node:path';
import type { BackendResources, HandshakeTranscript, StartedBackend } from '../backend-kit/types.js';
import type { TestPki } from '../pki/types.js';
import { startJavaJudge, type StartedJavaJudge } from './java-judge.js';
import type { JavaAvailability } from './java-tools.js';

/** Whether a fleet's Java judge runs: 'off' (not asked for), 'unavailable' (no javac), 'running'. */
export type JavaJudgeStatus =
  | { readonly state: 'off' }
  | { readonly state: 'unavailable'; readonly reason: string }
  | { readonly state: 'running' };

export interface WithJavaJudgeOptions {
  readonly pki: TestPki;
  /** The fleet's private folder; the judge builds into its java/ subfolder. */
  readonly workDir: string;
  /** findJava()'s answer, looked up before the fleet starts (it decides how many ports the plan needs). */
  readonly java: JavaAvailability;
  /** The fleet's listen addresses; the judge listens on each, same port on each. */
  readonly listen?: readonly string[];
  /** Fixed ports for JAVA_SCENARIOS, in order (the plan's ports after the main scenarios'). */
  readonly ports?: readonly number[];
}

export async function withJavaJudge(
  started: StartedBackend, options: WithJavaJudgeOptions,
): Promise<{ backend: StartedBackend; status: JavaJudgeStatus }> {
  const { java } = options;
  if (!java.available) return { backend: started, status: { state: 'unavailable', reason: java.reason } };
  try {
    const judge = await startJavaJudge({
      pki: options.pki, workDir: join(options.workDir, 'java'), tools: java,
      ...(options.listen ? { listen: options.listen } : {}), ...(options.ports ? { ports: options.ports } : {}),
    });
    return { backend: new BackendWithJavaJudge(started, judge), status: { state: 'running' } };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

class BackendWithJavaJudge implements StartedBackend {
  readonly endpoints;

  constructor(private readonly main: StartedBackend, private readonly java: StartedJavaJudge) {
    this.endpoints = [...main.endpoints, ...java.endpoints];
  }

  resources(): BackendResources {
    const [a, b] = [this.main.resources(), this.java.resources()];
    return { pids: [...a.pids, ...b.pids], containerIds: [...a.containerIds, ...b.containerIds] };
  }

  async failure() {
    return (await this.main.failure()) ?? (await this.java.failure());
  }

  logs(scenario?: string): string {
    if (scenario !== undefined && this.java.endpoints.some((e) => e.scenario === scenario)) return this.java.logs(scenario);
    return this.main.logs(scenario);
  }

  transcript(scenario: string, exchange: string): HandshakeTranscript | null {
    if (this.java.endpoints.some((e) => e.scenario === scenario)) return this.java.transcript(scenario, exchange);
    return this.main.transcript?.(scenario, exchange) ?? null;
  }

  async stop(): Promise<void> {
    await Promise.all([this.main.stop(), this.java.stop()]);
  }
}
