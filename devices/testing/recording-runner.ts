/**
 * A CommandRunner that records command lines instead of running them: only for tools that
 * cannot exist on the test machine (adb without an Android SDK, xcrun off macOS).
 */
import { CommandFailedError, commandLine, type CommandResult, type CommandRunner } from '../prepare/command-runner.js';

export interface RecordingRunner extends CommandRunner {
  readonly calls: string[];
}

/** failOn: a command line fragment whose call fails like the real tool would. */
export function recordingRunner(failOn?: string): RecordingRunner {
  const calls: string[] = [];
  return {
    calls,
    run: async (command, args): Promise<CommandResult> => {
      const line = commandLine(command, args);
      calls.push(line);
      if (failOn && line.includes(failOn)) throw new CommandFailedError(line, 'error: no devices/emulators found');
      return { stdout: '', stderr: '' };
    },
  };
}
