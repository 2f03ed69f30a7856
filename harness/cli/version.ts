import { readFileSync } from 'node:fs';

export const TOOL_NAME = 'voltmx-conformance';

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
