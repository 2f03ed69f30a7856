import { backendContract } from '../fleet/testing/backend-contract.js';
import { toolSkip } from '../../support/testing/index.js';
import { dockerAvailable } from './docker-availability.js';

backendContract('testcontainers', {
  // Skipped without a daemon locally; a failure with the install command in CI.
  skip: async () => {
    const docker = await dockerAvailable();
    return toolSkip('docker', docker.available ? undefined : docker.reason) || undefined;
  },
});
