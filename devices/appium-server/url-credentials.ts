/**
 * Credentials in an Appium or Grid URL (`https://user:key@hub/wd/hub`, what farms hand out).
 * Node's fetch refuses such a URL and WebdriverIO drops the user part, so the credentials are
 * split off once: every request then goes to the bare URL with an `Authorization: Basic`
 * header, and nothing that prints, logs or stores the URL ever sees them.
 */

export interface SplitUrl {
  /** The URL without user name and password: what may be printed, logged and stored. */
  readonly url: URL;
  /** `Basic <base64(user:password)>`, or undefined when the URL carried no credentials. */
  readonly authorization: string | undefined;
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Splits the credentials off a URL (percent-encoded user names and keys are decoded). */
export function splitUrlCredentials(url: string | URL): SplitUrl {
  const bare = new URL(url);
  if (!bare.username && !bare.password) return { url: bare, authorization: undefined };
  const user = decodeURIComponent(bare.username);
  const password = decodeURIComponent(bare.password);
  bare.username = '';
  bare.password = '';
  return { url: bare, authorization: basicAuthorization(user, password) };
}

/** The URL as it may appear in any output: without credentials (unparsable: a placeholder). */
export function printableUrl(url: string | URL): string {
  try {
    return splitUrlCredentials(url).url.href;
  } catch {
    return '[unparsable URL]';
  }
}

/** Headers for a request to a server behind such a URL. */
export function authHeaders(authorization: string | undefined): Record<string, string> {
  return authorization ? { Authorization: authorization } : {};
}
