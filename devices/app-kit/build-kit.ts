/**
 * Builds the drop-in kit: the ES5 fragments in src/ (read in file-name order) wrapped in one
 * function scope that defines the single global `VoltmxConformance`, with the kit version and
 * the test CA fingerprint baked in. `voltmx-conformance app-kit` writes the result; the
 * reference devices run the very same text.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DevicesError } from '../../support/errors/index.js';

const SRC = fileURLToPath(new URL('./src/', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The kit's own version: the package's (info reports it; the self-test compares it). */
export const KIT_VERSION = PACKAGE.version;

/** The file name `app-kit --out` writes. */
export const KIT_FILE_NAME = 'voltmx-conformance-kit.js';

export interface KitOptions {
  /** Lowercase hex SHA-256 of the DER of the CA the app trusts; null: unknown. */
  caFingerprint: string | null;
  /** Overrides the version (tests of a mismatching kit). */
  version?: string;
}

export class KitBuildError extends DevicesError {
  readonly code = 'KIT_BAD_FINGERPRINT';
  constructor(message: string) {
    super(message);
  }
}

/** Lowercase hex SHA-256 of a PEM certificate's DER (what `info` reports as caFingerprint). */
export function caFingerprintOf(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
}

function fragments(): { header: string; body: string[] } {
  const files = readdirSync(SRC).filter((name) => name.endsWith('.js')).sort();
  const [headerFile, ...rest] = files;
  return { header: readFileSync(join(SRC, headerFile!), 'utf8'), body: rest.map((name) => readFileSync(join(SRC, name), 'utf8')) };
}

function indent(text: string): string {
  return text.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
}

export function buildKit(options: KitOptions): string {
  const version = options.version ?? KIT_VERSION;
  if (options.caFingerprint !== null && !/^[0-9a-f]{64}$/.test(options.caFingerprint)) {
    throw new KitBuildError(`a CA fingerprint is 64 lowercase hex digits; got "${options.caFingerprint}"`);
  }
  const { header, body } = fragments();
  return [
    header.replace('{{KIT_VERSION}}', version).trimEnd(),
    'var VoltmxConformance = (function () {',
    "  'use strict';",
    '',
    `  var KIT_VERSION = ${JSON.stringify(version)};`,
    `  var CA_FINGERPRINT = ${JSON.stringify(options.caFingerprint)};`,
    '',
    ...body.map((text) => indent(text.trimEnd()) + '\n'),
    '  return { wire: wire, kitVersion: KIT_VERSION, caFingerprint: CA_FINGERPRINT };',
    '})();',
    '',
  ].join('\n');
}
