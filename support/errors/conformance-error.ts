/**
 * The one base of the judging side's errors (everything but reference/, which has its own base
 * of the same shape: the judged share no code with the judges). A class states only its `code`;
 * the layer base fixes the namespace, so `qualifiedCode` reads `servers/PKI_BAD_INPUT`.
 * `code` strings are stable (tests, docs and reports use them): never rename one.
 */
export type ErrorNamespace = 'servers' | 'devices' | 'harness' | 'specs' | 'support' | 'bench' | 'interop';

export abstract class ConformanceError extends Error {
  abstract readonly code: string;
  /** The layer that throws it; a getter so an instance gains no own enumerable property. */
  abstract get namespace(): ErrorNamespace;

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  get qualifiedCode(): string {
    return `${this.namespace}/${this.code}`;
  }
}

export abstract class ServersError extends ConformanceError {
  get namespace(): ErrorNamespace { return 'servers'; }
}
export abstract class DevicesError extends ConformanceError {
  get namespace(): ErrorNamespace { return 'devices'; }
}
export abstract class HarnessError extends ConformanceError {
  get namespace(): ErrorNamespace { return 'harness'; }
}
export abstract class SpecsError extends ConformanceError {
  get namespace(): ErrorNamespace { return 'specs'; }
}
export abstract class SupportError extends ConformanceError {
  get namespace(): ErrorNamespace { return 'support'; }
}
export abstract class BenchError extends ConformanceError {
  get namespace(): ErrorNamespace { return 'bench'; }
}
export abstract class InteropError extends ConformanceError {
  get namespace(): ErrorNamespace { return 'interop'; }
}
