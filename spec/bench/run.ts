// `npm run bench`: piceli against plain literals, js-yaml and peers, for N = 1k, 10k, 100k objects, in one process.
// Options: --only=job,deployment  --sizes=1000,10000  --no-memory  --no-write (don't update bench/RESULTS.md)
//          --section=name (write between RESULTS.md's `<!-- name:start/end -->` markers instead of `runtime`)
import { cpuSnapshot, fmt, machine, measureMemory, otherLoad, runsFor, table, time, untimedRunsFor, warmUp, writeSection, type MemoryResult, type Pipeline, type Workload } from "./harness.js";
import { WORKLOADS } from "./workloads/index.js";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const only = option("only")?.split(",");
const sizesOverride = option("sizes")?.split(",").map(Number);
const withMemory = !args.includes("--no-memory");
const write = !args.includes("--no-write");

const started = performance.now();
const cpuAtStart = cpuSnapshot();
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Measured {
  readonly pipeline: Pipeline;
  /** Why the pipeline has no numbers: pending, or it failed to load or run. */
  failure?: string;
  /** Median ms per size. */
  readonly time: Map<number, number>;
  readonly runs: Map<number, number>;
  readonly memory: Map<number, MemoryResult>;
}

const sections: string[] = [];
sections.push(`Machine: ${machine().join(", ")}.`);
sections.push(
  [
    "How this is measured: all timings come from one process (`npm run bench`); each pipeline in turn is warmed up",
    "(runs of 1,000 objects, 300 for cdk8s-plus, until the last 5 agree within 15%: 0.5 to 3 s), then timed at each size:",
    "one full GC, 3 / 1 / 0 untimed runs at 1k / 10k / 100k (1 / 0 / 0 for cdk8s-plus), then the median of 15 / 7 / 3 runs",
    "(5 / 3 / 1 for cdk8s-plus) back to back, each keeping its output (the N manifests or YAML strings) alive until it ends.",
    "Times are the process's CPU time (user + system, garbage collection included), not wall time: on a machine shared",
    "with other work, CPU time is what the load disturbs least; ratios within one run are what to compare.",
    "Memory is measured (at 10k and up) in a fresh child process per pipeline and size (`bench/memory.ts`): after the same imports,",
    "a warm-up at 200 objects and a full GC, *peak RSS* is the process's peak resident set size during one run",
    "(`process.resourceUsage().maxRSS`) minus its resident set size just before; *retained* is the heap still",
    "used by the run's output after a full GC. \"Growth\" is the cost per object at the largest size divided by",
    "the cost per object at 1k: 1.00 is linear.",
  ].join(" "),
);

for (const workload of WORKLOADS) {
  if (only && !only.includes(workload.id)) continue;
  sections.push(await runWorkload(workload));
}

const seconds = ((performance.now() - started) / 1000).toFixed(0);
sections.push(`Whole bench: ${seconds} s; ${otherLoad(cpuAtStart)}.`);
const markdown = sections.join("\n\n");
process.stdout.write(`${markdown}\n`);
if (write) writeSection(option("section") ?? "runtime", markdown);

async function runWorkload(workload: Workload): Promise<string> {
  const sizes = sizesOverride ?? workload.sizes;
  log(`\n== ${workload.title}: ${sizes.map(fmt.n).join(", ")} ==`);
  const notes = [...(workload.notes ?? [])];
  try {
    notes.push(...((await workload.check?.()) ?? []));
  } catch (error) {
    notes.push(`WARNING: the workload's check failed: ${message(error)}`);
  }
  for (const note of notes.filter((n) => n.startsWith("WARNING"))) log(note);

  const measured: Measured[] = workload.pipelines.map((pipeline) => ({
    pipeline,
    ...(pipeline.pending !== undefined && { failure: pipeline.pending }),
    time: new Map(),
    runs: new Map(),
    memory: new Map(),
  }));
  // Each pipeline is warmed up, then timed at every size, before the next one starts: its JIT state is its own.
  // A pipeline that fails (piceli's API moving under the bench, say) is reported as failed, not fatal.
  const runners = new Map<string, (n: number) => unknown>();
  for (const m of measured) {
    if (m.failure !== undefined || !m.pipeline.load) continue;
    let n = 0;
    try {
      const run = await m.pipeline.load();
      warmUp(run, m.pipeline.slow ?? false);
      runners.set(m.pipeline.id, run);
      for (n of sizes) {
        const runs = runsFor(n, m.pipeline.slow ?? false);
        const { median } = time(run, n, runs, untimedRunsFor(n, m.pipeline.slow ?? false));
        m.time.set(n, median);
        m.runs.set(n, runs);
        log(`${fmt.n(n).padStart(5)}  ${m.pipeline.label.padEnd(62)} ${fmt.ms(median).padStart(8)} ms  (median of ${runs})`);
      }
    } catch (error) {
      m.failure = `failed${n ? ` at N=${fmt.n(n)}` : ""}: ${message(error)}`;
      m.time.clear();
      log(`${m.pipeline.label}: ${m.failure}`);
    }
  }
  if (withMemory) {
    for (const n of memorySizes(sizes)) {
      for (const m of measured) {
        if (!runners.has(m.pipeline.id) || m.failure !== undefined) continue;
        try {
          const memory = await measureMemory(workload.id, m.pipeline.id, n);
          m.memory.set(n, memory);
          log(`${fmt.n(n).padStart(5)}  ${m.pipeline.label.padEnd(62)} peak RSS +${fmt.mb(memory.peakRss)}, retained ${fmt.mb(memory.retainedHeap)}`);
        } catch (error) {
          log(`${m.pipeline.label}: memory at N=${fmt.n(n)} failed: ${message(error)}`);
        }
      }
    }
  }
  return report(workload, sizes, measured, notes);
}

function report(workload: Workload, sizes: readonly number[], measured: readonly Measured[], notes: readonly string[]): string {
  const base = measured.find((m) => m.pipeline.id === workload.baseline)!;
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const out: string[] = [`### ${workload.title}`, `N = number of ${workload.unit}. Baseline (1.00x): ${base.pipeline.label}.`];

  /** A row saying why a pipeline has no numbers, padded to `columns` cells. */
  const noNumbers = (m: Measured, columns: number) => [m.pipeline.label, m.failure ?? "not run", ...Array<string>(columns - 2).fill("")];
  const timeColumns = 1 + 2 * sizes.length;
  out.push(
    "**Time** (median ms, and ratio to the baseline):",
    table(
      ["pipeline", ...sizes.flatMap((n) => [`N=${fmt.n(n)} ms`, "vs base"])],
      measured.map((m) =>
        m.time.size < sizes.length
          ? noNumbers(m, timeColumns)
          : [m.pipeline.label, ...sizes.flatMap((n) => [fmt.ms(m.time.get(n)!), fmt.ratio(m.time.get(n)! / base.time.get(n)!)])],
      ),
    ),
  );
  out.push(
    `**Cost per object** (µs) and growth from ${fmt.n(first)} to ${fmt.n(last)} (per-object cost at ${fmt.n(last)} / at ${fmt.n(first)}; 1.00 = linear):`,
    table(
      ["pipeline", ...sizes.map((n) => `µs/obj N=${fmt.n(n)}`), "growth"],
      measured.map((m) =>
        m.time.size < sizes.length
          ? noNumbers(m, 2 + sizes.length)
          : [m.pipeline.label, ...sizes.map((n) => fmt.us((m.time.get(n)! * 1000) / n)), growth(m, first, last).toFixed(2)],
      ),
    ),
  );
  const memSizes = memorySizes(sizes);
  if (base.memory.size > 0) {
    out.push(
      "**Memory**: peak RSS growth during one run (and ratio to the baseline's), and the heap retained by the output:",
      table(
        ["pipeline", ...memSizes.flatMap((n) => [`peak N=${fmt.n(n)}`, "vs base"]), `retained N=${fmt.n(last)}`],
        measured.map((m) =>
          m.memory.size < memSizes.length
            ? noNumbers(m, 2 + 2 * memSizes.length)
            : [
                m.pipeline.label,
                ...memSizes.flatMap((n) => [fmt.mb(m.memory.get(n)!.peakRss), fmt.ratio(m.memory.get(n)!.peakRss / base.memory.get(n)!.peakRss)]),
                fmt.mb(m.memory.get(last)!.retainedHeap),
              ],
        ),
      ),
    );
  }
  out.push(targets(workload, sizes, measured, base));
  if (notes.length > 0) out.push(notes.map((n) => `- ${n}`).join("\n"));
  return out.join("\n\n");
}

/** Memory is measured from 10k up (at 1k, a few MB, it is mostly noise), or at every size when all are smaller. */
function memorySizes(sizes: readonly number[]): readonly number[] {
  const big = sizes.filter((n) => n >= 10_000);
  return big.length > 0 ? big : sizes;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 160);
}

function growth(m: Measured, first: number, last: number): number {
  return m.time.get(last)! / last / (m.time.get(first)! / first);
}

/** The issue's targets, checked on the piceli YAML pipelines. */
function targets(workload: Workload, sizes: readonly number[], measured: readonly Measured[], base: Measured): string {
  const byId = (id: string) => measured.find((m) => m.pipeline.id === id && m.time.size === sizes.length);
  const cdk8s = byId("cdk8s-plus");
  const piceli = ["piceli-yaml-each", "piceli-yaml-all", "piceli-yaml-stream"].map(byId).filter((m): m is Measured => m !== undefined);
  if (piceli.length === 0) return "**Targets**: not checked (the piceli pipelines are pending).";
  const mid = sizes.includes(10_000) ? 10_000 : sizes.at(-1)!;
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
  const rows: string[][] = [];
  for (const m of piceli) {
    const vsBase = m.time.get(mid)! / base.time.get(mid)!;
    rows.push([m.pipeline.label, `time <= 1.2x baseline at N=${fmt.n(mid)}`, fmt.ratio(vsBase), verdict(vsBase <= 1.2)]);
    if (cdk8s) {
      for (const n of sizes) {
        const faster = cdk8s.time.get(n)! / m.time.get(n)!;
        rows.push([m.pipeline.label, `>= 10x faster than cdk8s-plus at N=${fmt.n(n)}`, `${faster.toFixed(1)}x faster`, verdict(faster >= 10)]);
      }
    }
    if (last > first) {
      const g = growth(m, first, last);
      rows.push([m.pipeline.label, `linear growth ${fmt.n(first)} -> ${fmt.n(last)} (<= 1.25)`, g.toFixed(2), verdict(g <= 1.25)]);
    }
    for (const n of sizes) {
      const mem = m.memory.get(n);
      const baseMem = base.memory.get(n);
      if (!mem || !baseMem) continue;
      const ratio = mem.peakRss / baseMem.peakRss;
      const limit = m.pipeline.id === "piceli-yaml-stream" ? 1.2 : 2;
      rows.push([m.pipeline.label, `peak memory <= ${limit}x baseline at N=${fmt.n(n)}`, fmt.ratio(ratio), verdict(ratio <= limit)]);
    }
  }
  const goals = workload.goals ?? {};
  const models = byId("kubernetes-models");
  for (const n of sizes) {
    const vsModels = (label: string, m: Measured | undefined, goal: number | undefined) => {
      if (goal === undefined || m === undefined || models === undefined) return;
      const ratio = m.time.get(n)! / models.time.get(n)!;
      const micros = (x: Measured) => fmt.us((x.time.get(n)! * 1000) / n);
      rows.push([label, `<= ${goal.toFixed(2)}x kubernetes-models at N=${fmt.n(n)}`, `${ratio.toFixed(2)}x (${micros(m)} / ${micros(models)} µs)`, verdict(ratio <= goal)]);
    };
    vsModels("piceli chain + build()", byId("piceli-build"), goals.buildVsModels);
    vsModels("piceli chain + build() + toYaml", byId("piceli-yaml-each"), goals.yamlVsModels);
    const each = byId("piceli-yaml-each");
    if (goals.cdk8sFactor !== undefined && cdk8s && each) {
      const faster = cdk8s.time.get(n)! / each.time.get(n)!;
      rows.push([each.pipeline.label, `>= ${goals.cdk8sFactor}x faster than cdk8s-plus at N=${fmt.n(n)}`, `${faster.toFixed(1)}x faster`, verdict(faster >= goals.cdk8sFactor)]);
    }
  }
  return `**Targets** (piceli \`build()\` + \`toYaml\`):\n\n${table(["pipeline", "target", "measured", ""], rows)}\n\n${peerRatios(sizes, measured)}`;
}

/** Each piceli pipeline's time as a multiple of JSON.stringify's and of kubernetes-models' validate (same run, same N): ratios that carry across machines. */
function peerRatios(sizes: readonly number[], measured: readonly Measured[]): string {
  const complete = (id: string) => measured.find((m) => m.pipeline.id === id && m.time.size === sizes.length);
  const references = ["literal-json", "kubernetes-models", "cdk8s-plus"].map(complete).filter((m): m is Measured => m !== undefined);
  const rows = measured
    .filter((m) => m.pipeline.group === "piceli" && m.time.size === sizes.length)
    .map((m) => [m.pipeline.label, ...references.flatMap((r) => sizes.map((n) => fmt.ratio(m.time.get(n)! / r.time.get(n)!)))]);
  const header = ["piceli pipeline", ...references.flatMap((r) => sizes.map((n) => `/ ${r.pipeline.id} N=${fmt.n(n)}`))];
  return `**Ratios to the peers** (piceli's time divided by theirs, same run; below 1 is faster): JSON.stringify of the literals, kubernetes-models' \`validate()\`, cdk8s-plus.\n\n${table(header, rows)}`;
}
