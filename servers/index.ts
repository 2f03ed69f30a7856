/** servers/: the judges. Never imports reference/ (see DEVELOPERS.md). */
export * from './fleet/index.js';
export * from './scenarios/index.js';
export { dockerAvailable, defaultNginxImage } from './testcontainers/index.js';
