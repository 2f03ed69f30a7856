/**
 * voltmx.ui as the reference app's form uses it: TextBox2, Button and Label with `id`,
 * `text` and `onClick`, the only widget properties the kit touches.
 */
import { ElementId, type ElementIdValue } from '../../../conformance-app/contract.js';

export interface Widget {
  id: string;
  text: string;
  onClick: ((widget: Widget) => void) | null;
}

export type ElementKind = 'input' | 'button' | 'text';

/** The form's three widgets: what kind each one is and its caption / placeholder. */
export const SCREEN: readonly { id: ElementIdValue; kind: ElementKind; label: string }[] = [
  { id: ElementId.command, kind: 'input', label: 'command (JSON)' },
  { id: ElementId.run, kind: 'button', label: 'Run' },
  { id: ElementId.result, kind: 'text', label: 'Result' },
];

export function screenElement(id: string): (typeof SCREEN)[number] | undefined {
  return SCREEN.find((element) => element.id === id);
}

function widgetClass(kind: string, defaultText: string) {
  return class implements Widget {
    id: string;
    text: string;
    onClick: ((widget: Widget) => void) | null = null;
    constructor(basicConf?: { id?: unknown; text?: unknown }) {
      this.id = typeof basicConf?.id === 'string' ? basicConf.id : kind;
      this.text = typeof basicConf?.text === 'string' ? basicConf.text : defaultText;
    }
  };
}

export function createUi() {
  return { TextBox2: widgetClass('TextBox2', ''), Button: widgetClass('Button', 'Run'), Label: widgetClass('Label', '') };
}

export type VoltmxUi = ReturnType<typeof createUi>;

/** The form: one widget per element of the screen, as an Iris form defines them. */
export function createForm(ui: VoltmxUi): Record<ElementIdValue, Widget> {
  return {
    command: new ui.TextBox2({ id: ElementId.command, text: '' }),
    run: new ui.Button({ id: ElementId.run, text: 'Run' }),
    result: new ui.Label({ id: ElementId.result, text: '' }),
  };
}
