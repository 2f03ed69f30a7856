/**
 * The version of the conformance app kit this package ships (app contract v2, `info.kitVersion`):
 * the package's own version, since the kit is built from it. The wiring self-test refuses an app
 * whose kit says otherwise.
 */
import { readFileSync } from 'node:fs';

export const KIT_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
