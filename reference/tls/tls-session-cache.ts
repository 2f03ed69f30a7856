/**
 * TLS sessions kept per server and per presented identity. A session carries the identity
 * that authenticated it (platform-facts §4): resuming another identity's session, or a
 * certificate-less probe's, would present the wrong client, so keys never mix.
 */
export class TlsSessionCache {
  private readonly sessions = new Map<string, Buffer>();

  constructor(private readonly capacity = 100) {}

  static key(server: string, identityKey: string): string {
    return `${server}|${identityKey}`;
  }

  get(key: string): Buffer | undefined {
    return this.sessions.get(key);
  }

  set(key: string, session: Buffer): void {
    this.sessions.delete(key); // re-insert: Map order is the eviction order
    this.sessions.set(key, session);
    if (this.sessions.size > this.capacity) this.sessions.delete(this.sessions.keys().next().value!);
  }

  delete(key: string): void {
    this.sessions.delete(key);
  }

  clear(): void {
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}
