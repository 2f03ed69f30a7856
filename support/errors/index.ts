export {
  ConformanceError, ServersError, DevicesError, HarnessError, SpecsError, SupportError, BenchError, InteropError,
  type ErrorNamespace,
} from './conformance-error.js';
