export { fleetPortPlan, fleetPortsNeeded, ServerFleet, StartedServerFleet, type BackendOptions } from './server-fleet.js';
export { serversUp, type ServersUpOptions } from './servers-up.js';
export {
  DockerUnavailableError, FleetStoppedError, ScenarioNotStartedError, ServerInfrastructureError,
} from '../backend-kit/errors.js';
export type * from '../backend-kit/types.js';
export { type FleetExposure } from './server-fleet.js';
export {
  DEFAULT_BIND, exposureWarning, isLoopback, listenAddresses, parsePortRange, checkBindAddress,
  type FleetNetwork, type PortRange,
} from './network.js';
export { FleetNetworkError } from '../backend-kit/errors.js';
