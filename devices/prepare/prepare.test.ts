import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { recordingRunner } from '../testing/recording-runner.js';
import {
  adbPath, adbReverse, addSimulatorRootCert, CommandFailedError, execRunner, ToolMissingError, XCRUN_FIX,
} from './index.js';

let work: string;
before(async () => { work = await mkdtemp(join(tmpdir(), 'voltmx-prepare-test-')); });
after(async () => { await rm(work, { recursive: true, force: true }); });

describe('the command runner (real processes)', () => {
  test('runs a tool, reports its failure with stderr, and a missing tool with the fix', async () => {
    const runner = execRunner({ fixes: { 'voltmx-no-such-tool': 'apt-get install nothing' } });
    assert.equal((await runner.run(process.execPath, ['-e', 'process.stdout.write("hi")'])).stdout, 'hi');
    await assert.rejects(runner.run(process.execPath, ['-e', 'console.error("boom"); process.exit(3)']), (e: CommandFailedError) =>
      e instanceof CommandFailedError && e.code === 'COMMAND_FAILED' && e.detail === 'boom');
    await assert.rejects(runner.run('voltmx-no-such-tool', []), (e: ToolMissingError) =>
      e instanceof ToolMissingError && e.code === 'TOOL_MISSING' && e.fix === 'apt-get install nothing');
  });

  test('adbPath prefers the SDK\'s platform-tools', async () => {
    const sdk = join(work, 'sdk');
    assert.equal(adbPath({ ANDROID_HOME: sdk }), 'adb');
    await mkdir(join(sdk, 'platform-tools'), { recursive: true });
    await writeFile(join(sdk, 'platform-tools', 'adb'), '#!/bin/sh\n');
    await chmod(join(sdk, 'platform-tools', 'adb'), 0o755);
    assert.equal(adbPath({ ANDROID_HOME: sdk }), join(sdk, 'platform-tools', 'adb'));
  });

  test('a real runner without xcrun on this machine: a typed error saying the fix', { skip: process.platform === 'darwin' ? 'xcrun exists on macOS' : false }, async () => {
    await assert.rejects(addSimulatorRootCert(execRunner({ fixes: { xcrun: XCRUN_FIX } }), 'UDID', join(work, 'ca.pem')), (e: ToolMissingError) =>
      e instanceof ToolMissingError && e.fix === XCRUN_FIX);
  });
});

// adb and xcrun cannot exist here (no Android SDK, not macOS): their command lines are recorded.
describe('device preparation command lines (recorded)', () => {
  test('adb reverse: every fleet port both ways, removed again by undo', async () => {
    const runner = recordingRunner();
    const undo = await adbReverse(runner, [9000, 9001], { adb: 'adb', serial: 'emulator-5554' });
    assert.deepEqual(runner.calls, ['adb -s emulator-5554 reverse tcp:9000 tcp:9000', 'adb -s emulator-5554 reverse tcp:9001 tcp:9001']);
    await undo();
    assert.deepEqual(runner.calls.slice(2), ['adb -s emulator-5554 reverse --remove tcp:9000', 'adb -s emulator-5554 reverse --remove tcp:9001']);
  });

  test('adb reverse failing half-way removes what it set and says what to do', async () => {
    const runner = recordingRunner('tcp:9001 tcp:9001');
    await assert.rejects(adbReverse(runner, [9000, 9001, 9002], { adb: 'adb' }), (e: CommandFailedError) =>
      e instanceof CommandFailedError && /start the emulator/.test(e.message));
    assert.deepEqual(runner.calls, ['adb reverse tcp:9000 tcp:9000', 'adb reverse tcp:9001 tcp:9001', 'adb reverse --remove tcp:9000']);
  });

  test('iOS simulator: boot (and wait), then add the server CA as a trusted root', async () => {
    const runner = recordingRunner();
    await addSimulatorRootCert(runner, 'A1B2-C3', '/pki/server-ca.crt');
    assert.deepEqual(runner.calls, ['xcrun simctl bootstatus A1B2-C3 -b', 'xcrun simctl keychain A1B2-C3 add-root-cert /pki/server-ca.crt']);
  });
});
