/**
 * Reads the built kit as a Volt MX JavaScript context would have to: ES5 syntax only (acorn,
 * ecmaVersion 5, script), and every global it touches must be the `voltmx` namespace or an
 * ECMA-262 (5.1) built-in. A free identifier is found by resolving each reference through the
 * function scopes around it (var and function declarations hoisted, parameters, catch
 * parameters, named function expressions, `arguments`).
 */
import { parse, type Node } from 'acorn';

/** The voltmx namespace, and the ES5.1 global object's properties (section 15.1), without eval. */
export const ALLOWED_GLOBALS: ReadonlySet<string> = new Set([
  'voltmx',
  'NaN', 'Infinity', 'undefined',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
  'Object', 'Function', 'Array', 'String', 'Boolean', 'Number', 'Date', 'RegExp',
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'Math', 'JSON',
]);

/** The ES5.1 properties of the built-in constructors and namespaces the kit may use. */
const ES5_STATICS: Readonly<Record<string, readonly string[]>> = {
  Object: ['prototype', 'getPrototypeOf', 'getOwnPropertyDescriptor', 'getOwnPropertyNames', 'create', 'defineProperty', 'defineProperties', 'seal', 'freeze', 'preventExtensions', 'isSealed', 'isFrozen', 'isExtensible', 'keys'],
  Array: ['prototype', 'isArray'],
  String: ['prototype', 'fromCharCode'],
  Number: ['prototype', 'MAX_VALUE', 'MIN_VALUE', 'NaN', 'NEGATIVE_INFINITY', 'POSITIVE_INFINITY'],
  Date: ['prototype', 'parse', 'UTC', 'now'],
  JSON: ['parse', 'stringify'],
  Math: ['E', 'LN10', 'LN2', 'LOG2E', 'LOG10E', 'PI', 'SQRT1_2', 'SQRT2', 'abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'cos', 'exp', 'floor', 'log', 'max', 'min', 'pow', 'random', 'round', 'sin', 'sqrt', 'tan'],
};

/** Methods added to built-in prototypes after ES5: a call to one of these names is flagged whatever its object. */
const POST_ES5_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'padStart', 'padEnd', 'repeat', 'codePointAt', 'normalize', 'trimStart', 'trimEnd',
  'find', 'findIndex', 'findLast', 'fill', 'flat', 'flatMap', 'copyWithin', 'at', 'replaceAll', 'matchAll',
]);

export interface KitScan {
  /** The ES5 parse error, when the text is not ES5. */
  syntaxError: string | null;
  /** Globals read or written outside ALLOWED_GLOBALS, sorted; also `Global.property` outside ES5's statics and `.method()` calls added after ES5. */
  disallowed: string[];
  /** Every free identifier (allowed or not), sorted. */
  globals: string[];
}

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) for (const item of value) { if (isNode(item)) out.push(item); }
    else if (isNode(value)) out.push(value);
  }
  return out;
}

/** var and function declarations of one function body (nested functions keep their own). */
function hoisted(body: AnyNode, names: Set<string>): void {
  for (const child of children(body)) {
    if (child.type === 'VariableDeclarator') names.add((child.id as AnyNode).name as string);
    if (child.type === 'FunctionDeclaration') {
      names.add((child.id as AnyNode).name as string);
      continue;
    }
    if (child.type === 'FunctionExpression') continue;
    hoisted(child, names);
  }
}

class Scope {
  constructor(readonly names: Set<string>, readonly parent: Scope | null) {}
  has(name: string): boolean {
    return this.names.has(name) || (this.parent?.has(name) ?? false);
  }
}

export function scanKit(source: string): KitScan {
  let program: AnyNode;
  try {
    program = parse(source, { ecmaVersion: 5, sourceType: 'script' }) as unknown as AnyNode;
  } catch (error) {
    return { syntaxError: (error as Error).message, disallowed: [], globals: [] };
  }
  const free = new Set<string>();
  const members = new Set<string>();
  const programNames = new Set<string>();
  hoisted(program, programNames);
  visit(program, new Scope(programNames, null), free, members);
  const globals = [...free].sort();
  return { syntaxError: null, disallowed: [...globals.filter((name) => !ALLOWED_GLOBALS.has(name)), ...[...members].sort()], globals };
}

function functionScope(fn: AnyNode, parent: Scope): Scope {
  const names = new Set<string>(['arguments']);
  for (const param of fn.params as AnyNode[]) names.add(param.name as string);
  if (fn.type === 'FunctionExpression' && fn.id) names.add((fn.id as AnyNode).name as string);
  hoisted(fn.body as AnyNode, names);
  return new Scope(names, parent);
}

function visit(node: AnyNode, scope: Scope, free: Set<string>, members: Set<string>): void {
  const recurse = (child: AnyNode, inner: Scope = scope) => visit(child, inner, free, members);
  switch (node.type) {
    case 'Identifier':
      if (!scope.has(node.name as string)) free.add(node.name as string);
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      recurse(node.body as AnyNode, functionScope(node, scope));
      return;
    case 'CatchClause': {
      const inner = new Scope(new Set([(node.param as AnyNode).name as string]), scope);
      recurse(node.body as AnyNode, inner);
      return;
    }
    case 'MemberExpression': {
      const object = node.object as AnyNode;
      const property = node.property as AnyNode;
      const statics = object.type === 'Identifier' && !scope.has(object.name as string) ? ES5_STATICS[object.name as string] : undefined;
      if (statics && !node.computed && !statics.includes(property.name as string)) members.add(`${object.name as string}.${property.name as string}`);
      recurse(object);
      if (node.computed) recurse(property);
      return;
    }
    case 'CallExpression': {
      const callee = node.callee as AnyNode;
      if (callee.type === 'MemberExpression' && !callee.computed && POST_ES5_METHODS.has((callee.property as AnyNode).name as string)) {
        members.add(`.${(callee.property as AnyNode).name as string}()`);
      }
      for (const child of children(node)) recurse(child);
      return;
    }
    case 'Property':
      if (node.computed) recurse(node.key as AnyNode);
      recurse(node.value as AnyNode);
      return;
    case 'LabeledStatement':
      recurse(node.body as AnyNode);
      return;
    case 'BreakStatement':
    case 'ContinueStatement':
      return;
    default:
      for (const child of children(node)) recurse(child);
  }
}
