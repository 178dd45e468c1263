// Shared pieces of the benchmark: what a workload and a pipeline are, timing, memory, formatting.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** One way of producing a workload's manifests (or YAML) for `n` objects. */
export interface Pipeline {
  /** Stable id, used on the command line and by the memory child process. */
  readonly id: string;
  /** What the table shows. */
  readonly label: string;
  readonly group: "baseline" | "piceli" | "peer";
  /** Much slower than the others: fewer runs. */
  readonly slow?: boolean;
  /** Not measured yet: the reason, printed instead of numbers. */
  readonly pending?: string;
  /** Imports what the pipeline needs, then returns it: `run(n)` returns its output (kept alive while measured). */
  readonly load?: () => Promise<(n: number) => unknown>;
}

/** A kind of manifest set to produce, e.g. "N Jobs". Adding a workload is adding one entry to `WORKLOADS`. */
export interface Workload {
  readonly id: string;
  readonly title: string;
  /** What the N objects are, plural: "Jobs", "apps (a ConfigMap, a Deployment and a Service each)". */
  readonly unit: string;
  readonly sizes: readonly number[];
  /** The pipeline ratios are computed against. */
  readonly baseline: string;
  readonly pipelines: readonly Pipeline[];
  /** Checks, before measuring, that the pipelines produce the same objects; returns notes to print. */
  readonly check?: () => Promise<string[]>;
  /** Notes on how the peers' objects differ. */
  readonly notes?: readonly string[];
  /** Issue 15's targets for this workload, checked at every size. */
  readonly goals?: Goals;
}

/**
 * Per-object targets, as ratios that carry across machines: chain + `build()` and chain + `build()` + `toYaml` as
 * multiples of kubernetes-models' `new` + `validate()` in the same run, and how many times faster than cdk8s-plus.
 */
export interface Goals {
  readonly buildVsModels?: number;
  readonly yamlVsModels?: number;
  readonly cdk8sFactor?: number;
}

setFlagsFromString("--expose-gc");
/** A full garbage collection (V8's `gc`, exposed at run time). */
export const gc = runInNewContext("gc") as () => void;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many timed runs at size `n`: fewer for big sizes and slow pipelines, to keep the whole bench near 5 minutes. */
export function runsFor(n: number, slow: boolean): number {
  if (n <= 1_000) return slow ? 5 : 15;
  if (n <= 10_000) return slow ? 3 : 7;
  return slow ? 1 : 3;
}

/** Untimed runs at size `n` before the timed ones (the first runs after a full GC are slower: the young generation regrows). */
export function untimedRunsFor(n: number, slow: boolean): number {
  if (n <= 1_000) return slow ? 1 : 3;
  if (n <= 10_000) return slow ? 0 : 1;
  return 0;
}

/**
 * The median time in ms of `runs` runs at size `n`, back to back after one full GC and `untimed` untimed runs: the
 * process's CPU time (user + system, all its threads, the garbage collector's included), which other processes'
 * load on a shared machine disturbs far less than wall time. Each run's output stays alive until the run ends.
 */
export function time(run: (n: number) => unknown, n: number, runs: number, untimed: number): { median: number; samples: number[] } {
  gc();
  for (let i = 0; i < untimed; i++) keep(run(n));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    const output = run(n);
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
    keep(output);
  }
  return { median: median(samples), samples };
}

let sink: unknown;
/** Keeps a value reachable until the next call, so no run is optimised away. */
export function keep(value: unknown): void {
  sink = value;
  sink = undefined;
}

/**
 * Runs the pipeline on 1,000 objects (300 when slow) until the JIT has settled: for at least half a second and
 * until the last 5 runs are within 15% of each other and of the best run, or for 3 seconds at most.
 */
export function warmUp(run: (n: number) => unknown, slow: boolean): void {
  const start = performance.now();
  const times: number[] = [];
  for (;;) {
    const before = performance.now();
    keep(run(slow ? 300 : 1_000));
    times.push(performance.now() - before);
    const elapsed = performance.now() - start;
    if (elapsed > 3_000) return;
    if (elapsed < 500 || times.length < 5) continue;
    const last = times.slice(-5);
    const typical = median(last);
    if (last.every((t) => Math.abs(t - typical) <= 0.15 * typical) && typical <= 1.15 * Math.min(...times)) return;
  }
}

/** What the memory child process reports. */
export interface MemoryResult {
  /** Peak resident set size during the run minus the resident set size before it (bytes). */
  readonly peakRss: number;
  /** Heap still used by the output after the run and a full GC (bytes). */
  readonly retainedHeap: number;
}

/**
 * Measures one pipeline's memory in a fresh process (`bench/memory.ts`), so that pipelines don't share a heap:
 * the child imports the pipeline, warms it up on a small size, runs a full GC, then runs it once at `n`.
 */
export function measureMemory(workload: string, pipeline: string, n: number): Promise<MemoryResult> {
  const child = new URL("./memory.ts", import.meta.url).pathname;
  const loader = process.execArgv.length > 0 ? process.execArgv : ["--import", "tsx"];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...loader, "--expose-gc", child, workload, pipeline, String(n)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.on("error", reject);
    proc.on("close", (code) => {
      if (code !== 0) return reject(new Error(`memory child for ${workload}/${pipeline} at ${n} exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as MemoryResult);
    });
  });
}

export function machine(): string[] {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return [
    `date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `node --version: ${process.version}`,
    `nproc: ${os.availableParallelism()}`,
    `CPU: ${cpu}`,
    `memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  ];
}

interface CpuSnapshot {
  readonly busy: number;
  readonly total: number;
  readonly own: number;
}

/** CPU time so far (clock ticks): the whole machine's busy and total time, and this process's with its finished children. */
export function cpuSnapshot(): CpuSnapshot {
  const machine = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = machine as [number, number, number, number, number, number, number, number];
  const own = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ").slice(11, 15).map(Number);
  return {
    busy: user + nice + system + irq + softirq + steal,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
    own: own.reduce((a, b) => a + b, 0),
  };
}

/** How many cores other processes kept busy, on average, since `start`: near 0 on a quiet machine. */
export function otherLoad(start: CpuSnapshot): string {
  const end = cpuSnapshot();
  const cores = os.availableParallelism();
  const others = Math.max(0, end.busy - start.busy - (end.own - start.own)) / (end.total - start.total) * cores;
  return `other processes kept ${others.toFixed(2)} of the ${cores} cores busy on average during the run${others > 0.2 ? " (**not a quiet machine: expect noise**)" : ""}`;
}

export const fmt = {
  ms: (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)),
  us: (us: number) => (us >= 100 ? us.toFixed(0) : us.toFixed(1)),
  ratio: (r: number) => (r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`),
  mb: (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes >= 100 * 2 ** 20 ? 0 : 1)} MB`,
  n: (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n)),
};

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in bench/RESULTS.md (appending the section if missing). */
export function writeSection(name: string, body: string): void {
  const file = new URL("./RESULTS.md", import.meta.url);
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    text = "# Benchmark results\n";
  }
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text = from !== -1 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
}
