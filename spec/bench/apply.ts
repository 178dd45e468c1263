// `npm run bench:apply`: `piceli apply` against `kubectl apply --server-side -f` on a real cluster, 200 objects (a
// realistic app spread over namespaces: per app a ServiceAccount, a ConfigMap, a Secret, a Deployment and a Service),
// the same YAML file for both. Each run applies to fresh namespaces (made by the bench, deleted afterwards): a first
// apply (everything created), then a no-op re-apply. Wall time of each command as a user runs it (process start-up
// included; piceli as published, from dist/, built first), medians of several runs, the tools alternating. One
// extra, untimed run of each counts their HTTP requests (piceli's through the recording proxy of spec/e2e/proxy.ts,
// kubectl's from its request log).
// The cluster: PICELI_E2E_KUBECONFIG, else one started with ../shared/kube/up and stopped afterwards.
// Options: --runs=3  --namespaces=4  --apps=10 (per namespace)  --no-build  --no-write (don't update bench/RESULTS.md)
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Cluster } from "../../lib/deploy/cluster/cluster.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import type { KubernetesObject } from "@kubernetes/client-node";
import { toYaml } from "../../lib/output/yaml.js";
import { cpuSnapshot, fmt, machine, median, otherLoad, table, writeSection } from "./harness.js";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const RUNS = Number(option("runs") ?? 3);
const NAMESPACES = Number(option("namespaces") ?? 4);
const APPS = Number(option("apps") ?? 10);
const root = fileURLToPath(new URL("../..", import.meta.url));
const exec = promisify(execFile);
const tag = Math.random().toString(16).slice(2, 8);

/** One app: what a small service needs (5 objects). */
function app(ns: string, i: number): Manifest[] {
  const name = `app-${i}`;
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "bench" };
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: ns, labels } },
    {
      apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${name}-settings`, namespace: ns, labels },
      data: { LOG_LEVEL: "info", FEATURE_FLAGS: "search,checkout", UPSTREAM: `http://app-${(i + 1) % APPS}.${ns}.svc:80`, POOL_SIZE: String(10 + i), "app.properties": `name=${name}\nretries=3\ntimeout=5s\n` },
    },
    { apiVersion: "v1", kind: "Secret", metadata: { name: `${name}-credentials`, namespace: ns, labels }, type: "Opaque", data: { USER: b64(name), PASSWORD: b64(`pw-${tag}-${i}`) } },
    {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 2, selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            containers: [{
              name: "server", image: `ghcr.io/example/${name}:1.${i}.0`, ports: [{ name: "http", containerPort: 8080 }],
              envFrom: [{ configMapRef: { name: `${name}-settings` } }],
              env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: `${name}-credentials`, key: "PASSWORD" } } }],
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
              readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5 },
              livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
            }],
          },
        },
      },
    },
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns, labels }, spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] } },
  ];
}

/** The YAML file of the objects in these namespaces, as piceli writes it (`toYaml`). */
function yamlFile(namespaces: readonly string[]): { file: string; count: number } {
  const objects = namespaces.flatMap((ns) => Array.from({ length: APPS }, (_, i) => app(ns, i)).flat());
  const file = join(mkdtempSync(join(tmpdir(), "piceli-bench-apply-")), "objects.yaml");
  writeFileSync(file, toYaml(...(objects as KubernetesObject[])));
  return { file, count: objects.length };
}

type Tool = "piceli" | "kubectl";

/** The command line of one tool applying `file` with this kubeconfig. */
function command(tool: Tool, file: string, kubeconfig: string): [string, string[]] {
  if (tool === "kubectl") return ["kubectl", ["--kubeconfig", kubeconfig, "apply", "--server-side", "-f", file]];
  // piceli as published: the compiled CLI (what `bin/piceli.js` runs in an installed package).
  const cli = join(root, "dist/cli.js");
  return [process.execPath, ["--input-type=module", "-e", `const c = await import(${JSON.stringify(cli)}); await c.run(process.argv.slice(1));`, "apply", file, "--kubeconfig", kubeconfig, "--color", "never"]];
}

/** Runs it; the wall time in ms and what it printed. Fails on a non-zero exit, with the output. */
function timed(tool: Tool, file: string, kubeconfig: string, extra: readonly string[] = []): Promise<{ ms: number; output: string }> {
  const [bin, argv] = command(tool, file, kubeconfig);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...argv, ...extra], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, KUBECONFIG: "" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve({ ms: performance.now() - start, output }) : reject(new Error(`${tool} apply failed (${code}):\n${output.slice(-3000)}`))));
  });
}

/**
 * The requests one run sends: piceli's through the recording proxy; kubectl's from its own request log (`-v=6`), since
 * its OpenAPI download does not pass the proxy.
 */
async function requestsOf(tool: Tool, file: string, kubeconfig: string): Promise<{ method: string; url: string }[]> {
  if (tool === "kubectl") {
    const { output } = await timed(tool, file, kubeconfig, ["-v=6"]);
    return [...output.matchAll(/round_trippers\.go:\d+\] (GET|POST|PUT|PATCH|DELETE) https?:\/\/[^/\s]+(\S*)/g)].map((m) => ({ method: m[1]!, url: m[2]! }));
  }
  const { startProxy } = await import("../e2e/proxy.js");
  const proxy = await startProxy();
  try {
    await timed(tool, file, proxy.kubeconfig);
  } finally {
    await proxy.close();
  }
  return proxy.requests;
}

async function freshNamespaces(cluster: Cluster, label: string): Promise<string[]> {
  const names = Array.from({ length: NAMESPACES }, (_, n) => `bench-${tag}-${label}-${n}`);
  await Promise.all(names.map((name) => cluster.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } }, "piceli-bench")));
  return names;
}

/** The cluster: the given one, or one started here (stopped by the returned function). */
async function clusterKubeconfig(): Promise<{ kubeconfig: string; stop: () => Promise<void>; started: boolean }> {
  const given = process.env["PICELI_E2E_KUBECONFIG"];
  if (given) return { kubeconfig: given, stop: async () => {}, started: false };
  const kit = join(root, "../shared/kube");
  const { stdout } = await exec(join(kit, "up"), { maxBuffer: 1 << 20 });
  const kubeconfig = stdout.trim();
  return { kubeconfig, stop: async () => void (await exec(join(kit, "down"), [dirname(kubeconfig)])), started: true };
}

async function main(): Promise<void> {
  if (!args.includes("--no-build")) {
    console.log("building dist/ (npm run build)…");
    await exec("npm", ["run", "build"], { cwd: root });
  }
  const { kubeconfig, stop, started } = await clusterKubeconfig();
  process.env["PICELI_E2E_KUBECONFIG"] = kubeconfig;
  const cluster = await Cluster.connect({ kubeconfig });
  const made: string[] = [];
  const cpu = cpuSnapshot();
  const startedAt = Date.now();
  try {
    const version = String(JSON.parse((await exec("kubectl", ["version", "--client", "-o", "json"])).stdout).clientVersion?.gitVersion ?? "(version unknown)");
    const times: Record<Tool, { first: number[]; again: number[] }> = { piceli: { first: [], again: [] }, kubectl: { first: [], again: [] } };
    let count = 0;
    // A warm-up of each (disk caches, the server's discovery caches), not counted.
    for (let r = 0; r <= RUNS; r++) {
      for (const tool of (r % 2 === 0 ? ["piceli", "kubectl"] : ["kubectl", "piceli"]) as Tool[]) {
        const namespaces = await freshNamespaces(cluster, `${tool[0]}${r}`);
        made.push(...namespaces);
        const yaml = yamlFile(namespaces);
        count = yaml.count;
        const first = (await timed(tool, yaml.file, kubeconfig)).ms;
        const again = (await timed(tool, yaml.file, kubeconfig)).ms;
        if (r > 0) {
          times[tool].first.push(first);
          times[tool].again.push(again);
        }
        console.log(`${r === 0 ? "warm-up" : `run ${r}`}: ${tool} first apply ${fmt.ms(first)} ms, no-op re-apply ${fmt.ms(again)} ms`);
      }
    }

    // Requests, counted in one more run of each (not timed).
    const requests: Record<Tool, { first: string; again: string }> = { piceli: { first: "", again: "" }, kubectl: { first: "", again: "" } };
    for (const tool of ["piceli", "kubectl"] as Tool[]) {
      const namespaces = await freshNamespaces(cluster, `${tool[0]}x`);
      made.push(...namespaces);
      const { file } = yamlFile(namespaces);
      for (const when of ["first", "again"] as const) {
        const sent = await requestsOf(tool, file, kubeconfig);
        const by = (test: (r: { method: string; url: string }) => boolean) => sent.filter(test).length;
        const dryRuns = by((r) => /[?&]dryRun=All\b/.test(r.url));
        const reviews = by((r) => /^\/apis\/(authorization|authentication)\.k8s\.io\//.test(r.url));
        const discovery = by((r) => r.method === "GET" && (/^\/openapi\//.test(r.url) || (/^\/(api|apis)(\/[^/?]+){0,2}\/?(\?|$)/.test(r.url) && !/\/namespaces\//.test(r.url))));
        const reads = by((r) => r.method === "GET") - discovery;
        const kinds = [[reads, "reads"], [discovery, "discovery and OpenAPI"], [dryRuns, "dry runs"], [reviews, "access reviews"], [sent.length - reads - discovery - dryRuns - reviews, "writes"]] as const;
        requests[tool][when] = `${sent.length} (${kinds.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(", ")})`;
      }
    }

    const m = (tool: Tool, when: "first" | "again") => median(times[tool][when]);
    const ratio = (when: "first" | "again") => m("piceli", when) / m("kubectl", when);
    const row = (what: string, when: "first" | "again") => [
      what, `${fmt.ms(m("piceli", when))} ms`, `${fmt.ms(m("kubectl", when))} ms`, `**${fmt.ratio(ratio(when))}**`, requests.piceli[when], requests.kubectl[when],
    ];
    const body = [
      "### `piceli apply` against `kubectl apply --server-side` on a real cluster (`npm run bench:apply`)",
      "",
      `Machine: ${machine().join(", ")}; kubectl ${version}; the cluster: ../shared/kube (kube-apiserver v1.36.2 with etcd, controllers and`,
      `scheduler on the same 2 cores${started ? ", started by the bench" : ", given by PICELI_E2E_KUBECONFIG"}). ${count} objects in ${NAMESPACES} namespaces, ${APPS} apps each`,
      "(a ServiceAccount, a ConfigMap, a Secret, a Deployment with probes, resources, env from both, and a Service), one",
      "YAML file for both tools, applied to fresh namespaces; then the same file again (nothing changes). Wall time of the",
      `command as a user runs it, start-up included (piceli from dist/, kubectl ${version}); medians of ${RUNS} runs after a`,
      "warm-up, the tools alternating. Requests: one more run of each (piceli through a recording proxy, kubectl from its `-v=6` log).",
      "",
      table(["apply", "piceli", "kubectl", "piceli / kubectl", "piceli requests", "kubectl requests"], [row("first (creates everything)", "first"), row("again (no-op)", "again")]),
      "",
      `Runs (ms): piceli first ${times.piceli.first.map(fmt.ms).join(", ")}; again ${times.piceli.again.map(fmt.ms).join(", ")}; ` +
        `kubectl first ${times.kubectl.first.map(fmt.ms).join(", ")}; again ${times.kubectl.again.map(fmt.ms).join(", ")}.`,
      "",
      `Run time: ${Math.round((Date.now() - startedAt) / 1000)} s; ${otherLoad(cpu)}.`,
    ].join("\n");
    console.log(`\n${body}`);
    if (!args.includes("--no-write")) writeSection("apply", body);
  } finally {
    await Promise.all(made.map((name) => cluster.delete({ apiVersion: "v1", kind: "Namespace", name }).catch(() => undefined)));
    await stop();
  }
}

await main();
