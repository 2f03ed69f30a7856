/**
 * The TOML of one Grid 4 relay node: it registers with the hub's event bus and forwards every
 * session matching its stereotypes to one Appium server (Grid's `[relay]` section).
 */
export interface RelayStereotype {
  /** Capabilities a session must match (e.g. platformName, appium:automationName). */
  readonly capabilities: Readonly<Record<string, unknown>>;
  /** Sessions of this stereotype at once. */
  readonly maxSessions: number;
}

export interface RelayNodeConfig {
  readonly port: number;
  readonly appiumUrl: URL;
  readonly stereotypes: readonly RelayStereotype[];
  /** The hub's event bus (tcp://127.0.0.1:<port>). */
  readonly publishEvents: string;
  readonly subscribeEvents: string;
}

/** TOML basic strings: JSON's escaping is a valid subset for what we write. */
const str = (value: string): string => JSON.stringify(value);

export function relayNodeToml(config: RelayNodeConfig): string {
  const total = config.stereotypes.reduce((n, s) => n + s.maxSessions, 0);
  const configs = config.stereotypes.flatMap((s) => [str(String(s.maxSessions)), str(JSON.stringify(s.capabilities))]);
  const appium = config.appiumUrl.href.replace(/\/$/, '');
  return [
    '[server]',
    'host = "127.0.0.1"',
    `port = ${config.port}`,
    '',
    '[events]',
    `publish = ${str(config.publishEvents)}`,
    `subscribe = ${str(config.subscribeEvents)}`,
    '',
    '[node]',
    'detect-drivers = false',
    `max-sessions = ${total}`,
    '',
    '[relay]',
    `url = ${str(appium)}`,
    'status-endpoint = "/status"',
    `configs = [${configs.join(', ')}]`,
    '',
  ].join('\n');
}
