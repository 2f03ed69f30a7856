/**
 * The worker half of the WebdriverIO integration: before a session starts it checks that the
 * launcher service made the run context (the workers inherit its path in RUN_CONTEXT_ENV) and
 * that the capability names one of the run's devices, so a missing piece fails at once with
 * a clear message instead of in every test.
 */
import { SevereServiceError } from 'webdriverio';
import { DEVICE_CAPABILITY } from '../run/requirement-reporter.js';
import { readRunContext, RUN_CONTEXT_ENV } from '../run/run-context.js';
import { ConformanceConfigError, ConformanceLauncherMissingError } from './errors.js';

type Capability = Record<string, unknown>;

export default class ConformanceService {
  beforeSession(_config: unknown, capabilities: Capability): void {
    if (!process.env[RUN_CONTEXT_ENV]) throw new SevereServiceError(new ConformanceLauncherMissingError().message);
    const name = capabilities?.[DEVICE_CAPABILITY];
    // Capabilities without a device are the config's own business (other specs, other services).
    if (name === undefined) return;
    if (!readRunContext().devices[String(name)]) {
      throw new SevereServiceError(new ConformanceConfigError(`${DEVICE_CAPABILITY}="${String(name)}" is not a device of this run`).message);
    }
  }
}
