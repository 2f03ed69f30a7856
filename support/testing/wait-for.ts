/**
 * The one polling wait for tests, for conditions that give no event to wait on: another
 * process's state in /proc, a process that is not our child, a file another process writes,
 * a server's health as a check. Where an event exists (a child's 'exit', a socket's 'close', a
 * server's 'request'), tests wait on that instead. `support/layers/no-fixed-sleeps.test.ts` keeps
 * every other sleep out of the tests.
 */

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes; the deadline names `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
