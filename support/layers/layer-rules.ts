/**
 * The layer rules of DEVELOPERS.md, as data, and a reader that finds every relative import
 * (static, type-only, re-export, dynamic with a literal, require) that crosses a layer boundary
 * the rules do not allow. Judges (servers/) share no code with the judged (reference/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const LAYERS = ['support', 'reference', 'servers', 'devices', 'harness', 'specs', 'bench', 'interop', 'scripts', 'bin'] as const;
export type Layer = (typeof LAYERS)[number];

/** Which other layers each layer may import. Anything not listed is a violation. */
export const ALLOWED_IMPORTS: Readonly<Record<Layer, readonly Layer[]>> = {
  // The bottom: process-wide helpers, importable by servers/devices/harness, importing nothing.
  support: [],
  // The portable reference implementation: self-contained.
  reference: [],
  // The judges: never the judged (reference/), never the layers that drive them.
  servers: ['support'],
  devices: ['reference', 'support'],
  harness: ['devices', 'servers', 'reference', 'support'],
  // Specs judge through a device and a server, never by calling the reference directly.
  specs: ['harness', 'devices', 'servers', 'support'],
  // Tooling on top of everything: the interoperability corpus and the benchmarks.
  interop: ['devices', 'servers', 'reference', 'support'],
  bench: ['interop', 'harness', 'devices', 'servers', 'reference', 'support'],
  scripts: ['support', 'reference', 'servers', 'devices', 'harness', 'specs', 'bench', 'interop'],
  bin: ['harness', 'support'],
};

export interface LayerViolation {
  /** Repository-relative path of the importing file. */
  readonly file: string;
  readonly specifier: string;
  readonly from: Layer;
  readonly to: Layer;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"`])([^'"`\n]+)\1/g;

/** The module specifiers a source file names (comments are not stripped: a commented-out import still counts). */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[2]);
}

export const layerOf = (repoRelativePath: string): Layer | undefined => {
  const top = repoRelativePath.split(sep)[0];
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : undefined;
};

/** Every source file under `dir` (node_modules, dist and dot-folders left out). */
export function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every import under `root` that crosses a boundary ALLOWED_IMPORTS does not allow. */
export function layerViolations(root: string): LayerViolation[] {
  const found: LayerViolation[] = [];
  for (const layer of LAYERS) {
    let files: string[];
    try {
      files = sourceFiles(join(root, layer));
    } catch {
      continue; // the layer does not exist here
    }
    for (const path of files) {
      for (const specifier of importSpecifiers(readFileSync(path, 'utf8'))) {
        if (!specifier.startsWith('.')) continue; // a package, not a layer
        const target = relative(root, resolve(dirname(path), specifier));
        const to = layerOf(target);
        if (to === undefined || to === layer || ALLOWED_IMPORTS[layer].includes(to)) continue;
        found.push({ file: relative(root, path), specifier, from: layer, to });
      }
    }
  }
  return found;
}
