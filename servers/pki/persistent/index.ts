/** servers/pki/persistent: long-lived test roots, issued once, used by every run that asks. */
export { defaultPkiDir, resolvePkiDir, PKI_DIR_ENV, REPOSITORY_ROOT } from './default-dir.js';
export {
  PersistentPkiError, PersistentPkiExpiringError, PersistentPkiIncompleteError, PersistentPkiInsecureError,
  PersistentPkiMissingError, PersistentPkiNoBundledSetError, PkiFolderInRepositoryError,
} from './errors.js';
export { BUNDLE_NEXT_STEPS, exportPersistentPki, EXPORT_FORMATS, NETWORK_SECURITY_CONFIG, type ExportFormat, type ExportResult } from './export-pki.js';
export {
  DEFAULT_MINIMUM_DAYS_LEFT, initPersistentPki, loadPersistentPki,
  type InitResult, type LoadedPersistentPki, type LoadOptions, type PersistentPkiInfo,
} from './persistent-pki.js';
export {
  addBundledSet, BUNDLED_DIR, BUNDLED_MANIFEST_FILE, BUNDLED_PASSWORD_FILE, bundledSetFix, describeBundledSet, readBundledSet,
  type BundledSetState, type PersistentBundledFile, type PersistentBundledSet,
} from './bundled-set.js';
export { persistentPkiStatus, type PkiState, type PkiStatus } from './pki-status.js';
