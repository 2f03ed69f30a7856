/**
 * voltmx.ui as the reference app's form uses it: TextBox2, Button and Label with `id`,
 * `text` and `onClick`, the only widget properties the kit touches.
 */
import { ElementId, type ElementIdValue } from '../../../conformance-app/contract.js';

/** voltmx.ui accessibilityConfig: how Appium finds a widget and, on iOS, what it reads. */
export interface AccessibilityConfig {
  a11yLabel?: string;
  a11yValue?: string;
  a11yHint?: string;
  a11yHidden?: boolean;
}

export interface Widget {
  id: string;
  text: string;
  onClick: ((widget: Widget) => void) | null;
  accessibilityConfig?: AccessibilityConfig;
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
    accessibilityConfig?: AccessibilityConfig;
    constructor(basicConf?: { id?: unknown; text?: unknown; accessibilityConfig?: AccessibilityConfig }) {
      this.id = typeof basicConf?.id === 'string' ? basicConf.id : kind;
      this.text = typeof basicConf?.text === 'string' ? basicConf.text : defaultText;
      if (basicConf?.accessibilityConfig) this.accessibilityConfig = { ...basicConf.accessibilityConfig };
    }
  };
}

export function createUi() {
  return { TextBox2: widgetClass('TextBox2', ''), Button: widgetClass('Button', 'Run'), Label: widgetClass('Label', '') };
}

export type VoltmxUi = ReturnType<typeof createUi>;

/** The form as docs/app-kit.md sets it up: each widget's id and a11yLabel are its accessibility id. */
export function createForm(ui: VoltmxUi): Record<ElementIdValue, Widget> {
  const a11y = (id: string): AccessibilityConfig => ({ a11yLabel: id, a11yHidden: false });
  return {
    command: new ui.TextBox2({ id: ElementId.command, text: '', accessibilityConfig: a11y(ElementId.command) }),
    run: new ui.Button({ id: ElementId.run, text: 'Run', accessibilityConfig: a11y(ElementId.run) }),
    result: new ui.Label({ id: ElementId.result, text: '', accessibilityConfig: a11y(ElementId.result) }),
  };
}

/**
 * What XCUITest reads from a static text: its accessibility value, else its label, else the
 * text (a Label whose a11yLabel is "result" reads back "result" unless the app sets a value).
 */
export function xcuitestStaticText(widget: Pick<Widget, 'text' | 'accessibilityConfig'>): string {
  const config = widget.accessibilityConfig;
  if (typeof config?.a11yValue === 'string' && config.a11yValue !== '') return config.a11yValue;
  if (typeof config?.a11yLabel === 'string' && config.a11yLabel !== '') return config.a11yLabel;
  return String(widget.text ?? '');
}
