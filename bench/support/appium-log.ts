/**
 * Appium's own account of a run, from its HTTP log lines ("[HTTP] <-- POST /session 200
 * 136 ms - 1459"): how long it took to create and delete sessions, and the time spent inside
 * the server on all commands. The specs stage contains all of it (sessions run in parallel).
 */
export interface AppiumLogSummary {
  readonly sessionsCreated: number;
  /** Server time of every POST /session answered 200, in order. */
  readonly sessionCreateMs: readonly number[];
  readonly sessionDeleteMs: readonly number[];
  readonly commands: number;
  /** Sum of the server time of every answered request. */
  readonly commandsMs: number;
}

const ANSWER = /\[HTTP\] <-- ([A-Z]+) (\S+) (\d{3}) (\d+) ms/;

export function summarizeAppiumLog(text: string): AppiumLogSummary {
  const sessionCreateMs: number[] = [];
  const sessionDeleteMs: number[] = [];
  let commands = 0;
  let commandsMs = 0;
  for (const line of text.split('\n')) {
    const match = ANSWER.exec(line);
    if (!match) continue;
    const [, method, path, status, ms] = match;
    commands++;
    commandsMs += Number(ms);
    if (status !== '200') continue;
    if (method === 'POST' && path === '/session') sessionCreateMs.push(Number(ms));
    else if (method === 'DELETE' && /^\/session\/[^/]+$/.test(path!)) sessionDeleteMs.push(Number(ms));
  }
  return { sessionsCreated: sessionCreateMs.length, sessionCreateMs, sessionDeleteMs, commands, commandsMs };
}
