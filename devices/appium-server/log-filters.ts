/**
 * Appium `--log-filters` rules that keep key material and passwords out of the server log
 * (which ends up in reports): PKCS#12 bytes travel as base64 (pushFile, pullFile, typed
 * base64, page source), passwords as typed text (W3C send keys bodies and setValue args).
 */
export interface LogFilterRule {
  pattern: string;
  flags?: string;
  replacer: string;
}

export const SECRET_LOG_FILTERS: readonly LogFilterRule[] = [
  // Any long base64 run: a .p12 (encrypted or not) never reaches the log.
  { pattern: '[A-Za-z0-9+/]{48,}={0,2}', replacer: '**BASE64 REDACTED**' },
  // W3C Element Send Keys body: {"text":"...","value":["p","a",...]}.
  { pattern: '"text":"(?:[^"\\\\]|\\\\.)*"', replacer: '"text":"**REDACTED**"' },
  { pattern: '"value":\\[[^\\]]*\\]', replacer: '"value":["**REDACTED**"]' },
  // The driver call line: Calling X.setValue() with args: ["secret", ...].
  { pattern: '(setValue\\(\\) with args: \\[)"(?:[^"\\\\]|\\\\.)*"', replacer: '$1"**REDACTED**"' },
];
