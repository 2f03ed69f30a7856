/**
 * The launcher half of the WebdriverIO integration (`launcher` of voltmx-conformance/wdio):
 * in onPrepare it makes what `voltmx-conformance run` makes (harness/run/run-environment.ts:
 * the run folder, test PKI, server fleet and run context) and an Appium server, completes each
 * capability that names a device (`voltmx:device`) with its profile's capabilities and the
 * Appium connection, and hands the run context to the workers (in a capability the worker
 * service takes out before the session starts); onComplete stops everything.
 */
import { join } from 'node:path';
import { SevereServiceError } from 'webdriverio';
import { automationNamesOf, printableUrl, startAppium, type StartedAppium } from '../../devices/appium-server/index.js';
import { profileByName, type DeviceProfile } from '../../devices/profiles/index.js';
import type { StartedServerFleet } from '../../servers/fleet/server-fleet.js';
import { parsePortRange, type FleetNetwork } from '../../servers/fleet/network.js';
import type { BackendName } from '../../servers/backend-kit/types.js';
import type { CreatedTestPki } from '../../servers/pki/index.js';
import { runBundledFiles } from '../run/bundled-files.js';
import { loadPersistentPki, resolvePkiDir } from '../../servers/pki/persistent/index.js';
import { DEVICE_CAPABILITY } from '../run/requirement-reporter.js';
import { RUN_CONTEXT_CAPABILITY } from '../run/run-context.js';
import { devicesOfProfiles } from '../run/devices-file.js';
import { createRunFolder, runContextOf, stage, startRunFleet, startRunPki, writeRunContext, type RunFolder } from '../run/run-environment.js';
import { ConformanceConfigError } from './errors.js';

export interface ConformanceLauncherOptions {
  /** Server backend: embedded (default), nginx or testcontainers. */
  readonly servers?: BackendName;
  /**
   * An Appium server somebody else runs; default: a local one with the reference driver (and the
   * drivers of APPIUM_HOME). Credentials in it become each capability's `headers` (Basic).
   */
  readonly appiumUrl?: string;
  /** Where the local Appium server logs; default: the run's private folder (removed afterwards). */
  readonly appiumLog?: string;
  /** Module of a RuntimeFactory the reference devices host instead of the reference. */
  readonly implementation?: string;
  /** Issue the run's leaves under the persistent test PKI: true for the default folder, or its folder. */
  readonly pki?: boolean | string;
  /** Address the servers listen on (default 127.0.0.1). */
  readonly bind?: string;
  /** Fixed ports, "from-to". */
  readonly ports?: string;
  /** Names or IPs devices use for this machine; the first goes into device URLs. */
  readonly hosts?: readonly string[];
  /** Progress lines; default: standard error. */
  readonly log?: (line: string) => void;
}

type Capability = Record<string, unknown>;

/** The capabilities that name a device; a multiremote config (an object of browsers) is refused. */
function deviceCapabilities(capabilities: unknown): Capability[] {
  if (!Array.isArray(capabilities)) throw new ConformanceConfigError('the conformance specs need `capabilities` as an array (multiremote is not supported)');
  const caps = capabilities.map((c: Capability) => ('alwaysMatch' in c ? c.alwaysMatch as Capability : c));
  return caps.filter((c) => c[DEVICE_CAPABILITY] !== undefined);
}

export class ConformanceLauncher {
  private folder: RunFolder | undefined;
  private pki: CreatedTestPki | undefined;
  private fleet: StartedServerFleet | undefined;
  private appium: StartedAppium | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: ConformanceLauncherOptions = {}) {
    this.log = options.log ?? ((line) => process.stderr.write(`[voltmx-conformance] ${line}\n`));
  }

  async onPrepare(_config: unknown, capabilities: unknown): Promise<void> {
    try {
      await this.prepare(capabilities);
    } catch (error) {
      await this.onComplete();
      // Any other error in a launcher hook is only logged by WebdriverIO: the run would go on without servers.
      throw new SevereServiceError(`voltmx-conformance: ${(error as Error).message}`);
    }
  }

  private async prepare(capabilities: unknown): Promise<void> {
    const options = this.options;
    const caps = deviceCapabilities(capabilities);
    if (!caps.length) throw new ConformanceConfigError(`no capability names a device: add e.g. { '${DEVICE_CAPABILITY}': 'reference-android' }`);
    const names = [...new Set(caps.map((c) => String(c[DEVICE_CAPABILITY])))];
    const profiles: DeviceProfile[] = names.map((name) => profileByName(name, options.implementation ? { implementation: options.implementation } : {}));
    const network: FleetNetwork = { ...(options.bind ? { bind: options.bind } : {}), ...(options.ports ? { ports: parsePortRange(options.ports) } : {}) };
    const hosts = options.hosts ?? [];
    const persistentPki = options.pki ? await loadPersistentPki(resolvePkiDir(typeof options.pki === 'string' ? options.pki : undefined)) : undefined;

    this.folder = await createRunFolder();
    this.pki = await startRunPki({ keepPki: false, hosts, ...(persistentPki ? { persistentPki } : {}) }, this.log);
    this.fleet = await startRunFleet(this.pki, { backend: options.servers ?? 'embedded', network }, this.log);
    const logFile = options.appiumLog ?? join(this.folder.dir, 'appium.log');
    this.appium = await stage(options.appiumUrl ? `Appium at ${printableUrl(options.appiumUrl)}` : 'local Appium server', this.log,
      () => startAppium({ ...(options.appiumUrl ? { remoteUrl: options.appiumUrl } : {}), logFile, automationNames: automationNamesOf(profiles) }), () => {});
    this.log(`  Appium: ${this.appium.url.href}`);

    const url = this.appium.url;
    const connection = {
      protocol: url.protocol.replace(':', ''), hostname: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), path: url.pathname || '/',
      // A URL's credentials as a header on every request (WebdriverIO takes `headers` from a capability as a connection option).
      ...(Object.keys(this.appium.requestHeaders()).length ? { headers: this.appium.requestHeaders() } : {}),
    };
    const bundled = runBundledFiles(this.pki, persistentPki);
    for (const cap of caps) {
      const profile = profiles[names.indexOf(String(cap[DEVICE_CAPABILITY]))]!;
      // What the config says wins: the profile and this Appium server only fill the gaps.
      const defaults: Capability = { ...profile.capabilities({ trustCa: [this.pki.serverCa.pem], ...(bundled.dir ? { bundledFiles: bundled.dir } : {}) }), ...(cap.hostname ? {} : connection) };
      for (const [key, value] of Object.entries(defaults)) if (!(key in cap)) cap[key] = value;
    }
    const context = runContextOf(this.pki, this.fleet, devicesOfProfiles(profiles), join(this.folder.dir, 'outcomes'), { hosts }, bundled);
    const contextFile = await writeRunContext(this.folder.dir, context);
    // The workers get these capability objects: the worker service moves the path into their options.
    for (const cap of caps) cap[RUN_CONTEXT_CAPABILITY] = contextFile;
  }

  async onComplete(): Promise<void> {
    const errors: string[] = [];
    await this.appium?.stop().catch((e: Error) => errors.push(`stopping Appium: ${e.message}`));
    await this.fleet?.stop().catch((e: Error) => errors.push(`stopping servers: ${e.message}`));
    await this.pki?.dispose().catch(() => {});
    await this.folder?.cleanup.run();
    this.appium = undefined;
    this.fleet = undefined;
    this.pki = undefined;
    this.folder = undefined;
    for (const line of errors) this.log(line);
  }
}
