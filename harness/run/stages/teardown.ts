/**
 * What the run started, stopped in reverse order whatever happens: each stage adds the stop of
 * what it started as soon as it exists, so a stage failing half-way leaves nothing behind.
 */
export class RunTeardown {
  readonly #stops: { readonly stop: () => Promise<unknown>; readonly label?: string }[] = [];

  /** `label`: a failure to stop becomes "<label>: <message>"; without one it is ignored. */
  add(stop: () => Promise<unknown>, label?: string): void {
    this.#stops.push(label === undefined ? { stop } : { stop, label });
  }

  /** Stops everything, last started first; returns the failures worth reporting. */
  async run(): Promise<string[]> {
    const errors: string[] = [];
    for (const { stop, label } of this.#stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        if (label !== undefined) errors.push(`${label}: ${(error as Error).message}`);
      }
    }
    return errors;
  }
}
