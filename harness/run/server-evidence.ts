/** What the server fleet kept about a test's exchanges (log lines, handshake transcripts), attached to results that did not pass. */
import type { TestOutcome } from '../results/types.js';

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

/** The part of a started fleet judging needs: its health, its logs, its transcripts. */
export interface EvidenceSource {
  classify(error: unknown): Promise<unknown>;
  logs(scenario: string): string;
  settledTranscript(scenario: string, exchange: string, deadline: number): Promise<unknown>;
}

/**
 * Attaches what the fleet saw to every result that did not pass (server log excerpt, handshake
 * transcripts). A judge that died during the run turns every failure into an error: no failure
 * seen then can be trusted as the client's. Runs while the fleet is still up.
 */
export async function attachServerEvidence(outcomes: readonly TestOutcome[], fleet: EvidenceSource): Promise<{ outcomes: TestOutcome[]; infrastructureErrors: string[] }> {
  const infrastructureErrors: string[] = [];
  let current = [...outcomes];
  const health = await fleet.classify(null);
  if (health) {
    const why = `server fleet failed during the run: ${(health as Error).message}`;
    infrastructureErrors.push(why);
    current = current.map((o) => (o.status === 'fail' ? { ...o, status: 'error', message: `${why}\n(was: ${o.message})` } : o));
  }
  // Excerpts first: looking up transcripts may probe a server (nginx, the Java judge), which nginx logs.
  current = current.map((o) => (o.status !== 'pass' && o.scenario ? { ...o, serverLog: logExcerpt(fleet.logs(o.scenario)) } : o));
  // One short wait for the whole run: a backend may log the last exchange just after answering it.
  const settled = Date.now() + TRANSCRIPT_WAIT_MS;
  const lookup = (scenario: string, exchange: string): Promise<unknown> => fleet.settledTranscript(scenario, exchange, settled);
  const withTranscripts: TestOutcome[] = [];
  for (const o of current) {
    const transcript = o.status === 'pass' ? null : await transcriptsOf(o.exchanges, lookup);
    withTranscripts.push(transcript ? { ...o, transcript } : o);
  }
  return { outcomes: withTranscripts, infrastructureErrors };
}
