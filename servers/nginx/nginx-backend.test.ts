import { backendContract } from '../fleet/testing/backend-contract.js';

backendContract('nginx');
