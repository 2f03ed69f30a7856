/**
 * Conditions on an expectation (as WPT metadata conditions on the product): an entry may hold
 * only for some platform versions, e.g. iOS 17's SecPKCS12Import rejecting OpenSSL 3 default
 * PKCS#12 files while later iOS accepts them.
 *   "when": { "platformVersion": "<18" }      one comparison, or several that must all hold:
 *   "when": { "platformVersion": ">=17 <18" }  operators < <= > >= = on dotted numbers
 */
import type { ExpectationLookup } from './aggregate.js';

export interface ExpectationCondition {
  readonly platformVersion?: string;
}

const COMPARISON = /^(<=|>=|<|>|=)(\d+(?:\.\d+)*)$/;

/** null when the text is a valid condition, else what is wrong with it. */
export function conditionProblem(when: unknown): string | null {
  if (typeof when !== 'object' || when === null || Array.isArray(when)) return '"when" must be an object';
  const keys = Object.keys(when);
  const unknown = keys.filter((k) => k !== 'platformVersion');
  if (unknown.length) return `"when" knows only platformVersion (got ${unknown.join(', ')})`;
  const { platformVersion } = when as ExpectationCondition;
  if (typeof platformVersion !== 'string' || !platformVersion.trim().split(/\s+/).every((c) => COMPARISON.test(c))) {
    return '"when.platformVersion" must be comparisons such as "<18" or ">=17 <18"';
  }
  return null;
}

function compare(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` satisfies every comparison; an unknown version satisfies none. */
export function versionMatches(range: string, version: string | null): boolean {
  const numeric = version?.match(/^\d+(?:\.\d+)*/)?.[0];
  if (!numeric) return false;
  return range.trim().split(/\s+/).every((c) => {
    const [, op, v] = COMPARISON.exec(c)!;
    const d = compare(numeric, v!);
    return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : op === '>=' ? d >= 0 : d === 0;
  });
}

/**
 * Drops entries whose condition does not hold on the device. A device whose platform version
 * is unknown (no appium:platformVersion) matches no condition: the entry does not apply, so a
 * failure it would excuse shows as unexpected rather than hiding.
 */
export function conditionalLookup(files: ExpectationLookup, platformVersionOf: (device: string) => string | null): ExpectationLookup {
  return (device, requirement) => {
    const entry = files(device, requirement);
    const when = entry?.when;
    if (!entry || !when?.platformVersion) return entry;
    return versionMatches(when.platformVersion, platformVersionOf(device)) ? entry : undefined;
  };
}
