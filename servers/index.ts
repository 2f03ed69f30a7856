/** servers/: the judges. Never imports reference/ (see DEVELOPERS.md). */
export * from './fleet/index.js';
export * from './scenarios/index.js';
export { dockerAvailable, defaultNginxImage } from './testcontainers/index.js';
// The test PKI, for people writing their own specs (voltmx-conformance/servers).
export * from './pki/index.js';
export {
  initPersistentPki, loadPersistentPki, persistentPkiStatus, exportPersistentPki, resolvePkiDir, defaultPkiDir, PKI_DIR_ENV,
  PersistentPkiError, PersistentPkiMissingError, PersistentPkiExpiringError, PersistentPkiInsecureError, PersistentPkiIncompleteError,
  type LoadedPersistentPki, type PkiStatus, type ExportFormat,
} from './pki/persistent/index.js';
