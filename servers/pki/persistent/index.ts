/** servers/pki/persistent: long-lived test roots, issued once, used by every run that asks. */
export { defaultPkiDir, resolvePkiDir, PKI_DIR_ENV, REPOSITORY_ROOT } from './default-dir.js';
export {
  PersistentPkiError, PersistentPkiExpiringError, PersistentPkiIncompleteError, PersistentPkiInsecureError,
  PersistentPkiMissingError, PkiFolderInRepositoryError,
} from './errors.js';
export { exportPersistentPki, EXPORT_FORMATS, NETWORK_SECURITY_CONFIG, type ExportFormat, type ExportResult } from './export-pki.js';
export {
  DEFAULT_MINIMUM_DAYS_LEFT, initPersistentPki, loadPersistentPki,
  type InitResult, type LoadedPersistentPki, type LoadOptions, type PersistentPkiInfo,
} from './persistent-pki.js';
export { persistentPkiStatus, type PkiState, type PkiStatus } from './pki-status.js';
