/**
 * Import cycles inside one layer, between its folders (servers/fleet -> servers/java ->
 * servers/fleet) and between its files. Tests and test helpers (`*.test.ts`, `testing/` folders)
 * sit on top of what they test and are left out; everything
 * else counts, type-only and dynamic imports too: a folder that needs another's types
 * depends on it as much as one that calls it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { importSpecifiers, sourceFiles } from './layer-rules.js';

/** One cycle: the members (folders or files, repository-relative) and one import for each edge. */
export interface ImportCycle {
  readonly members: readonly string[];
  /** "a -> b (file that imports)" for each edge between members. */
  readonly edges: readonly string[];
}

const isTestSource = (path: string): boolean =>
  /\.test\.[cm]?[jt]s$/.test(path) || path.split(/[/\\]/).includes('testing');

/** The import graph of a layer's non-test sources, keyed by `unit` (a file's folder or the file itself). */
function graph(root: string, layer: string, unit: (repoPath: string) => string): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const path of sourceFiles(join(root, layer))) {
    const file = relative(root, path);
    if (isTestSource(file)) continue;
    for (const specifier of importSpecifiers(readFileSync(path, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(root, resolve(dirname(path), specifier)).replace(/\.js$/, '.ts');
      if (target.split(sep)[0] !== layer || isTestSource(target)) continue;
      const [from, to] = [unit(file), unit(target)];
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, file);
    }
  }
  return edges;
}

/** Strongly connected components of more than one member (Tarjan). */
function cycles(edges: Map<string, Map<string, string>>): ImportCycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: ImportCycle[] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== node);
    if (members.length < 2) return;
    members.sort();
    const inside = new Set(members);
    const described = members.flatMap((from) => [...(edges.get(from) ?? [])]
      .filter(([to]) => inside.has(to))
      .map(([to, file]) => `${from} -> ${to} (${file})`));
    found.push({ members, edges: described });
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

const folderOf = (path: string): string => path.split(sep).slice(0, 2).join(sep);

/** Cycles between the folders directly under `layer` (servers/embedded, servers/fleet...). */
export function folderCycles(root: string, layer: string): ImportCycle[] {
  return cycles(graph(root, layer, folderOf));
}

/** The folders of `layer` that `folder` (e.g. servers/wire) imports, non-test sources only. */
export function folderImports(root: string, folder: string): string[] {
  return [...(graph(root, folder.split(sep)[0]!, folderOf).get(folder)?.keys() ?? [])].sort();
}

/** Cycles between the files of `layer`. */
export function fileCycles(root: string, layer: string): ImportCycle[] {
  return cycles(graph(root, layer, (path) => path));
}
