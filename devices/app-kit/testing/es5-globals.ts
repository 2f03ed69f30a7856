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

export interface KitScan {
  /** The ES5 parse error, when the text is not ES5. */
  syntaxError: string | null;
  /** Globals read or written outside ALLOWED_GLOBALS, sorted. */
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
  const programNames = new Set<string>();
  hoisted(program, programNames);
  visit(program, new Scope(programNames, null), free);
  const globals = [...free].sort();
  return { syntaxError: null, disallowed: globals.filter((name) => !ALLOWED_GLOBALS.has(name)), globals };
}

function functionScope(fn: AnyNode, parent: Scope): Scope {
  const names = new Set<string>(['arguments']);
  for (const param of fn.params as AnyNode[]) names.add(param.name as string);
  if (fn.type === 'FunctionExpression' && fn.id) names.add((fn.id as AnyNode).name as string);
  hoisted(fn.body as AnyNode, names);
  return new Scope(names, parent);
}

function visit(node: AnyNode, scope: Scope, free: Set<string>): void {
  switch (node.type) {
    case 'Identifier':
      if (!scope.has(node.name as string)) free.add(node.name as string);
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      visit(node.body as AnyNode, functionScope(node, scope), free);
      return;
    case 'CatchClause': {
      const inner = new Scope(new Set([(node.param as AnyNode).name as string]), scope);
      visit(node.body as AnyNode, inner, free);
      return;
    }
    case 'MemberExpression':
      visit(node.object as AnyNode, scope, free);
      if (node.computed) visit(node.property as AnyNode, scope, free);
      return;
    case 'Property':
      if (node.computed) visit(node.key as AnyNode, scope, free);
      visit(node.value as AnyNode, scope, free);
      return;
    case 'LabeledStatement':
      visit(node.body as AnyNode, scope, free);
      return;
    case 'BreakStatement':
    case 'ContinueStatement':
      return;
    default:
      for (const child of children(node)) visit(child, scope, free);
  }
}
