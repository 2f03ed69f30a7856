export { LocalAppiumServer, startAppium, useRemoteAppium, appiumEntryPoint, type StartedAppium, type StartAppiumOptions } from './appium-server.js';
export { createPrivateAppiumHome, REFERENCE_DRIVER_DIR, type PrivateAppiumHome } from './appium-home.js';
export {
  planAppiumHome, homeOptionsFromEnv, installHomeOf, driverInstallCommand, findDriverFor, assertDriversAvailable, automationNamesOf,
  VOLTMX_APPIUM_HOME_ENV, type AppiumHomePlan, type PlanOptions,
} from './home-plan.js';
export { findInstalledDrivers, readDriverPackage, userAppiumHome, type InstalledDriver } from './installed-drivers.js';
export { AppiumServerError, AppiumStartError, AppiumStartTimeoutError, AppiumRemoteUnreachableError, AppiumDriverMissingError } from './errors.js';
export { freePort } from './free-port.js';
export { SECRET_LOG_FILTERS, type LogFilterRule } from './log-filters.js';
export { splitUrlCredentials, printableUrl, basicAuthorization, authHeaders, type SplitUrl } from './url-credentials.js';
export { isSecretKey, secretValuesOf, redactCapabilityTree, scrubSecrets } from './secret-capabilities.js';
