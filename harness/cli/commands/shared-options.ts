/** Option values shared by several commands, checked once. */
import type { BackendName } from '../../../servers/backend-kit/types.js';
import { UsageError } from '../errors.js';

const BACKENDS: readonly BackendName[] = ['embedded', 'nginx', 'testcontainers'];

export function backendOption(value: unknown): BackendName {
  if (typeof value === 'string' && (BACKENDS as readonly string[]).includes(value)) return value as BackendName;
  throw new UsageError(`--servers must be one of ${BACKENDS.join(', ')} (got "${String(value)}")`);
}
