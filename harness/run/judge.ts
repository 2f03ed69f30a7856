/** Expectations for one run: the files' entries, and `skip` for requirements a platform lacks. */
import { isRequirementId, requirement } from '../requirements/catalog.js';
import type { ExpectationLookup } from '../results/aggregate.js';
import type { RequirementPlatform } from '../requirements/types.js';

export function runExpectations(files: ExpectationLookup, platformOf: (device: string) => RequirementPlatform | null): ExpectationLookup {
  return (device, id) => {
    const declared = files(device, id);
    if (declared) return declared;
    const platform = platformOf(device);
    if (platform && isRequirementId(id) && !requirement(id).platforms.includes(platform)) {
      return { status: 'skip', reason: `not a requirement on ${platform}` };
    }
    return undefined;
  };
}

/** The last lines of a server log: enough to see the request, short enough for a report. */
export function logExcerpt(log: string, lines = 30): string | null {
  const kept = log.split('\n').filter((l) => l.trim() !== '').slice(-lines);
  return kept.length ? kept.join('\n') : null;
}

/** How long judging may wait, in all, for transcripts a backend records just after answering. */
export const TRANSCRIPT_WAIT_MS = 1_000;

/** At most this many transcripts per result, the last ones: enough to see the failing exchange. */
export const TRANSCRIPTS_PER_RESULT = 10;

/**
 * The handshake transcripts of a test's exchanges, in order, as the fleet kept them (null when
 * it kept none: a backend that records none, or an exchange it no longer holds).
 */
export async function transcriptsOf(
  exchanges: readonly { readonly scenario: string; readonly exchange: string }[] | undefined,
  lookup: (scenario: string, exchange: string) => unknown,
): Promise<unknown[] | null> {
  const found: unknown[] = [];
  for (const e of (exchanges ?? []).slice(-TRANSCRIPTS_PER_RESULT)) {
    const transcript = await lookup(e.scenario, e.exchange);
    if (transcript != null) found.push(transcript);
  }
  return found.length ? found : null;
}
