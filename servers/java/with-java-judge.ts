/**
 * Adds the Java judge to a started backend when javac is present: one StartedBackend with the
 * endpoints of both. Without Java the fleet runs as before and says why (JavaJudgeStatus).
 */
import { join } from 'node:path';
import type { BackendResources, StartedBackend } from '../fleet/types.js';
import type { TestPki } from '../pki/types.js';
import { startJavaJudge, type StartedJavaJudge } from './java-judge.js';
import { findJava } from './java-tools.js';

/** Whether a fleet's Java judge runs: 'off' (not asked for), 'unavailable' (no javac), 'running'. */
export type JavaJudgeStatus =
  | { readonly state: 'off' }
  | { readonly state: 'unavailable'; readonly reason: string }
  | { readonly state: 'running' };

export async function withJavaJudge(
  started: StartedBackend, pki: TestPki, workDir: string,
): Promise<{ backend: StartedBackend; status: JavaJudgeStatus }> {
  const java = await findJava();
  if (!java.available) return { backend: started, status: { state: 'unavailable', reason: java.reason } };
  try {
    const judge = await startJavaJudge({ pki, workDir: join(workDir, 'java'), tools: java });
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

  async stop(): Promise<void> {
    await Promise.all([this.main.stop(), this.java.stop()]);
  }
}
