/**
 * Java from the host (Debian's openjdk-17-jdk-headless): where javac and java are, and a
 * compile step into a private folder. Nothing compiled is ever committed.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { ServersError } from '../../support/errors/index.js';

const run = promisify(execFile);

export interface JavaTools {
  readonly javac: string;
  readonly java: string;
}

export type JavaAvailability = ({ readonly available: true } & JavaTools) | { readonly available: false; readonly reason: string };

export class JavaUnavailableError extends ServersError {
  readonly code = 'JAVA_UNAVAILABLE';
  constructor(readonly reason: string, message = `Java is not available: ${reason}`) {
    super(message);
  }
}

export class JavaCompileError extends ServersError {
  readonly code = 'JAVA_COMPILE_FAILED';
  constructor(readonly output: string, message = `javac failed:\n${output}`) {
    super(message);
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** javac and java from JAVA_HOME, else from PATH; javac decides (a JRE alone cannot build the judge). */
export async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<JavaAvailability> {
  return findJavaSync(env);
}

/** findJava() for synchronous callers (a command line's checks before anything starts): a few stat calls. */
export function findJavaSync(env: NodeJS.ProcessEnv = process.env): JavaAvailability {
  const dirs = [...(env.JAVA_HOME ? [join(env.JAVA_HOME, 'bin')] : []), ...(env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const dir of dirs) {
    const javac = join(dir, 'javac');
    const java = join(dir, 'java');
    if (executable(javac) && executable(java)) return { available: true, javac, java };
  }
  return { available: false, reason: 'javac not found on PATH or in JAVA_HOME (Debian: apt-get install openjdk-17-jdk-headless)' };
}

/** findJava() or a JavaUnavailableError. */
export async function requireJava(env?: NodeJS.ProcessEnv): Promise<JavaTools> {
  const found = await findJava(env);
  if (!found.available) throw new JavaUnavailableError(found.reason);
  return found;
}

/** Compiles `sources` into `outDir` (created); `classpath` for libraries such as BouncyCastle. */
export async function compileJava(tools: JavaTools, sources: readonly string[], outDir: string, classpath: readonly string[] = []): Promise<void> {
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const cp = classpath.length ? ['-cp', classpath.join(delimiter)] : [];
  try {
    await run(tools.javac, ['-nowarn', '-encoding', 'UTF-8', ...cp, '-d', outDir, ...sources], { maxBuffer: 4 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new JavaCompileError(`${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

/** JVM flags for short-lived helper processes on a small, shared machine. */
export const QUICK_JVM_FLAGS: readonly string[] = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto', '-Xmx128m'];
