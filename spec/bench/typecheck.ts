// `npm run bench:types`: what 1,000 piceli builder chains cost the type checker, against the same Jobs
// written as typed `V1Job` literals. Generates the files into bench/.typecheck/ (deleted afterwards), runs
// `npx tsc --noEmit --extendedDiagnostics` on each with the repository's compiler options, and prints the ratios.
// Options: --runs=5  --count=1000  --keep (leave bench/.typecheck/)  --no-write (don't update bench/RESULTS.md)
//          --only=app-builders-dts,app-literals (measure these programs only)  --section=name (as in run.ts)
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { cpuSnapshot, fmt, machine, median, otherLoad, table, writeSection } from "./harness.js";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const RUNS = Number(option("runs") ?? 5);
const COUNT = Number(option("count") ?? 1000);
const only = option("only")?.split(",");
const dir = new URL("./.typecheck/", import.meta.url);
const HEALTH_CHECK = "test $(expr $(date +%s) - $(cat /tmp/health_check)) -lt 60";

/** A generated program: `baseline` is the same file with only its imports, to separate the per-Job cost. */
interface Program {
  readonly id: string;
  readonly label: string;
  readonly source: string;
  readonly baseline: string;
}

const builderChain = (i: number) =>
  `export const job${i} = job("test-job-${i}").imagePullSecrets("docker-registry-credentials").backoff(1)` +
  `.labels({ job_name: "test-job-${i}" }).templateLabels({ pod_name: "test-job-${i}" })` +
  `.container((c) => c.image("docker-image").command("python", "--version").env({ K0: "V0" })` +
  `.livenessCommand("sh", "-c", ${JSON.stringify(HEALTH_CHECK)})` +
  `.requests({ cpu: "100m", memory: "250Mi", ephemeralStorage: "11Mi" }));\n`;

const literal = (i: number) => `export const job${i}: V1Job = {
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "test-job-${i}", labels: { job_name: "test-job-${i}" } },
  spec: {
    backoffLimit: 1,
    template: {
      metadata: { name: "test-job-${i}", labels: { pod_name: "test-job-${i}" } },
      spec: {
        containers: [
          {
            name: "test-job-${i}",
            image: "docker-image",
            command: ["python", "--version"],
            env: [{ name: "K0", value: "V0" }],
            resources: { requests: { cpu: "100m", memory: "250Mi", "ephemeral-storage": "11Mi" } },
            livenessProbe: { exec: { command: ["sh", "-c", ${JSON.stringify(HEALTH_CHECK)}] }, initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3 },
          },
        ],
        restartPolicy: "Never",
        imagePullSecrets: [{ name: "docker-registry-credentials" }],
      },
    },
  },
};
`;

/** The V1 type of each kind of the mixed app (the VerticalPodAutoscaler, a custom resource, has none). */
const LITERAL_TYPES: Readonly<Record<string, string>> = {
  Namespace: "V1Namespace", StorageClass: "V1StorageClass", PersistentVolume: "V1PersistentVolume", ClusterRole: "V1ClusterRole",
  ServiceAccount: "V1ServiceAccount", Role: "V1Role", RoleBinding: "V1RoleBinding", ClusterRoleBinding: "V1ClusterRoleBinding",
  ConfigMap: "V1ConfigMap", Secret: "V1Secret", PersistentVolumeClaim: "V1PersistentVolumeClaim", Deployment: "V1Deployment",
  Service: "V1Service", HorizontalPodAutoscaler: "V2HorizontalPodAutoscaler", StatefulSet: "V1StatefulSet", DaemonSet: "V1DaemonSet",
  Job: "V1Job", CronJob: "V1CronJob", VerticalPodAutoscaler: "KubernetesObject & { spec: object }",
};
const APPS = 10;

/** An app file of `APPS` mixed apps (20 objects each: every kind) as piceli builders: mixed-app.ts's body, once per app. */
function appBuilders(from: string): string {
  const text = readFileSync(new URL("./workloads/mixed-app.ts", import.meta.url), "utf8");
  const imports = text.slice(text.indexOf("import {"), text.indexOf("} from") + 1).replace(/\n\s*type Quantity,/, "");
  const body = text.slice(text.indexOf("{\n", text.indexOf("export function mixedApp")) + 2, text.lastIndexOf("\n}"));
  const apps = Array.from({ length: APPS }, (_, k) =>
    `export const app${k} = (() => {\n${body.replaceAll("${id}", String(k)).replace(/\bq\(`([^`]*)`\)/g, '"$1"').replace(/\bid\b/g, `"${k}"`)}\n})();\n`);
  return `${imports} from "${from}";\n\n${apps.join("\n")}`;
}

/** The same objects as typed literals (`V1Deployment`, `V1Service`, ...), from the benchmark's generated literals. */
async function appLiterals(): Promise<string> {
  const { mixedLiterals } = await import("./workloads/mixed-literals.js");
  const names = new Set<string>();
  const consts = Array.from({ length: APPS }, (_, k) =>
    mixedLiterals(k).map((manifest, j) => {
      const type = LITERAL_TYPES[manifest.kind!]!;
      names.add(type.split(" ")[0]!);
      return `export const app${k}_${j}: ${type} = ${JSON.stringify(manifest, null, 2)};\n`;
    }).join(""));
  return `import type { ${[...names].sort().join(", ")} } from "@kubernetes/client-node";\n\n${consts.join("\n")}`;
}

const range = Array.from({ length: COUNT }, (_, i) => i);
const programs: Program[] = [
  {
    id: "builders-dts",
    label: `${COUNT} piceli builder chains, against piceli's declarations (as installed from npm)`,
    source: `import { job } from "./dist/index.js";\n\n${range.map(builderChain).join("")}`,
    baseline: `import { job } from "./dist/index.js";\n\nexport const start = job;\n`,
  },
  {
    id: "builders",
    label: `${COUNT} piceli builder chains, against piceli's sources (lib/*.ts, type-checked too)`,
    source: `import { job } from "../../../lib/index.js";\n\n${range.map(builderChain).join("")}`,
    baseline: `import { job } from "../../../lib/index.js";\n\nexport const start = job;\n`,
  },
  {
    id: "literals",
    label: `${COUNT} typed V1Job literals`,
    source: `import type { V1Job } from "@kubernetes/client-node";\n\n${range.map(literal).join("")}`,
    baseline: `import type { V1Job } from "@kubernetes/client-node";\n\nexport type Start = V1Job;\n`,
  },
  {
    id: "app-builders-dts",
    label: `an app file of ${APPS * 20} objects (every kind) as piceli builders, against piceli's declarations`,
    source: appBuilders("./dist/index.js"),
    baseline: `import { job } from "./dist/index.js";\n\nexport const start = job;\n`,
  },
  {
    id: "app-literals",
    label: `the same ${APPS * 20} objects as typed literals (V1Deployment, V1Service, ...)`,
    source: await appLiterals(),
    baseline: `import type { V1Job } from "@kubernetes/client-node";\n\nexport type Start = V1Job;\n`,
  },
];

interface Diagnostics {
  readonly checkTime: number;
  readonly totalTime: number;
  readonly instantiations: number;
  readonly types: number;
  readonly memory: number;
  readonly errors: string;
}

const exec = promisify(execFile);

/** Runs `npx tsc --noEmit --extendedDiagnostics` on one file with the repository's compiler options. */
async function check(file: string): Promise<Diagnostics> {
  const project = new URL(`tsconfig.${file}.json`, dir);
  writeFileSync(project, JSON.stringify({ extends: "../../../tsconfig.json", include: [], files: [`${file}.ts`] }, null, 2));
  let stdout: string;
  let errors = "";
  try {
    ({ stdout } = await exec("npx", ["tsc", "--noEmit", "--extendedDiagnostics", "-p", project.pathname], { maxBuffer: 64 << 20 }));
  } catch (error) {
    // tsc exits non-zero on type errors but still prints its diagnostics
    stdout = (error as { stdout?: string }).stdout ?? "";
    errors = stdout.split("\n").filter((line) => /error TS\d+/.test(line)).slice(0, 5).join("\n") || String(error);
  }
  const number = (name: string) => Number(stdout.match(new RegExp(`^${name}:\\s+([\\d.]+)`, "m"))?.[1] ?? Number.NaN);
  return {
    checkTime: number("Check time"),
    totalTime: number("Total time"),
    instantiations: number("Instantiations"),
    types: number("Types"),
    memory: number("Memory used") * 1024,
    errors,
  };
}

async function measure(file: string): Promise<Diagnostics> {
  const runs: Diagnostics[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await check(file));
  const of = (key: "checkTime" | "totalTime" | "memory") => median(runs.map((r) => r[key]));
  return { ...runs[0]!, checkTime: of("checkTime"), totalTime: of("totalTime"), memory: of("memory") };
}

const started = performance.now();
const cpuAtStart = cpuSnapshot();
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const results = new Map<string, { full: Diagnostics; base: Diagnostics }>();
try {
  // What a user gets from npm: declarations only (`npm run build`'s .d.ts), which skipLibCheck leaves unchecked.
  await exec("npx", ["tsc", "-p", "tsconfig.build.json", "--emitDeclarationOnly", "--outDir", new URL("dist", dir).pathname]).catch((error: unknown) => {
    process.stderr.write(`WARNING: lib has type errors; declarations emitted anyway:\n${String((error as { stdout?: string }).stdout ?? error).slice(0, 800)}\n`);
  });
  for (const p of programs) {
    if (only && !only.includes(p.id)) continue;
    writeFileSync(new URL(`${p.id}.ts`, dir), p.source);
    writeFileSync(new URL(`${p.id}-imports.ts`, dir), p.baseline);
    const full = await measure(p.id);
    const base = await measure(`${p.id}-imports`);
    for (const d of [full, base]) if (d.errors) process.stderr.write(`WARNING: ${p.id}: tsc reported errors:\n${d.errors}\n`);
    results.set(p.id, { full, base });
    process.stderr.write(`${p.label}: check ${full.checkTime}s (tsc total ${full.totalTime}s), ${full.instantiations} instantiations, ${full.types} types, ${fmt.mb(full.memory)}\n`);
  }
} finally {
  if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
}

type Result = { full: Diagnostics; base: Diagnostics };
const metrics: [string, (d: Diagnostics) => number, (v: number) => string][] = [
  ["check time", (d) => d.checkTime, (v) => `${v.toFixed(2)} s`],
  ["instantiations", (d) => d.instantiations, (v) => v.toLocaleString("en-US")],
  ["types", (d) => d.types, (v) => v.toLocaleString("en-US")],
  ["memory used", (d) => d.memory, fmt.mb],
];
const net = (r: Result, get: (d: Diagnostics) => number) => get(r.full) - get(r.base);
const verdict = (r: number) => (r <= 1 ? "met" : "**not met**");
const sections: string[] = [
  `### Type-checking cost: ${COUNT} Jobs as builder chains vs typed \`V1Job\` literals`,
  `Machine: ${machine().join(", ")}. TypeScript ${await tscVersion()}, the repository's compiler options (strict, skipLibCheck), ` +
    `median of ${RUNS} runs of \`npx tsc --noEmit --extendedDiagnostics\` per generated file (times and memory; counts are exact). ` +
    "*Whole file* is what tsc reports for the file, imports included; *per-Job part* subtracts the same file with only its import " +
    "(piceli, or `@kubernetes/client-node`'s types), i.e. the cost of the Jobs themselves. Builders are measured twice: against piceli's " +
    "declaration files, as a user installing the package gets them (skipLibCheck leaves them unchecked), and against `lib/*.ts` as in this repository, " +
    "where tsc also checks piceli's own sources.",
];
const targetLines: string[] = [];
const pairs = [
  ["builders-dts", "literals", "piceli's declarations (as installed)"],
  ["builders", "literals", "piceli's sources (this repository)"],
  ["app-builders-dts", "app-literals", `piceli's declarations, the ${APPS * 20}-object app file`],
] as const;
for (const [id, literalsId, name] of pairs) {
  const builders = results.get(id);
  const literals = results.get(literalsId);
  if (!builders || !literals) continue;
  sections.push(
    `**Builders against ${name}** vs literals:`,
    table(
      ["metric", "builders (whole file)", "literals (whole file)", "ratio", "builders (per-Job part)", "literals (per-Job part)", "ratio"],
      metrics.map(([metric, get, show]) => [
        metric,
        show(get(builders.full)),
        show(get(literals.full)),
        fmt.ratio(get(builders.full) / get(literals.full)),
        show(net(builders, get)),
        show(net(literals, get)),
        fmt.ratio(net(builders, get) / net(literals, get)),
      ]),
    ),
  );
  const whole = builders.full.checkTime / literals.full.checkTime;
  const perJob = net(builders, (d) => d.checkTime) / net(literals, (d) => d.checkTime);
  targetLines.push(`- against ${name}: whole file ${fmt.ratio(whole)} (${verdict(whole)}), per-Job part ${fmt.ratio(perJob)} (${verdict(perJob)})`);
}
sections.push(`**Target**: builders' check time at most the literals' (1.00x):\n\n${targetLines.join("\n")}`);
sections.push(`Run time: ${((performance.now() - started) / 1000).toFixed(0)} s; ${otherLoad(cpuAtStart)}.`);
const markdown = sections.join("\n\n");
process.stdout.write(`${markdown}\n`);
if (!args.includes("--no-write")) writeSection(option("section") ?? "types", markdown);

async function tscVersion(): Promise<string> {
  const { stdout } = await exec("npx", ["tsc", "--version"]);
  return stdout.trim().replace(/^Version /, "");
}
