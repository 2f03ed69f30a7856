/**
 * Which capability values are secrets, at any depth: farms nest them (`bstack:options.accessKey`,
 * `sauce:options.accessKey`, `appium:options.keychainPassword`, `tb:options.secret`). The key
 * decides; a user name counts too, since it is half of a credential pair.
 */
const SECRET_KEY = /pass(word|phrase)?|secret|token|credential|api[-_]?key|access[-_]?key|private|^key$|^user[-_]?name$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Every string a secret key holds, however deep (arrays and objects walked). */
export function secretValuesOf(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, secret: boolean): void => {
    if (typeof node === 'string') {
      if (secret && node.length > 0) found.add(node);
    } else if (typeof node === 'number' || typeof node === 'bigint') {
      if (secret) found.add(String(node));
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, secret);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) walk(child, secret || isSecretKey(key));
    }
  };
  walk(value, false);
  return [...found];
}

/** A copy with every secret key's value replaced by `[redacted]`, at any depth. */
export function redactCapabilityTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactCapabilityTree);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, isSecretKey(key) ? '[redacted]' : redactCapabilityTree(child)]));
  }
  return value;
}

/** Replaces each secret (longest first, so no part of one survives) in a text. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    // Short values (a "1", an empty-ish user name) would shred unrelated text; only real secrets are scrubbed by value.
    if (secret.length < 4) continue;
    for (const form of secretForms(secret)) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** The secret as it may appear in text: raw, JSON-escaped, percent-encoded, HTML-escaped. */
function secretForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')]);
  return [...forms].filter((f) => f.length > 0);
}
