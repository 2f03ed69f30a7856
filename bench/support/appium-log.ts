/**
 * Appium's own account of a run, from its HTTP log lines ("[HTTP] <-- POST /session 200
 * 136 ms - 1459"): how long it took to create and delete sessions, the time spent inside
 * the server on all commands, and which device each request was for. The specs stage
 * contains all of it (sessions run in parallel).
 */
export interface DeviceRequests {
  /** Answered requests of this device's sessions, POST /session included. */
  readonly requests: number;
  readonly sessions: number;
}

export interface AppiumLogSummary {
  readonly sessionsCreated: number;
  /** Server time of every POST /session answered 200, in order. */
  readonly sessionCreateMs: readonly number[];
  readonly sessionDeleteMs: readonly number[];
  readonly commands: number;
  /** Sum of the server time of every answered request. */
  readonly commandsMs: number;
  /** By the session's `voltmx:device` capability; requests of unattributed sessions are left out. */
  readonly perDevice: Readonly<Record<string, DeviceRequests>>;
}

const ANSWER = /\[HTTP\] <-- ([A-Z]+) (\S+) (\d{3}) (\d+) ms/;
/** BaseDriver logs the capabilities of a new session (one JSON line per key) under its instance tag. */
const CREATING = /\[(\w+@\w+)\] Creating session with W3C capabilities/;
const DEVICE_CAP = /"voltmx:device": "([^"]+)"/;
const CREATED = /\[(\w+@\w+)\] Session created with session id: ([0-9a-f-]+)/;

export function summarizeAppiumLog(text: string): AppiumLogSummary {
  const sessionCreateMs: number[] = [];
  const sessionDeleteMs: number[] = [];
  let commands = 0;
  let commandsMs = 0;
  const deviceOfDriver = new Map<string, string>();
  const deviceOfSession = new Map<string, string>();
  const perDevice: Record<string, { requests: number; sessions: number }> = {};
  const count = (device: string) => (perDevice[device] ??= { requests: 0, sessions: 0 });
  let creating: string | null = null;
  for (const line of text.split('\n')) {
    const starting = CREATING.exec(line);
    if (starting) {
      creating = starting[1]!;
      continue;
    }
    const cap = creating ? DEVICE_CAP.exec(line) : null;
    if (cap && creating) {
      deviceOfDriver.set(creating, cap[1]!);
      creating = null;
      continue;
    }
    const created = CREATED.exec(line);
    if (created) {
      const device = deviceOfDriver.get(created[1]!);
      if (device) {
        deviceOfSession.set(created[2]!, device);
        count(device).sessions++;
        count(device).requests++; // its POST /session, answered before the id is known
      }
      continue;
    }
    const match = ANSWER.exec(line);
    if (!match) continue;
    const [, method, path, status, ms] = match;
    commands++;
    commandsMs += Number(ms);
    const session = /^\/session\/([0-9a-f-]+)/.exec(path!)?.[1];
    const device = session ? deviceOfSession.get(session) : undefined;
    if (device) count(device).requests++;
    if (status !== '200') continue;
    if (method === 'POST' && path === '/session') sessionCreateMs.push(Number(ms));
    else if (method === 'DELETE' && /^\/session\/[^/]+$/.test(path!)) sessionDeleteMs.push(Number(ms));
  }
  return { sessionsCreated: sessionCreateMs.length, sessionCreateMs, sessionDeleteMs, commands, commandsMs, perDevice };
}
