/**
 * Appium `--log-filters` rules that keep key material and passwords out of the server log
 * (which ends up in reports): PKCS#12 bytes travel as base64 (pushFile, pullFile, typed
 * base64, page source), passwords as typed text (W3C send keys bodies and setValue args), and
 * secret capabilities at any depth (a farm's `bstack:options.accessKey`, `appium:options`...),
 * which Appium prints with the session's capabilities, as JSON or as util.inspect output.
 */
export interface LogFilterRule {
  pattern: string;
  flags?: string;
  replacer: string;
}

/** Key names of secrets (the same rule as secret-capabilities.ts, as a regex source). */
const KEY = '[^"\'\\\\\\s]*(?:pass(?:word|phrase)?|secret|token|credential|api[-_]?key|access[-_]?key|private|user[-_]?name)[^"\'\\\\\\s]*';

export const SECRET_LOG_FILTERS: readonly LogFilterRule[] = [
  // Any long base64 run: a .p12 (encrypted or not) never reaches the log.
  { pattern: '[A-Za-z0-9+/]{48,}={0,2}', replacer: '**BASE64 REDACTED**' },
  // W3C Element Send Keys body: {"text":"...","value":["p","a",...]}.
  { pattern: '"text":"(?:[^"\\\\]|\\\\.)*"', replacer: '"text":"**REDACTED**"' },
  { pattern: '"value":\\[[^\\]]*\\]', replacer: '"value":["**REDACTED**"]' },
  // The driver call line: Calling X.setValue() with args: ["secret", ...].
  { pattern: '(setValue\\(\\) with args: \\[)"(?:[^"\\\\]|\\\\.)*"', replacer: '$1"**REDACTED**"' },
  // A secret capability in JSON ("accessKey": "..."), also inside a JSON string (\"accessKey\":\"...\").
  { pattern: `("${KEY}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, flags: 'gi', replacer: '$1"**REDACTED**"' },
  { pattern: `(\\\\"${KEY}\\\\"\\s*:\\s*)\\\\"(?:[^"\\\\]|\\\\[^"])*\\\\"`, flags: 'gi', replacer: '$1\\"**REDACTED**\\"' },
  // util.inspect: accessKey: 'x' or 'appium:keychainPassword': 'x'.
  { pattern: `((?:'${KEY}'|\\b${KEY})\\s*:\\s*)'(?:[^'\\\\]|\\\\.)*'`, flags: 'gi', replacer: "$1'**REDACTED**'" },
];
