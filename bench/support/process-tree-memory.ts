/**
 * Peak memory of a process and all its descendants (Appium, WebdriverIO workers, nginx...),
 * sampled from /proc. getrusage's maxRSS covers one process (or the largest waited-for
 * child), never the sum of processes alive at once, which is what a run costs a machine.
 * Linux only; a sample can miss a peak shorter than the interval.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

export interface TreeMemoryPeak {
  /** Highest sum of RSS over the tree in one sample (shared pages counted once per process). */
  readonly rssKb: number;
  /** Highest sum of PSS (shared pages split between sharers); null when smaps_rollup is unreadable. */
  readonly pssKb: number | null;
  /** Most processes seen in the tree at once. */
  readonly processes: number;
  readonly samples: number;
}

export const treeSamplingAvailable = (): boolean => existsSync('/proc/self/stat');

/** pid -> parent pid of every process visible now. */
async function parentsNow(): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  const names = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
  await Promise.all(names.map(async (name) => {
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null);
    // The command name may hold spaces and parentheses: fields resume after the last ')'.
    if (stat) parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }));
  return parents;
}

export async function descendantsOf(root: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of await parentsNow()) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

async function memoryOf(pid: number): Promise<{ rssKb: number; pssKb: number | null } | null> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => null);
  const field = (text: string, name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  };
  if (rollup) {
    const rssKb = field(rollup, 'Rss');
    if (rssKb !== null) return { rssKb, pssKb: field(rollup, 'Pss') };
  }
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const rssKb = status ? field(status, 'VmRSS') : null;
  return rssKb === null ? null : { rssKb, pssKb: null };
}

export class ProcessTreeSampler {
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #rssKb = 0;
  #pssKb: number | null = 0;
  #processes = 0;
  #samples = 0;
  #waiting: { count: number; resolve: () => void }[] = [];

  constructor(private readonly rootPid: number, private readonly intervalMs = 250) {}

  start(): this {
    const tick = () => {
      // A slow /proc walk never overlaps the next one.
      this.#inFlight ??= this.sample().finally(() => { this.#inFlight = undefined; });
    };
    tick();
    this.#timer = setInterval(tick, this.intervalMs);
    return this;
  }

  /** Samples taken so far. */
  get samples(): number {
    return this.#samples;
  }

  /** Resolves once `count` samples have been taken (however slow a loaded machine walks /proc). */
  sampled(count: number): Promise<void> {
    if (this.#samples >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ count, resolve }));
  }

  async stop(): Promise<TreeMemoryPeak> {
    clearInterval(this.#timer);
    await this.#inFlight;
    return { rssKb: this.#rssKb, pssKb: this.#pssKb, processes: this.#processes, samples: this.#samples };
  }

  private async sample(): Promise<void> {
    const tree = await descendantsOf(this.rootPid);
    const usage = (await Promise.all(tree.map(memoryOf))).filter((u) => u !== null);
    if (usage.length === 0) return;
    this.#samples++;
    this.#rssKb = Math.max(this.#rssKb, usage.reduce((sum, u) => sum + u.rssKb, 0));
    const pss = usage.every((u) => u.pssKb !== null) ? usage.reduce((sum, u) => sum + u.pssKb!, 0) : null;
    this.#pssKb = pss === null || this.#pssKb === null ? null : Math.max(this.#pssKb, pss);
    this.#processes = Math.max(this.#processes, usage.length);
    for (const w of this.#waiting.filter((w) => this.#samples >= w.count)) w.resolve();
    this.#waiting = this.#waiting.filter((w) => this.#samples < w.count);
  }
}
