/**
 * voltmx-conformance/wdio: the conformance specs in your own WebdriverIO config.
 * `launcher` makes the PKI, servers and Appium and hands the run context to the workers;
 * the default export checks it in each worker; `specFiles()` lists the spec files.
 */
import ConformanceService from './worker-service.js';

export default ConformanceService;
export { ConformanceService };
export { ConformanceLauncher, ConformanceLauncher as launcher, type ConformanceLauncherOptions } from './launcher-service.js';
export { specFiles, type SpecFilter } from './spec-files.js';
/** The wiring self-test (docs/app-contract.md): put it first in a device's spec group to check the app before any spec. */
export { WIRING_SELF_TEST as wiringSelfTest } from '../run/spec-files.js';
export { ConformanceConfigError, ConformanceLauncherMissingError } from './errors.js';
export { DEVICE_CAPABILITY } from '../run/requirement-reporter.js';
