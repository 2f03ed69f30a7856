/** Test helpers every layer's tests may use (support imports no other layer). */
export { toolSkip, inCi, MissingToolError, TOOL_INSTALL, type ToolName } from './require-tool.js';
