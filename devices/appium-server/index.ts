export { LocalAppiumServer, startAppium, useRemoteAppium, appiumEntryPoint, type StartedAppium } from './appium-server.js';
export { createPrivateAppiumHome, REFERENCE_DRIVER_DIR, type PrivateAppiumHome } from './appium-home.js';
export { AppiumServerError, AppiumStartError, AppiumStartTimeoutError, AppiumRemoteUnreachableError } from './errors.js';
export { freePort } from './free-port.js';
export { SECRET_LOG_FILTERS, type LogFilterRule } from './log-filters.js';
