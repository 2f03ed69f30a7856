/** Loads a RuntimeFactory module: the reference by default, or any module with the same factory. */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuntimeFactory } from '../../../reference/runtime/contract.js';
import { DevicesError } from '../../../support/errors/index.js';

const REFERENCE_DIR = fileURLToPath(new URL('../../../reference/', import.meta.url));

export class RuntimeModuleError extends DevicesError {
  readonly code: string;
  constructor(code: 'RUNTIME_MODULE_NOT_FOUND' | 'RUNTIME_MODULE_INVALID', message: string) {
    super(message);
    this.code = code;
  }
}

/** The reference runtime's entry: reference/index.ts (or compiled index.js). */
export function referenceRuntimePath(): string {
  const candidates = ['index.ts', 'index.js'].map((name) => resolve(REFERENCE_DIR, name));
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}

/** A path (absolute, or relative to the Appium process's cwd), a file: URL, or a package name. */
export function toImportSpecifier(modulePath: string): string {
  if (modulePath.startsWith('file:')) return modulePath;
  if (isAbsolute(modulePath)) return pathToFileURL(modulePath).href;
  if (modulePath.startsWith('./') || modulePath.startsWith('../')) return pathToFileURL(resolve(modulePath)).href;
  return modulePath;
}

export async function loadRuntimeFactory(modulePath?: string): Promise<{ factory: RuntimeFactory; source: string }> {
  const source = modulePath?.trim() || referenceRuntimePath();
  let mod: Record<string, unknown>;
  try {
    mod = (await import(toImportSpecifier(source))) as Record<string, unknown>;
  } catch (error) {
    throw new RuntimeModuleError('RUNTIME_MODULE_NOT_FOUND', `could not load the runtime module ${source}: ${(error as Error).message}`);
  }
  const factory = mod.createRuntime ?? mod.default;
  if (typeof factory !== 'function') {
    throw new RuntimeModuleError('RUNTIME_MODULE_INVALID', `${source} exports neither createRuntime nor a default RuntimeFactory`);
  }
  return { factory: factory as RuntimeFactory, source };
}
