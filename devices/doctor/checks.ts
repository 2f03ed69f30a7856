/** One function per finding; each returns a CheckResult with the fix for its gap. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  ECHO_MODULE_FILE, findEchoModule, findJsc, findNginx, JSC_CANDIDATES, JSC_ENV, JSC_INSTALL, NGINX_CANDIDATES, NGINX_ENV, NGINX_INSTALL, NGINX_MODULE_DIRS, NGINX_MODULES_ENV, type FoundFile,
} from '../../support/tools/index.js';
import { probe } from './probe.js';
import type { CheckResult } from './types.js';

export interface DoctorEnv {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
}

export function checkNode(): CheckResult {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return { id: 'node', title: 'Node.js', ok, detail: `v${process.versions.node}`, ...(ok ? {} : { fix: 'install Node.js 20.19 or later (nvm install 20)' }) };
}

export function checkAppium(): CheckResult {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require('appium/package.json') as { version: string };
    const ok = Number(pkg.version.split('.')[0]) >= 3;
    return { id: 'appium', title: 'Appium', ok, detail: `appium ${pkg.version} (project dependency)`, ...(ok ? {} : { fix: 'npm install' }) };
  } catch {
    return { id: 'appium', title: 'Appium', ok: false, detail: 'appium is not installed in the project', fix: 'npm install' };
  }
}

export async function checkAndroid(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  const sdk = env.ANDROID_HOME || env.ANDROID_SDK_ROOT;
  const sdkFix = 'install the Android SDK command-line tools, then: export ANDROID_HOME=$HOME/Android/Sdk && sdkmanager "platform-tools" "emulator" "system-images;android-34;google_apis;x86_64"';
  if (!sdk || !existsSync(sdk)) {
    const detail = sdk ? `ANDROID_HOME points to ${sdk}, which does not exist` : 'no Android SDK: neither ANDROID_HOME nor ANDROID_SDK_ROOT is set';
    return [
      { id: 'android-sdk', title: 'Android SDK', ok: false, detail, fix: sdkFix },
      { id: 'adb', title: 'adb', ok: false, detail: 'needs the Android SDK', fix: '$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager "platform-tools"' },
      { id: 'emulator', title: 'Android emulator', ok: false, detail: 'needs the Android SDK', fix: '$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager "emulator"' },
      { id: 'avds', title: 'Android virtual devices', ok: false, detail: 'needs the Android SDK', fix: 'avdmanager create avd -n voltmx-test -k "system-images;android-34;google_apis;x86_64"' },
    ];
  }
  const adb = join(sdk, 'platform-tools', 'adb');
  const emulator = join(sdk, 'emulator', 'emulator');
  const adbOk = existsSync(adb) && (await probe(adb, ['version'])).ok;
  const emulatorOk = existsSync(emulator);
  const avds = emulatorOk ? (await probe(emulator, ['-list-avds'], 10_000, env)).stdout.split('\n').map((s) => s.trim()).filter((s) => s && !s.startsWith('INFO')) : [];
  return [
    { id: 'android-sdk', title: 'Android SDK', ok: true, detail: sdk },
    adbOk ? { id: 'adb', title: 'adb', ok: true, detail: adb } : { id: 'adb', title: 'adb', ok: false, detail: `no working adb at ${adb}`, fix: `${join(sdk, 'cmdline-tools', 'latest', 'bin', 'sdkmanager')} "platform-tools"` },
    emulatorOk ? { id: 'emulator', title: 'Android emulator', ok: true, detail: emulator } : { id: 'emulator', title: 'Android emulator', ok: false, detail: `no emulator at ${emulator}`, fix: `${join(sdk, 'cmdline-tools', 'latest', 'bin', 'sdkmanager')} "emulator"` },
    avds.length > 0
      ? { id: 'avds', title: 'Android virtual devices', ok: true, detail: avds.join(', ') }
      : { id: 'avds', title: 'Android virtual devices', ok: false, detail: 'no AVD found', fix: 'avdmanager create avd -n voltmx-test -k "system-images;android-34;google_apis;x86_64"' },
  ];
}

export async function checkIos(platform: NodeJS.Platform): Promise<CheckResult[]> {
  if (platform !== 'darwin') {
    return [
      { id: 'macos', title: 'macOS', ok: false, detail: `this is ${platform}; iOS simulators need macOS`, fix: 'run the ios-simulator profile on a Mac with Xcode, or use a remote Appium server on a Mac or a device farm' },
      { id: 'xcrun-simctl', title: 'Xcode simctl', ok: false, detail: 'needs macOS', fix: 'xcode-select --install (after installing Xcode from the App Store)' },
    ];
  }
  const simctl = await probe('xcrun', ['simctl', 'list', 'devices', 'available'], 15_000);
  return [
    { id: 'macos', title: 'macOS', ok: true, detail: 'darwin' },
    simctl.ok
      ? { id: 'xcrun-simctl', title: 'Xcode simctl', ok: true, detail: `${simctl.stdout.split('\n').filter((l) => /\(/.test(l)).length} simulators available` }
      : { id: 'xcrun-simctl', title: 'Xcode simctl', ok: false, detail: 'xcrun simctl did not run', fix: 'xcode-select --install (after installing Xcode from the App Store)' },
  ];
}

export async function checkDocker(): Promise<CheckResult> {
  const info = await probe('docker', ['info', '--format', '{{.ServerVersion}}'], 5_000);
  return info.ok
    ? { id: 'docker', title: 'Docker daemon', ok: true, detail: `server ${info.stdout}` }
    : { id: 'docker', title: 'Docker daemon', ok: false, detail: 'no running Docker daemon (only the nginx-in-container servers need it)', fix: 'sudo dockerd --bridge=none --iptables=false &' };
}

/** nginx and its echo module, where the nginx backends will look (VOLTMX_NGINX, VOLTMX_NGINX_MODULES, then defaults). */
export async function checkNginx(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult> {
  const nginx = findNginx(env);
  const echo = findEchoModule(env);
  const fail = (detail: string): CheckResult => ({ id: 'nginx', title: 'nginx', ok: false, detail, fix: NGINX_INSTALL });
  if (!nginx.exists) {
    return fail(nginx.from === 'env' ? `${NGINX_ENV} points to ${nginx.path}, which does not exist` : `nginx not found (looked at ${NGINX_CANDIDATES.join(', ')}; ${NGINX_ENV} not set)`);
  }
  const version = await probe(nginx.path, ['-v']);
  if (!version.ok) return fail(`${nginx.path} did not run: ${version.stderr || version.stdout || 'no output'}`);
  if (!echo.exists) {
    return fail(echo.from === 'env'
      ? `${NGINX_MODULES_ENV} has no ${ECHO_MODULE_FILE} (${echo.path})`
      : `the echo module is missing (looked for ${ECHO_MODULE_FILE} in ${NGINX_MODULE_DIRS.join(', ')}; ${NGINX_MODULES_ENV} not set)`);
  }
  const source = (f: FoundFile, name: string) => (f.from === 'env' ? ` (${name})` : '');
  return { id: 'nginx', title: 'nginx', ok: true, detail: `${nginx.path}${source(nginx, NGINX_ENV)}: ${version.stderr || version.stdout}; echo module ${echo.path}${source(echo, NGINX_MODULES_ENV)}` };
}

export async function checkOpenssl(): Promise<CheckResult> {
  const version = await probe('openssl', ['version']);
  return version.ok
    ? { id: 'openssl', title: 'OpenSSL CLI', ok: true, detail: version.stdout }
    : { id: 'openssl', title: 'OpenSSL CLI', ok: false, detail: 'openssl not found', fix: 'sudo apt-get install openssl' };
}

/** JavaScriptCore's jsc shell: the engine reference-ios runs the app kit in (VOLTMX_JSC, then defaults). */
export async function checkJsc(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult> {
  const jsc = findJsc(env);
  const fail = (detail: string): CheckResult => ({ id: 'jsc', title: 'JavaScriptCore (jsc)', ok: false, detail, fix: JSC_INSTALL });
  if (!jsc.exists) {
    return fail(jsc.from === 'env' ? `${JSC_ENV} points to ${jsc.path}, which does not exist` : `jsc not found (looked at ${JSC_CANDIDATES.join(', ')}; ${JSC_ENV} not set)`);
  }
  const run = await probe(jsc.path, ['-e', "print('jsc ' + typeof readline)"]);
  if (!run.ok || run.stdout !== 'jsc function') return fail(`${jsc.path} is not a jsc shell with readline(): ${run.stderr || run.stdout || 'no output'}`);
  return { id: 'jsc', title: 'JavaScriptCore (jsc)', ok: true, detail: `${jsc.path}${jsc.from === 'env' ? ` (${JSC_ENV})` : ''}` };
}
