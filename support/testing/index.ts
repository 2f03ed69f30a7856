/** Test helpers every layer's tests may use (support imports no other layer). */
export { toolSkip, inCi, MissingToolError, TOOL_INSTALL, type ToolName } from './require-tool.js';
export {
  allProcesses, descendantsOf, describe as describeProcesses, processesWithEnv, processesWithEnvPrefix, type ProcessInfo,
} from './process-tree.js';
export { waitFor } from './wait-for.js';
export { spawnWatched, type WatchedChild } from './watched-child.js';
