/**
 * The iOS simulator's trust store: `xcrun simctl keychain <udid> add-root-cert <ca.pem>` after
 * booting it (`simctl bootstatus -b` boots when needed and waits). With the persistent PKI this
 * is the same CA every run, so adding it again changes nothing.
 */
import type { CommandRunner } from './command-runner.js';

export const XCRUN_FIX = 'install Xcode and run xcode-select --install (macOS only)';

export function simulatorRootCertArgs(udid: string, caPemPath: string): string[][] {
  return [
    ['simctl', 'bootstatus', udid, '-b'],
    ['simctl', 'keychain', udid, 'add-root-cert', caPemPath],
  ];
}

export async function addSimulatorRootCert(runner: CommandRunner, udid: string, caPemPath: string): Promise<void> {
  for (const args of simulatorRootCertArgs(udid, caPemPath)) await runner.run('xcrun', args);
}
