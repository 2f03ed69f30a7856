/** The screen's three elements: what kind each one is and what it shows. */
import { ElementId, type ElementIdValue } from './contract.js';

export type ElementKind = 'input' | 'button' | 'text';

export interface ScreenElement {
  readonly id: ElementIdValue;
  readonly kind: ElementKind;
  /** A button's caption; an input's placeholder. */
  readonly label: string;
}

export const SCREEN: readonly ScreenElement[] = [
  { id: ElementId.command, kind: 'input', label: 'command (JSON)' },
  { id: ElementId.run, kind: 'button', label: 'Run' },
  { id: ElementId.result, kind: 'text', label: 'Result' },
];

const BY_ID = new Map<string, ScreenElement>(SCREEN.map((e) => [e.id, e]));

export function findScreenElement(id: string): ScreenElement | undefined {
  return BY_ID.get(id);
}
