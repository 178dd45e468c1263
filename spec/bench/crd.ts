// `npm run bench:crd`: what `piceli import` costs on a large CustomResourceDefinition (hundreds of schema
// properties), and what its generated file costs the type checker. The CRD is generated here (deterministic: groups of
// fields with every schema feature, descriptions on each); it and the generated file go to bench/.typecheck/crd/
// (deleted afterwards). Measures, medians of several runs: the generator in-process, `piceli import` as a command
// (node and tsx start-up included), and `npx tsc --noEmit --extendedDiagnostics` on a file that builds one object
// with the generated factory, against the same file using only piceli's `job` (what the generated file adds).
// Options: --runs=5  --groups=40  --keep (leave the folder)  --no-write (don't update bench/RESULTS.md)
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { dump } from "js-yaml";
import { readDefinition } from "../../lib/deploy/import/definition.js";
import { generateFiles } from "../../lib/deploy/import/generate.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { cpuSnapshot, fmt, machine, median, otherLoad, table, writeSection } from "./harness.js";

const int = (n: number) => Math.round(n).toLocaleString("en-US");

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const RUNS = Number(option("runs") ?? 5);
const GROUPS = Number(option("groups") ?? 40);
const dir = new URL("./.typecheck/crd/", import.meta.url);
const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

/** One group of fields: every feature the generator and the checker handle, 17 properties. */
function group(i: number): Record<string, unknown> {
  const d = (what: string) => `The ${what} of group ${i}: a description as long as real CRDs have them, saying what the field does and when to set it.`;
  return {
    type: "object",
    description: d("settings"),
    required: ["name"],
    "x-kubernetes-validations": [{ rule: "!has(self.min) || !has(self.max) || self.min <= self.max", message: "min <= max" }],
    properties: {
      name: { type: "string", description: d("name"), pattern: "^[a-z0-9-]+$", maxLength: 63 },
      mode: { type: "string", description: d("mode"), enum: ["Auto", "Manual", "Off"], default: "Auto" },
      min: { type: "integer", description: d("minimum"), minimum: 0, format: "int32" },
      max: { type: "integer", description: d("maximum"), maximum: 1000, format: "int32" },
      enabled: { type: "boolean", description: d("switch") },
      port: { "x-kubernetes-int-or-string": true, description: d("port") },
      ratio: { type: "number", description: d("ratio"), minimum: 0, maximum: 1 },
      tags: { type: "array", description: d("tags"), items: { type: "string" }, "x-kubernetes-list-type": "set" },
      labels: { type: "object", description: d("labels"), additionalProperties: { type: "string" } },
      extra: { type: "object", description: d("free-form part"), "x-kubernetes-preserve-unknown-fields": true },
      note: { type: "string", description: d("note"), nullable: true },
      rules: {
        type: "array",
        description: d("rules"),
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["key"],
        items: {
          type: "object",
          required: ["key"],
          properties: { key: { type: "string" }, operator: { type: "string", enum: ["In", "NotIn", "Exists"] }, values: { type: "array", items: { type: "string" } } },
        },
      },
      since: { type: "string", description: d("start"), format: "date-time" },
    },
  };
}

function largeCrd(): Manifest {
  const properties = Object.fromEntries(Array.from({ length: GROUPS }, (_, i) => [`group${String(i).padStart(2, "0")}`, group(i)]));
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "larges.bench.piceli.dev" },
    spec: {
      group: "bench.piceli.dev",
      scope: "Namespaced",
      names: { kind: "Large", plural: "larges" },
      versions: [{ name: "v1", served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties } } } } }],
    },
  };
}

/** Every schema node that is a property (what "hundreds of properties" counts). */
function countProperties(schema: unknown): number {
  if (typeof schema !== "object" || schema === null) return 0;
  const s = schema as { properties?: Record<string, unknown>; items?: unknown; additionalProperties?: unknown };
  const own = Object.values(s.properties ?? {});
  return own.length + own.reduce<number>((n, p) => n + countProperties(p), 0) + countProperties(s.items) + countProperties(s.additionalProperties);
}

/** One object with every group's fields set. */
function consumer(): string {
  const groups = Array.from({ length: GROUPS }, (_, i) => `    group${String(i).padStart(2, "0")}: { name: "g${i}", mode: "Manual", min: 1, max: 2, enabled: true, port: "http", ratio: 0.5, tags: ["a"], labels: { a: "b" }, extra: { x: 1 }, note: null, rules: [{ key: "k", operator: "In", values: ["v"] }], since: "2024-01-31T12:00:00Z" },\n`);
  return `import { large } from "./bench.piceli.dev.js";\n\nexport const object = large("big", {\n${groups.join("")}}).namespace("bench").build();\n`;
}

const BASELINE = `import { job } from "piceli";\n\nexport const start = job;\n`;

interface Diagnostics {
  readonly check: number;
  readonly total: number;
  readonly instantiations: number;
  readonly types: number;
  readonly memory: number;
}

async function diagnostics(file: string): Promise<Diagnostics> {
  const config = new URL(`tsconfig.${file}.json`, dir);
  writeFileSync(config, JSON.stringify({ extends: "../../../../tsconfig.json", compilerOptions: { noEmit: true }, include: [], files: [`${file}.ts`] }));
  const { stdout } = await run("npx", ["tsc", "--noEmit", "--extendedDiagnostics", "-p", fileURLToPath(config)], { cwd: root, maxBuffer: 1 << 24 });
  const value = (name: string) => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1] ?? Number.NaN);
  return { check: value("Check time"), total: value("Total time"), instantiations: value("Instantiations"), types: value("Types"), memory: value("Memory used") * 1024 };
}

async function medianDiagnostics(file: string): Promise<Diagnostics> {
  const runs: Diagnostics[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await diagnostics(file));
  const m = (key: keyof Diagnostics) => median(runs.map((r) => r[key]));
  return { check: m("check"), total: m("total"), instantiations: m("instantiations"), types: m("types"), memory: m("memory") };
}

async function main(): Promise<void> {
  const started = Date.now();
  const cpu = cpuSnapshot();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const crd = largeCrd();
  const crdFile = fileURLToPath(new URL("large.yaml", dir));
  writeFileSync(crdFile, dump(crd));
  const properties = countProperties((crd["spec"] as any).versions[0].schema.openAPIV3Schema);

  // The generator in-process: read + generate, after warm-up.
  const generate = () => generateFiles([readDefinition(crd, "bench")]);
  for (let i = 0; i < 3; i++) generate();
  const inProcess: number[] = [];
  for (let i = 0; i < RUNS * 3; i++) {
    const start = performance.now();
    generate();
    inProcess.push(performance.now() - start);
  }
  // The command, as a user runs it.
  const command: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run(process.execPath, ["bin/piceli.js", "import", crdFile, "--out", fileURLToPath(dir)], { cwd: root });
    command.push(performance.now() - start);
  }
  const generated = fileURLToPath(new URL("bench.piceli.dev.ts", dir));
  const text = readFileSync(generated, "utf8");
  writeFileSync(new URL("consumer.ts", dir), consumer());
  writeFileSync(new URL("baseline.ts", dir), BASELINE);
  const withCrd = await medianDiagnostics("consumer");
  const baseline = await medianDiagnostics("baseline");
  const load = otherLoad(cpu);

  const ms = (v: number) => `${fmt.ms(v)} ms`;
  const s = (v: number) => `${v.toFixed(2)} s`;
  const mb = (v: number) => fmt.mb(v);
  const body = `### \`piceli import\` on a large CRD, and the generated file's type-checking cost

Machine: ${machine().join(", ")}. A generated CRD with ${properties} schema properties (${GROUPS} groups of 17 fields: strings with
patterns, enums with defaults, bounded integers, int-or-string, maps, preserved fields, nullable, lists of objects
keyed by a field, a CEL rule each; a description on each field), ${int(statSync(crdFile).size / 1024)} KiB of YAML. Medians of ${RUNS} runs (the generator: ${RUNS * 3}).

| what | time |
| --- | ---: |
| generator in-process (read the CRD, write the TypeScript) | ${ms(median(inProcess))} |
| \`piceli import large.yaml\` as a command (node and tsx start-up, reading YAML, writing the file) | ${ms(median(command))} |

Generated file: ${int(text.length / 1024)} KiB, ${int(text.split("\n").length)} lines.

Type-checking (\`npx tsc --noEmit --extendedDiagnostics\`, the repository's compiler options, piceli from its sources):
a file building one Large with every field set, against the same file using only piceli's \`job\`; the difference is
what the generated file (its types and its schema data) and the object cost.

${table(["metric", "with the generated file", "piceli only", "difference"], [
    ["check time", s(withCrd.check), s(baseline.check), s(withCrd.check - baseline.check)],
    ["total time", s(withCrd.total), s(baseline.total), s(withCrd.total - baseline.total)],
    ["instantiations", int(withCrd.instantiations), int(baseline.instantiations), int(withCrd.instantiations - baseline.instantiations)],
    ["types", int(withCrd.types), int(baseline.types), int(withCrd.types - baseline.types)],
    ["memory used", mb(withCrd.memory), mb(baseline.memory), mb(withCrd.memory - baseline.memory)],
  ])}

Run time: ${int((Date.now() - started) / 1000)} s; ${load}.`;
  process.stdout.write(`${body}\n`);
  if (!args.includes("--no-write")) writeSection("crd", body);
  if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
}

await main();
