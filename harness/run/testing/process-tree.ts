/** The /proc process-tree helpers now live in support/testing (every layer's tests use them). */
export * from '../../../support/testing/process-tree.js';
export { waitFor } from '../../../support/testing/wait-for.js';
