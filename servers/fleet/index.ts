export { ServerFleet, StartedServerFleet, type BackendOptions } from './server-fleet.js';
export { serversUp, type ServersUpOptions } from './servers-up.js';
export {
  DockerUnavailableError, FleetStoppedError, ScenarioNotStartedError, ServerInfrastructureError,
} from './errors.js';
export type * from './types.js';
