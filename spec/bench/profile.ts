// `npx tsx spec/bench/profile.ts <workload> <pipeline> [n] [seconds]`: runs one pipeline of one workload in a loop
// for a CPU profile. With `node --cpu-prof --cpu-prof-dir=<dir> --import tsx spec/bench/profile.ts ...` it writes a
// .cpuprofile; `--summary=<file.cpuprofile>` prints its heaviest functions (self time) and files instead.
import { readFileSync } from "node:fs";
import { keep, warmUp } from "./harness.js";
import { WORKLOADS } from "./workloads/index.js";

const args = process.argv.slice(2);
const summary = args.find((a) => a.startsWith("--summary="))?.slice("--summary=".length);

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

if (summary) {
  const profile = JSON.parse(readFileSync(summary, "utf8")) as { nodes: ProfileNode[]; samples: number[] };
  const byNode = new Map<number, number>();
  for (const id of profile.samples) byNode.set(id, (byNode.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const bySelf = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = byNode.get(node.id) ?? 0;
    const file = node.callFrame.url.replace(/^.*\/(lib|node_modules)\//, "$1/") || "(native)";
    const name = `${node.callFrame.functionName || "(anonymous)"} ${file}:${node.callFrame.lineNumber + 1}`;
    bySelf.set(name, (bySelf.get(name) ?? 0) + count);
    byFile.set(file, (byFile.get(file) ?? 0) + count);
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join("\n");
  process.stdout.write(`${total} samples\n\nby function (self):\n${top(bySelf, 40)}\n\nby file (self):\n${top(byFile, 20)}\n`);
} else {
  const [workloadId = "job-varied", pipelineId = "piceli-yaml-each", size = "1000", seconds = "10"] = args;
  const pipeline = WORKLOADS.find((w) => w.id === workloadId)?.pipelines.find((p) => p.id === pipelineId);
  if (!pipeline?.load) throw new Error(`no pipeline ${workloadId}/${pipelineId}`);
  const run = await pipeline.load();
  warmUp(run, false);
  const end = performance.now() + Number(seconds) * 1000;
  let runs = 0;
  while (performance.now() < end) {
    keep(run(Number(size)));
    runs++;
  }
  process.stderr.write(`${runs} runs of ${size}\n`);
}
