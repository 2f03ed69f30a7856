/**
 * A Grid of reference devices on this machine: `nodes` local Appium servers with the reference
 * driver, each behind its own relay node offering one Android and one iOS reference session
 * (sessions per platform configurable). What the Grid test and the bench run the suite through.
 * Stereotypes carry `appium:platformVersion`, as a real lab's must: Grid 4's slot matcher
 * compares it exactly when a request has one, so requests may (and docs tell them to) name it.
 */
import { join } from 'node:path';
import { LocalAppiumServer, type StartedAppium } from '../appium-server/index.js';
import { startSeleniumGrid, type StartedSeleniumGrid } from './selenium-grid.js';

export interface ReferenceGridOptions {
  readonly nodes: number;
  /** Sessions per platform on each node (default 1). */
  readonly sessionsPerPlatform?: number;
  /** appium-<i>.log, hub.log, node-<i>.log go here. */
  readonly logDir: string;
  /** The platform version each node's stereotypes offer (default: REFERENCE_GRID_VERSIONS). */
  readonly platformVersions?: Readonly<Record<'Android' | 'iOS', string>>;
}

/** What the reference nodes offer by default: versions a lab of today would have. */
export const REFERENCE_GRID_VERSIONS: Readonly<Record<'Android' | 'iOS', string>> = { Android: '14', iOS: '17.5' };

export interface StartedReferenceGrid {
  readonly grid: StartedSeleniumGrid;
  readonly appiums: readonly StartedAppium[];
  /** Every process started: Appium servers, hub, nodes. */
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

export async function startReferenceGrid(options: ReferenceGridOptions): Promise<StartedReferenceGrid> {
  const appiums: StartedAppium[] = [];
  const stopAppiums = async () => { for (const a of appiums.splice(0).reverse()) await a.stop(); };
  try {
    for (let i = 1; i <= options.nodes; i++) {
      appiums.push(await new LocalAppiumServer().withUserDrivers(null).withLogFile(join(options.logDir, `appium-${i}.log`)).start());
    }
    const maxSessions = options.sessionsPerPlatform ?? 1;
    const grid = await startSeleniumGrid({
      logDir: options.logDir,
      relays: appiums.map((a) => ({
        appiumUrl: a.url,
        stereotypes: (['Android', 'iOS'] as const).map((platformName) => ({
          capabilities: { platformName, 'appium:automationName': 'VoltmxReference', 'appium:platformVersion': (options.platformVersions ?? REFERENCE_GRID_VERSIONS)[platformName] },
          maxSessions,
        })),
      })),
    });
    const started = [...appiums];
    return {
      grid,
      appiums: started,
      pids: [...started.map((a) => a.pid ?? -1), ...grid.pids],
      stop: async () => {
        await grid.stop();
        await stopAppiums();
      },
    };
  } catch (error) {
    await stopAppiums();
    throw error;
  }
}
