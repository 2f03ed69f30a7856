/** devices/prepare: host-side steps that make a device reach and trust the fleet. */
export { CommandFailedError, commandLine, execRunner, ToolMissingError, type CommandResult, type CommandRunner } from './command-runner.js';
export { ADB_FIX, adbPath, adbReverse, adbReverseArgs, adbReverseRemoveArgs } from './adb-reverse.js';
export { addSimulatorRootCert, simulatorRootCertArgs, XCRUN_FIX } from './simulator-root-cert.js';
