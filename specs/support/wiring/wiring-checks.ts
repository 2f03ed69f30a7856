/**
 * The wiring self-test (issue 18 item 3, issue 19 item 5): before any spec, on the worker's own
 * Appium session, is this app wired so that the suite can judge it? Each check that fails names
 * its fix; a failure here is one infrastructure error, never a page of conformance failures.
 * It costs about a dozen Appium requests: the widgets once, info, one push and one batch (one
 * more push and batch only when the first sign of a relay shows).
 * What a runtime does with a certificate is never judged here: the relay check needs two
 * signs at once (a server the app must refuse answered it, AND a server asking for a
 * certificate saw none or another), which no runtime bug alone gives.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AppResult, HttpRequestResult, InfoResult, LoadResult, ReadFileResult, StepResult } from '../../../devices/conformance-app/contract.js';
import { KIT_VERSION } from '../../../devices/app-kit/build-kit.js';
import type { RunContext, RunContextDevice } from '../../../harness/run/run-context.js';
import type { DeviceSession } from '../device-session.js';
import { WiringError, type WiringCode } from './wiring-error.js';

/** Pushed and read back; every byte value, so a text-mode transfer shows. */
const PROBE_FILE = 'voltmx-wiring-probe.bin';
/** An identity every platform loads (legacy PKCS#12 encoding, which iOS 17 accepts too). */
const PROBE_BUNDLE = 'rsa-a.legacy';
const PROBE_IDENTITY = 'rsa-a';

const PASS_THROUGH = 'pass the fleet\'s host through the tunnel untouched (Sauce Connect: --tls-passthrough-domains <host>; BrowserStack Local: no SSL interception for <host>), see docs/devices.md (farms)';

export function caSha256(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
}

function fail(code: WiringCode, message: string): never {
  throw new WiringError(code, message);
}

/** The URL of a scenario as this device reaches the host. */
function urlOf(context: RunContext, device: RunContextDevice, scenario: string): string {
  const origin = context.origins[scenario];
  if (!origin) fail('WIRING_NO_SCENARIO', `scenario ${scenario} is not served in this run`);
  const url = new URL('/whoami', origin);
  url.hostname = device.hostAlias;
  return url.href;
}

function observationOf(result: StepResult | undefined): { server?: string; verify?: string; fingerprint?: string | null; subject?: string | null } | null {
  const body = (result as HttpRequestResult | undefined)?.body;
  try {
    const value = typeof body === 'string' ? JSON.parse(body) as Record<string, unknown> : null;
    return value && typeof value.verify === 'string' ? value : null;
  } catch {
    return null;
  }
}

const appErrorOf = (result: StepResult | undefined): string | null => {
  const error = (result as { appError?: unknown } | undefined)?.appError;
  return typeof error === 'string' ? error : null;
};

/** Runs every check in order; the first that fails throws its WiringError. Returns the app's info. */
export async function checkWiring(session: DeviceSession, context: RunContext): Promise<InfoResult> {
  const device = session.device;
  // 1. The widgets, bounded: a splash form is not a failure.
  const missing = await session.missingWidget();
  if (missing) {
    fail('WIRING_WIDGET_MISSING', `the app shows no element with accessibility id "${missing}" within ${device.actionTimeoutMs / 1000} s (the action timeout of the device's profile): give the TextBox2, Button and Label the ids command, run and result (Android: the widget id / content description; iOS: the accessibility identifier, with the label not exposed as an accessibility element), see docs/app-kit.md`);
  }
  const info = await session.info();

  // 2. The kit, and the PKI the app was built for.
  if (info.kitVersion !== KIT_VERSION) {
    fail('WIRING_KIT_VERSION', `the app's kit is ${info.kitVersion ? `version ${info.kitVersion}` : 'of no version (its info reports no kitVersion: an app older than contract v2)'}, this run is voltmx-conformance ${KIT_VERSION}: write the kit of this version (npx voltmx-conformance app-kit --out <dir>) into the app and rebuild`);
  }
  const runCa = caSha256(context.serverCaPem);
  if (info.caFingerprint && info.caFingerprint.toLowerCase() !== runCa) {
    fail('WIRING_OTHER_CA', `the app trusts CA ${info.caFingerprint}, this PKI is ${runCa}: export the persistent PKI's CA (\`npx voltmx-conformance pki export --format android|ios --out <path>\`), rebuild the app with it and run with --pki; or run on the persistent PKI the app was built for (run --pki <dir>)`);
  }

  // 3. A pushed file reads back byte-exact; 4. the fleet is reached and trusted; 5. no TLS relay.
  const probe = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(32)]);
  const probePath = await session.push(PROBE_FILE, probe);
  const trusted = urlOf(context, device, 'no-client-auth');
  const first = await session.run([
    { action: 'read-file', input: probePath },
    { action: 'http-request', url: trusted, method: 'GET' },
    { action: 'http-request', url: urlOf(context, device, 'untrusted-server'), method: 'GET' },
  ]);
  const [read, reach, untrusted] = stepsOf(first);

  const readError = appErrorOf(read);
  if (readError || read?.action !== 'read-file') {
    fail('WIRING_READ_FILE', `the app cannot run read-file (${readError ?? JSON.stringify(read).slice(0, 200)}): it needs app contract v2; write the kit of this version into the app and rebuild`);
  }
  const back = (read as ReadFileResult).base64;
  if (back === null) {
    fail('WIRING_PUSH_UNREADABLE', `a file pushed to the device (${probePath}) is not there for the app (read-file found nothing): Android needs a debuggable build for pushes into the app's data directory; on a real iOS device set UIFileSharingEnabled and push to @<bundleId>:documents; check the device's push layout (docs/devices.md)`);
  }
  const readBack = Buffer.from(back, 'base64');
  if (!readBack.equals(probe)) {
    fail('WIRING_PUSH_ALTERED', `a file pushed to the device (${probePath}, ${probe.length} bytes) reads back altered (${readBack.length} bytes, first difference at byte ${firstDifference(probe, readBack)}): the transfer rewrites bytes; push the files unchanged (binary, no text-mode or encoding conversion)`);
  }

  const seen = observationOf(reach);
  if ((reach as HttpRequestResult | undefined)?.status !== 200 || !seen) {
    const error = (reach as HttpRequestResult | undefined)?.error ?? appErrorOf(reach) ?? `status ${(reach as HttpRequestResult | undefined)?.status}`;
    if (/certif|trust|verif|self.signed|issuer|x509|ssl|tls|handshake/i.test(error)) {
      fail('WIRING_CA_NOT_TRUSTED', `the app refuses the fleet's server certificate at ${trusted} (${error}): build it to trust this run's server CA ${runCa} (\`npx voltmx-conformance pki export\`: Android network security config, iOS trust root) and rebuild; if it already does, something between the device and the fleet re-signs TLS: ${PASS_THROUGH}`);
    }
    fail('WIRING_FLEET_UNREACHABLE', `the app cannot reach the fleet at ${trusted} (${error}): the device must reach this machine as "${device.hostAlias}" (--host, --adb-reverse, a tunnel), and the servers must listen where it connects (--bind)`);
  }

  // The relay's second sign is looked for only after its first: a working app never loads anything here.
  const refused = (untrusted as HttpRequestResult | undefined)?.status === 200 && observationOf(untrusted) !== null;
  const bundle = context.bundles[PROBE_BUNDLE];
  const identity = context.identities[PROBE_IDENTITY];
  if (refused && bundle && identity) {
    const bundlePath = await session.push(bundle.fileName, await readFile(bundle.path));
    const [load, required] = stepsOf(await session.run([
      { action: 'load-rawbytes', source: 'file', input: bundlePath, password: bundle.password },
      { action: 'http-request', url: urlOf(context, device, 'required-a'), method: 'GET' },
    ]));
    const asked = observationOf(required);
    if ((load as LoadResult | undefined)?.returned === true && asked && asked.fingerprint !== identity.fingerprint) {
      const what = asked.fingerprint ? `a different certificate (${asked.subject ?? asked.fingerprint})` : 'no client certificate';
      fail('WIRING_TLS_RELAY', `the device was shown a server certificate the fleet never sent (a server whose certificate the app must refuse answered it), and the server asking for a certificate received ${what} instead of the loaded ${PROBE_IDENTITY}: a TLS-terminating relay (the tunnel re-signs TLS); ${PASS_THROUGH}`);
    }
  }
  return info;
}

function stepsOf(result: AppResult): StepResult[] {
  return result.action === 'batch' && 'results' in result ? result.results : [];
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}
