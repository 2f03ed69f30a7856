/**
 * Test helpers for sessions on the reference driver (the reference runtime, hosting the built
 * kit; there is no stand-in): capabilities, screen actions, waits.
 */
import { remote } from 'webdriverio';
import type { AppResult, Command } from '../conformance-app/contract.js';
import { encodeCommand } from '../app-kit/command-envelope.js';
import { waitFor } from '../../support/testing/index.js';

export type Browser = Awaited<ReturnType<typeof remote>>;

export async function openSession(url: URL, capabilities: Record<string, unknown>): Promise<Browser> {
  return remote({
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    logLevel: 'silent',
    connectionRetryCount: 0,
    capabilities: capabilities as WebdriverIO.Capabilities,
  });
}

export async function resultOf(browser: Browser): Promise<AppResult> {
  return JSON.parse(await (await browser.$('~result')).getText()) as AppResult;
}

/**
 * Types a command (or a batch) into `command` (objects in the keyboard-safe envelope, a
 * string as it is), clicks `run` and waits (like on a device) until that run is done.
 */
export async function runCommand(browser: Browser, command: Command | Command[] | string, timeoutMs = 30_000): Promise<AppResult & Record<string, unknown>> {
  const before = (await resultOf(browser)).seq;
  await (await browser.$('~command')).addValue(typeof command === 'string' ? command : encodeCommand(command));
  await (await browser.$('~run')).click();
  // WebDriver gives no event when a label changes: polled, bounded, as any automation reads it.
  let last: AppResult | undefined;
  return waitFor('a done result', async () => {
    last = await resultOf(browser);
    return last.seq > before && last.done ? (last as AppResult & Record<string, unknown>) : undefined;
  }, timeoutMs, 25).catch(() => { throw new Error(`no done result within ${timeoutMs} ms: ${JSON.stringify(last)}`); });
}

/**
 * The W3C error name a WebdriverIO call failed with (e.g. "no such element"). WebdriverIO's
 * findElement returns the W3C error object instead of throwing, so both forms count.
 */
export async function w3cErrorOf(call: () => Promise<unknown>): Promise<string> {
  try {
    const value = (await call()) as { error?: unknown } | null;
    if (value && typeof value === 'object' && typeof value.error === 'string') return value.error;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    return e.name && e.name !== 'Error' ? e.name : String(e.message);
  }
  throw new Error('expected the call to fail');
}
