/**
 * The scripted voltmx.net.invokeServiceAsync / cancel check (docs/app-contract.md, "API
 * checks"): cancel at once, cancel what is not a pending handle, and invalid input.
 */
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import type { InvokeCancelObservation, ValueSummary } from './contract.js';
import { call, delay, loose, summarize } from './observe.js';

/** How long after the first final status (300 / 400) the check keeps listening for more. */
const AFTER_FINAL_MS = 1_000;
const LIMIT_MS = 10_000;
/** How long an invalid call's callback is given to (wrongly) fire. */
const INVALID_GRACE_MS = 500;

export async function invokeCancel(runtime: VoltmxRuntime, url: string): Promise<InvokeCancelObservation> {
  const net = loose(runtime.net);
  const statuses: number[] = [];
  let resultAt300: ValueSummary | null = null;
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    const limit = setTimeout(resolve, LIMIT_MS);
    let after: ReturnType<typeof setTimeout> | undefined;
    settle = () => {
      if (after) return;
      after = setTimeout(() => {
        clearTimeout(limit);
        resolve();
      }, AFTER_FINAL_MS);
    };
  });
  const callback = (status: number, result: unknown) => {
    statuses.push(status);
    if (status === 300) resultAt300 = summarize(result);
    if (status === 300 || status === 400) settle();
  };
  let handle: unknown = null;
  const invoked = call(() => (handle = net.invokeServiceAsync(url, {}, callback)));
  const cancel = call(() => net.cancel(handle));
  if (invoked.thrown) settle();
  await settled;
  const cancelAgain = call(() => net.cancel(handle));
  const cancelForeign = call(() => net.cancel({}));
  const cancelNull = call(() => net.cancel(null));

  const invalidCall = (...args: unknown[]) => {
    const seen: number[] = [];
    const withCallback = args.length === 3 ? [...args.slice(0, 2), (status: number) => seen.push(status)] : args;
    return { call: call(() => net.invokeServiceAsync(...withCallback)), statuses: seen };
  };
  const invalid = {
    badUrl: invalidCall(42, {}, 'callback'),
    badTable: invalidCall(url, 'not a table', 'callback'),
    noCallback: invalidCall(url, {}),
  };
  await delay(INVALID_GRACE_MS);
  return {
    invoke: invoked,
    cancel,
    cancelAgain,
    statuses,
    resultAt300,
    cancelForeign,
    cancelNull,
    invalid,
  };
}
