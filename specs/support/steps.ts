/**
 * A step is one command of the app contract with what the spec gets back from it: `prepare`
 * pushes what the command names (files are pushed, never typed), `finish` turns the command's
 * result into the spec's value and records the evidence. App runs one step, or several as one
 * batch (one set-value, one click, one wait for all of them).
 */
import { createHash } from 'node:crypto';
import type { Command, HttpRequestResult, InvokeServiceResultView, StepResult, TextInput } from '../../devices/conformance-app/contract.js';
import { recordEvidence } from '../../harness/run/evidence.js';
import type { ServerObservation } from '../../servers/backend-kit/types.js';
import type { DeviceSession } from './device-session.js';
import { RuntimeSilentFailure } from './errors.js';

export interface Step<T> {
  prepare(session: DeviceSession): Promise<Command>;
  finish(result: StepResult): Promise<T>;
}

export type RequestApi = 'http-request' | 'invoke-service';

export interface Exchange {
  readonly status: number | null;
  /** What the server saw; null when no parsable observation came back. */
  readonly observation: ServerObservation | null;
  readonly result: HttpRequestResult | InvokeServiceResultView;
  /** The scenario the request went to, when it was one of the fleet's. */
  readonly scenario?: string;
}

/** Text longer than this is pushed as a file and named by {"$textFile"}: typing is slow on a device. */
export const MAX_TYPED_TEXT = 200;

/** A text for a command: short text inline, long text pushed once (named by its content). */
export async function textInput(session: DeviceSession, text: string): Promise<TextInput> {
  if (text.length <= MAX_TYPED_TEXT) return text;
  const name = `text-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.txt`;
  return { $textFile: await session.push(name, Buffer.from(text, 'utf8')) };
}

/** Every long string inside load-with-arguments' args, pushed. */
export async function pushedArguments(session: DeviceSession, value: unknown): Promise<unknown> {
  if (typeof value === 'string') return textInput(session, value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await pushedArguments(session, item));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await pushedArguments(session, item);
    return out;
  }
  return value;
}

/** A step whose result the spec takes as the app gave it. */
export function commandStep<T extends StepResult>(command: Command | ((session: DeviceSession) => Promise<Command>)): Step<T> {
  return {
    prepare: async (session) => (typeof command === 'function' ? command(session) : command),
    finish: async (result) => {
      recordEvidence({ clientResult: result });
      return result as T;
    },
  };
}

/** The servers' observation in a JSON answer: /service wraps it (`observation`), /whoami and /slow are it. */
function observationIn(value: unknown): ServerObservation | null {
  if (value === null || typeof value !== 'object') return null;
  const wrapped = (value as { observation?: unknown }).observation;
  const candidate = (typeof wrapped === 'object' ? wrapped : value) as Record<string, unknown> | null;
  return typeof candidate?.verify === 'string' ? (candidate as unknown as ServerObservation) : null;
}

function parseObservation(text: unknown): ServerObservation | null {
  if (typeof text !== 'string') return null;
  try {
    return observationIn(JSON.parse(text));
  } catch {
    return null;
  }
}

export function toExchange(api: RequestApi, result: StepResult): Exchange {
  if (api === 'http-request') {
    const http = result as HttpRequestResult;
    return { status: http.status ?? null, observation: parseObservation(http.body), result: http };
  }
  const view = result as InvokeServiceResultView;
  return { status: view.responsecode ?? null, observation: observationIn(view.result), result: view };
}

/**
 * A step the app reports `timedOut`: the runtime never answered within the command's deadline
 * while the app did. The test that judges that step fails its requirement with the deadline
 * as evidence (RuntimeSilentFailure); tests that share the batch but judge other steps do not.
 */
export function assertAnswered(result: StepResult | unknown, what = ''): void {
  const timed = result as { timedOut?: unknown; deadlineMs?: unknown; action?: unknown } | null;
  if (!timed || timed.timedOut !== true) return;
  const { seq: _seq, done: _done, action, timedOut: _t, deadlineMs, ...seen } = timed as Record<string, unknown>;
  throw new RuntimeSilentFailure(Number(deadlineMs),
    `the runtime never answered ${String(action)}${what ? ` ${what}` : ''} within its deadline of ${String(deadlineMs)} ms; seen by then: ${JSON.stringify(seen)}`);
}
