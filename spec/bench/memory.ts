// Child process of bench/run.ts: measures one pipeline's memory at one size, prints a MemoryResult as JSON.
// Usage: node --import tsx --expose-gc bench/memory.ts <workload> <pipeline> <n>
import { gc, keep, type MemoryResult } from "./harness.js";
import { WORKLOADS } from "./workloads/index.js";

const [workloadId, pipelineId, size] = process.argv.slice(2);
const pipeline = WORKLOADS.find((w) => w.id === workloadId)?.pipelines.find((p) => p.id === pipelineId);
if (!pipeline?.load) throw new Error(`no measurable pipeline ${workloadId}/${pipelineId}`);
const n = Number(size);

const run = await pipeline.load();
for (let i = 0; i < 3; i++) keep(run(Math.min(n, 200)));
gc();
gc();
const before = process.memoryUsage();
const output = run(n);
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
const after = process.memoryUsage();
keep(output);
const result: MemoryResult = { peakRss: Math.max(0, peakRss - before.rss), retainedHeap: Math.max(0, after.heapUsed - before.heapUsed) };
process.stdout.write(`${JSON.stringify(result)}\n`);
