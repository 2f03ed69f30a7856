/**
 * Whether a Grid 4 slot takes a session request, by the rules of Selenium's DefaultSlotMatcher
 * for what a device lab's requests carry: platformName (case-insensitive), browserName and
 * browserVersion when both sides name them; a request's `appium:platformVersion` exactly equal
 * to the stereotype's (so a stereotype without it never takes a request with it); and each
 * extension capability of the stereotype (`appium:udid`, `appium:automationName`) that the
 * request names too, equal ignoring case. What docs and example devices files are checked
 * against; harness/run/run-grid.test.ts checks a real Grid.
 */
/** Extension capabilities the matcher leaves to the browser drivers. */
const NOT_MATCHED = ['goog:', 'moz:', 'ms:', 'se:'];

const sameString = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : JSON.stringify(a) === JSON.stringify(b);

export function slotMatches(stereotype: Readonly<Record<string, unknown>>, request: Readonly<Record<string, unknown>>): boolean {
  for (const key of ['platformName', 'browserName', 'browserVersion']) {
    if (request[key] !== undefined && stereotype[key] !== undefined && !sameString(stereotype[key], request[key])) return false;
  }
  // Any capability whose name has "platformVersion" in it: exactly equal, a missing one included.
  for (const key of Object.keys(request).filter((k) => k.includes('platformVersion'))) {
    if (JSON.stringify(stereotype[key]) !== JSON.stringify(request[key])) return false;
  }
  // The stereotype's extension capabilities that the request names too.
  for (const key of Object.keys(stereotype)) {
    if (!key.includes(':') || !(key in request) || NOT_MATCHED.some((p) => key.includes(p))) continue;
    if (request[key] !== null && !sameString(stereotype[key], request[key])) return false;
  }
  return true;
}

/** The stereotypes of a relay node's TOML (`configs = ["<n>", '<json>', ...]` of `[relay]`). */
export function relayStereotypes(toml: string): Record<string, unknown>[] {
  const block = /^\s*configs\s*=\s*\[([\s\S]*?)\]\s*$/m.exec(toml.replace(/#[^\n'"]*$/gm, ''));
  if (!block) return [];
  const strings = [...block[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => (m[1] !== undefined ? JSON.parse(`"${m[1]}"`) as string : m[2]!));
  const stereotypes: Record<string, unknown>[] = [];
  for (let i = 1; i < strings.length; i += 2) stereotypes.push(JSON.parse(strings[i]!) as Record<string, unknown>);
  return stereotypes;
}
