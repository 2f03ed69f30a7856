/** The voltmx-conformance CLI: parse, dispatch, map errors to exit codes. */
import { ExitCode } from '../reports/run-report.js';
import { DuplicateExpectationsError, ExpectationsFileError } from '../results/errors.js';
import { RunInfrastructureError, RunUsageError } from '../run/errors.js';
import { PersistentPkiError } from '../../servers/pki/persistent/errors.js';
import { commandHelp, globalHelp } from './commands.js';
import { UsageError } from './errors.js';
import { processIo, type CliIo } from './io.js';
import { parseCommandLine } from './parse-command-line.js';
import { TOOL_NAME, toolVersion } from './version.js';

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'version') {
      io.out(`${TOOL_NAME} ${toolVersion()}`);
      return ExitCode.ok;
    }
    if (parsed.kind === 'help') {
      io.out(parsed.command ? commandHelp(parsed.command) : globalHelp());
      return ExitCode.ok;
    }
    const { command, values, positionals } = parsed;
    switch (command.name) {
      // Loaded on demand: `run` pulls in WebdriverIO, which --help and --version do not need.
      case 'run': return await (await import('./commands/run-command.js')).runCommand(values, io);
      case 'merge': return await (await import('./commands/merge-command.js')).mergeCommand(positionals, values, io);
      case 'servers up': return await (await import('./commands/servers-up-command.js')).serversUpCommand(values, io);
      case 'pki init': return await (await import('./commands/pki-command.js')).pkiInitCommand(values, io);
      case 'pki show': return await (await import('./commands/pki-command.js')).pkiShowCommand(values, io);
      case 'pki export': return await (await import('./commands/pki-command.js')).pkiExportCommand(values, io);
      case 'app-kit': return await (await import('./commands/app-kit-command.js')).appKitCommand(values, io);
      case 'doctor': return await (await import('./commands/doctor-command.js')).doctorCommand(values, io);
      case 'requirements': return (await import('./commands/requirements-command.js')).requirementsCommand(values, io);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof RunUsageError || error instanceof ExpectationsFileError || error instanceof DuplicateExpectationsError) {
      const hint = error instanceof UsageError && error.command ? `voltmx-conformance ${error.command} --help` : 'voltmx-conformance --help';
      io.err(`error: ${error.message}\n(see ${hint})`);
      return ExitCode.usage;
    }
    if (error instanceof PersistentPkiError) {
      // A setup problem found before anything started: the message says the command that fixes it.
      io.err(`error [${error.code}]: ${error.message}`);
      return ExitCode.usage;
    }
    const e = error as Error & { code?: string };
    io.err(`infrastructure error${e.code ? ` [${e.code}]` : ''}: ${e.message}`);
    if (!(error instanceof RunInfrastructureError) && e.stack) io.err(e.stack);
    return ExitCode.infrastructure;
  }
}
