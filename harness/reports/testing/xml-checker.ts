import { HarnessError } from '../../../support/errors/index.js';

/**
 * A small, strict XML well-formedness checker for tests: elements, attributes, text, the five
 * predefined entities, character references, comments and the XML declaration. It returns the
 * element tree so tests can look inside. Not a general parser (no DTD, no CDATA, no PIs).
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export class XmlWellFormednessError extends HarnessError {
  readonly code = 'XML_MALFORMED';
  constructor(readonly offset: number, detail: string, message = `Malformed XML at ${offset}: ${detail}`) {
    super(message);
  }
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, offset: number): string {
  if (text.includes('<')) throw new XmlWellFormednessError(offset, 'raw < in text or attribute');
  return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlWellFormednessError(offset, `unterminated reference ${whole}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const m = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(ref);
    if (!m) throw new XmlWellFormednessError(offset, `unknown entity &${ref};`);
    return String.fromCodePoint(m[1].startsWith('x') ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10));
  });
}

export function checkXml(xml: string): XmlElement {
  let i = 0;
  const fail = (detail: string): never => {
    throw new XmlWellFormednessError(i, detail);
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (stack.length) stack[stack.length - 1].text += decode(text, i);
    else if (text.trim()) fail('text outside the root element');
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_:][A-Za-z0-9_:.-]*)\s*>/.exec(xml.slice(i));
      if (!m) fail('bad end tag');
      const open = stack.pop();
      if (!open || open.name !== m![1]) fail(`end tag </${m![1]}> does not match <${open?.name ?? ''}>`);
      i += m![0].length;
      continue;
    }
    i += 1;
    const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad element name');
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0];
      i += ws.length;
      if (xml.startsWith('/>', i) || xml.startsWith('>', i)) break;
      if (!ws) fail('attributes must be separated by white space');
      const attr = /^([A-Za-z_:][A-Za-z0-9_:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(i));
      if (!attr) fail('bad attribute');
      if (attr![1] in attributes) fail(`duplicate attribute ${attr![1]}`);
      attributes[attr![1]] = decode(attr![3] ?? attr![4], i);
      i += attr![0].length;
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else if (root) fail('more than one root element');
    else root = element;
    if (xml.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(element);
    }
  }
  if (stack.length) fail(`unclosed <${stack[stack.length - 1].name}>`);
  return root ?? fail('no root element');
}

/** Every element named `name` below (and including) `from`, depth first. */
export function findAll(from: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = from.name === name ? [from] : [];
  for (const child of from.children) out.push(...findAll(child, name));
  return out;
}
