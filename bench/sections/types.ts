import type { BenchContext } from '../context.js';
import type { Figure } from '../report.js';

export interface BenchSection {
  readonly id: string;
  /** Numbering (1-9), also accepted by --only. */
  readonly number: number;
  readonly title: string;
  /** Throws NotAvailableError when a piece is missing. */
  run(context: BenchContext): Promise<Figure[]>;
}
