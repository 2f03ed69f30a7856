/**
 * Specs against the Java judge (servers/java, scenarios java-*): it runs only where javac is
 * installed. Without it a test skips and says why; under CI=true it fails, since CI installs Java.
 */
import assert from 'node:assert/strict';
import { recordEvidence } from '../../harness/run/evidence.js';
import { runContext } from '../support/device.js';

export function requireJavaJudge(test: Mocha.Context): void {
  const status = runContext().javaJudge;
  if (status?.state === 'running') return;
  const reason = status?.state === 'unavailable' ? `Java judge not running: ${status.reason}` : 'Java judge not part of this run';
  if (process.env.CI === 'true') assert.fail(`${reason} (CI=true: the Java judge must run)`);
  recordEvidence({ skipReason: reason });
  test.skip();
}
