export { startSeleniumGrid, seleniumServerJar, javaAvailable, type RelayNode, type SeleniumGridOptions, type StartedSeleniumGrid } from './selenium-grid.js';
export { relayNodeToml, type RelayNodeConfig, type RelayStereotype } from './relay-config.js';
export { slotMatches, relayStereotypes } from './slot-match.js';
export { SeleniumGridError, GridJavaMissingError, GridStartError } from './errors.js';
export { startReferenceGrid, REFERENCE_GRID_VERSIONS, type ReferenceGridOptions, type StartedReferenceGrid } from './reference-grid.js';
