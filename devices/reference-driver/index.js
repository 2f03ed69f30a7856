// Appium imports this plain-JS entry point; it loads the TypeScript driver through tsx's
// scoped tsImport, so no build step and no loader flag on the Appium process are needed.
// tsx and @appium/base-driver resolve from the voltmx-conformance root's node_modules
// (Appium follows the symlink that `--source=local` and the harness create to this folder).
import { tsImport } from 'tsx/esm/api';

const driver = await tsImport('./lib/driver.ts', import.meta.url);

export const VoltmxReferenceDriver = driver.VoltmxReferenceDriver;
export default VoltmxReferenceDriver;
