/** devices/: what the harness uses to reach implementations under test. */
export { ElementId, type AppResult, type ElementIdValue, type CertSource } from './conformance-app/contract.js';
export {
  LocalAppiumServer, startAppium, useRemoteAppium, SECRET_LOG_FILTERS,
  AppiumServerError, AppiumStartError, AppiumStartTimeoutError, AppiumRemoteUnreachableError,
  type StartedAppium,
} from './appium-server/index.js';
export {
  PROFILE_NAMES, profileByName, referenceAndroid, referenceIos, androidEmulator, iosSimulator, UnknownProfileError,
  type DeviceProfile, type ProfileName, type Requirement,
} from './profiles/index.js';
export { runDoctor, formatDoctorReport, type DoctorReport, type CheckResult, type ProfileReadiness } from './doctor/index.js';
export { REFERENCE_APP_ID } from './reference-driver/lib/capabilities.js';
