/**
 * What was tested, with what: the tool, Node, the server backend, each device's profile and
 * capabilities (secrets left out), the implementation module or app, the expectations files.
 * A report read weeks later, or by another team, says what it is about.
 */
import { createHash } from 'node:crypto';
import { isSecretKey, printableUrl, redactCapabilityTree } from '../../devices/appium-server/index.js';

export interface ProvenanceDevice {
  readonly name: string;
  readonly profile: string;
  readonly platform: string | null;
  /** The RuntimeFactory module a reference device hosted, or the app an emulator/simulator ran. */
  readonly implementation: string | null;
  readonly capabilities: Readonly<Record<string, unknown>>;
}

export interface Provenance {
  readonly tool: { readonly name: string; readonly version: string };
  readonly node: string;
  readonly os: string;
  readonly backend: string | null;
  readonly appium: string | null;
  readonly devices: readonly ProvenanceDevice[];
  readonly expectations: readonly string[];
  /** The exact filter (--requirement) or grep the run used, when it used one. */
  readonly filter: string | null;
}

/** Capability values safe to publish: secrets redacted at any depth, certificates as their fingerprints. */
export function publicCapabilities(capabilities: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(capabilities)) {
    if (isSecretKey(key)) out[key] = '[redacted]';
    else if (key === 'voltmx:trustCa' && Array.isArray(value)) out[key] = value.map((pem) => `sha256:${createHash('sha256').update(String(pem)).digest('hex').slice(0, 16)}...`);
    else if (typeof value === 'string' && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) out[key] = '[redacted]';
    else out[key] = redactCapabilityTree(value);
  }
  return out;
}

/** A URL without user name and password. */
export function publicUrl(url: string | null | undefined): string | null {
  return url ? printableUrl(url) : null;
}

export function implementationOf(capabilities: Readonly<Record<string, unknown>>): string | null {
  const value = capabilities['voltmx:implementation'] ?? capabilities['appium:app'] ?? capabilities['appium:bundleId'] ?? capabilities['appium:appPackage'];
  return typeof value === 'string' ? value : null;
}
