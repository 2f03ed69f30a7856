/**
 * Linux /proc reading for leak checks: which processes descend from a PID, and what they are.
 * Read-only; tests use it to find a child to kill (by PID) and to prove nothing outlived a run.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** The executable's short name, as /proc/<pid>/stat has it (e.g. "nginx", "node"). */
  readonly comm: string;
  readonly cmdline: string;
}

function readInfo(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may itself hold spaces or parentheses: it ends at the last ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (state === 'Z') return undefined; // a zombie is gone, only not yet reaped
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(ppid), comm, cmdline };
  } catch {
    return undefined; // exited while we looked
  }
}

export function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map((n) => readInfo(Number(n))).filter((p): p is ProcessInfo => p !== undefined);
}

/** Every living process below `root` (children, grandchildren, ...), `root` excluded. */
export function descendantsOf(root: number): ProcessInfo[] {
  const all = allProcesses();
  const found: ProcessInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

export const describe = (ps: readonly ProcessInfo[]): string => ps.map((p) => `${p.pid} (${p.comm}) ${p.cmdline}`).join('\n');

/** Living processes whose environment holds `entry` (e.g. TMPDIR=<a test's private folder>). */
export function processesWithEnv(entry: string): ProcessInfo[] {
  return allProcesses().filter((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').includes(entry);
    } catch {
      return false; // exited, or not ours to read
    }
  });
}

/** Living processes with an environment entry that starts with `prefix` (e.g. TMPDIR=<folder>, or a folder inside it). */
export function processesWithEnvPrefix(prefix: string): ProcessInfo[] {
  return allProcesses().filter((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').some((e) => e.startsWith(prefix));
    } catch {
      return false; // exited, or not ours to read
    }
  });
}
