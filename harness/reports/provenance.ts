/**
 * What was tested, with what: the tool, Node, the server backend, each device's profile and
 * capabilities (secrets left out), the implementation module or app, the expectations files.
 * A report read weeks later, or by another team, says what it is about.
 */
import { createHash } from 'node:crypto';

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

const SECRET = /pass(word|phrase)?|secret|token|credential|api[-_]?key|access[-_]?key|private/i;

/** Capability values safe to publish: secrets redacted, certificates as their fingerprints. */
export function publicCapabilities(capabilities: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(capabilities)) {
    if (SECRET.test(key)) out[key] = '[redacted]';
    else if (key === 'voltmx:trustCa' && Array.isArray(value)) out[key] = value.map((pem) => `sha256:${createHash('sha256').update(String(pem)).digest('hex').slice(0, 16)}...`);
    else if (typeof value === 'string' && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) out[key] = '[redacted]';
    else out[key] = value;
  }
  return out;
}

/** A URL without user name and password. */
export function publicUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '[unparsable URL]';
  }
}

export function implementationOf(capabilities: Readonly<Record<string, unknown>>): string | null {
  const value = capabilities['voltmx:implementation'] ?? capabilities['appium:app'] ?? capabilities['appium:bundleId'] ?? capabilities['appium:appPackage'];
  return typeof value === 'string' ? value : null;
}
