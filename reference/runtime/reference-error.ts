/**
 * The one base of the reference's errors. Same shape as support/errors' ConformanceError, but its
 * own: reference/ imports no other layer (the judged share no code with the judges).
 */
export abstract class ReferenceLayerError extends Error {
  abstract readonly code: string;
  /** A getter so an instance gains no own enumerable property (app code sees the same error). */
  get namespace(): 'reference' { return 'reference'; }

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  get qualifiedCode(): string {
    return `${this.namespace}/${this.code}`;
  }
}
