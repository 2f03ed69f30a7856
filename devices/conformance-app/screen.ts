/** The screen's elements: what kind each one is and what it shows. */
import { ElementId, type ElementIdValue } from './contract.js';

export type ElementKind = 'input' | 'button' | 'text';

export interface ScreenElement {
  readonly id: ElementIdValue;
  readonly kind: ElementKind;
  /** A button's caption; an input's placeholder. */
  readonly label: string;
}

export const SCREEN: readonly ScreenElement[] = [
  { id: ElementId.certSource, kind: 'input', label: 'file | base64 | url' },
  { id: ElementId.certInput, kind: 'input', label: 'path, base64 text or URL' },
  { id: ElementId.certPassword, kind: 'input', label: 'PKCS#12 password' },
  { id: ElementId.loadRawBytes, kind: 'button', label: 'Load (RawBytes)' },
  { id: ElementId.loadBase64, kind: 'button', label: 'Load (base64)' },
  { id: ElementId.loadArguments, kind: 'input', label: 'JSON arguments array' },
  { id: ElementId.loadWithArguments, kind: 'button', label: 'Load with arguments' },
  { id: ElementId.removeCertificate, kind: 'button', label: 'Remove certificate' },
  { id: ElementId.targetUrl, kind: 'input', label: 'https://localhost:port/path' },
  { id: ElementId.requestMethod, kind: 'input', label: 'GET | POST' },
  { id: ElementId.requestBody, kind: 'input', label: 'body or JSON service params' },
  { id: ElementId.sendHttpRequest, kind: 'button', label: 'Send (HttpRequest)' },
  { id: ElementId.sendInvokeService, kind: 'button', label: 'Send (invokeServiceAsync)' },
  { id: ElementId.apiCheck, kind: 'input', label: 'readystates | invalid-state | methods | response | err-codes | invoke-cancel' },
  { id: ElementId.runApiCheck, kind: 'button', label: 'Run API check' },
  { id: ElementId.result, kind: 'text', label: 'Result' },
];

const BY_ID = new Map<string, ScreenElement>(SCREEN.map((e) => [e.id, e]));

export function findScreenElement(id: string): ScreenElement | undefined {
  return BY_ID.get(id);
}
