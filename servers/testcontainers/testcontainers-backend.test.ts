import { backendContract } from '../fleet/testing/backend-contract.js';
import { dockerAvailable } from './docker-availability.js';

backendContract('testcontainers', {
  skip: async () => {
    const docker = await dockerAvailable();
    return docker.available ? undefined : docker.reason;
  },
});
