/** `--shard <i>/<n>`: a deterministic share of the spec files, the same on every machine. */
import { basename } from 'node:path';
import { HarnessError } from '../../support/errors/index.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export class ShardOptionError extends HarnessError {
  readonly code = 'SHARD_INVALID';
  constructor(value: string, message = `--shard must be <i>/<n> with 1 <= i <= n (got "${value}")`) {
    super(message);
  }
}

export function parseShard(value: string): Shard {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new ShardOptionError(value);
  return { index, count };
}

/**
 * Sorted by file name (not by absolute path, which differs between machines), then dealt
 * round-robin: shard i takes files i, i + n, i + 2n, ... Every file lands in exactly one shard.
 */
export function shardSpecs(specs: readonly string[], shard: Shard): string[] {
  const sorted = [...specs].sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b));
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
