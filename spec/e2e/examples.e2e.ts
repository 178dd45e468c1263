// End-to-end: every example (examples/*.ts, examples/deploy/*.ts but its piceli.config.ts, read from the folders, so a new one is covered without
// a change here) applied to a REAL cluster with `piceli apply`, then `piceli diff` (exit 0: nothing left to apply), then
// applied again through a recording proxy: no write request at all.
//
// Each example gets names of its own, so examples (and runs against the same cluster) never meet:
// - objects that name no namespace go to a fresh namespace (`-n`), and the entry file itself is applied;
// - an example that names namespaces ("shop", "ops", "monitoring") or has cluster-scoped objects is applied as a YAML
//   file of its objects (loaded as `piceli` loads them) with those renamed: its namespaces to fresh ones, its
//   ClusterRole, PriorityClass, StorageClass, IngressClass, PersistentVolume… to `<name>-<run>`, and every reference to
//   them (a binding's roleRef, a storageClassName, a subject's namespace) alike. A CustomResourceDefinition keeps its
//   name (it is `<plural>.<group>`); the suite waits until an earlier one of that name is gone.
// Cluster-scoped objects are deleted after the suite, namespaces with everything in them.
//
// Prerequisites the API server needs, installed by the test: the VerticalPodAutoscaler CustomResourceDefinition
// (fixtures/verticalpodautoscalers.autoscaling.k8s.io.yaml) for an example with a VerticalPodAutoscaler. Nothing else is
// checked by the server: an IngressClass, StorageClass or PriorityClass named by an Ingress, claim or the examples'
// pods need not exist for them to be accepted (claims then stay Pending).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import * as assert from "uvu/assert";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { startProxy } from "./proxy.js";
import {
  cluster, clusterSuite, deleteAfterwards, eventually, freshNamespace, id, namespaceName, objectsOf, piceli, root, run, tempFile,
} from "./harness.js";

const test = clusterSuite("examples");
const files = ["examples", "examples/deploy"]
  .flatMap((folder) => readdirSync(join(root, folder)).filter((f) => f.endsWith(".ts") && !f.startsWith("piceli.config.")).map((f) => `${folder}/${f}`))
  .sort();

const vpaDefinition = load(readFileSync(join(root, "spec/e2e/fixtures/verticalpodautoscalers.autoscaling.k8s.io.yaml"), "utf8")) as Manifest;
const definitionId = (name: string) => id("apiextensions.k8s.io/v1", "CustomResourceDefinition", name);

/** Installs the VerticalPodAutoscaler's CustomResourceDefinition (once), deleted after the suite. */
const installVpaDefinition = once(async () => {
  const c = cluster();
  await untilGone(vpaDefinition.metadata.name);
  await c.apply(vpaDefinition, { fieldManager: "piceli-e2e" });
  deleteAfterwards(definitionId(vpaDefinition.metadata.name));
  await eventually(`${vpaDefinition.metadata.name} to be established`, async () => {
    const conditions = ((await c.get(definitionId(vpaDefinition.metadata.name)))?.["status"] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
    return conditions?.some((x) => x.type === "Established" && x.status === "True") ? true : undefined;
  });
});

/** Waits until a CustomResourceDefinition of that name is not being deleted (another suite's, deleted after it). */
async function untilGone(name: string): Promise<void> {
  await eventually(`CustomResourceDefinition ${name} to finish deleting`, async () => {
    const found = await cluster().get(definitionId(name));
    return found === undefined || found.metadata["deletionTimestamp"] === undefined ? true : undefined;
  }, 120_000);
}

/** Which field names another object, by the kind it names (`roleRef` is handled on its own). */
const REFERENCES: Readonly<Record<string, string>> = {
  storageClassName: "StorageClass", ingressClassName: "IngressClass", priorityClassName: "PriorityClass", runtimeClassName: "RuntimeClass", volumeName: "PersistentVolume",
};

/** What an example is applied as: the arguments of `piceli apply`/`diff`, and the objects (as sent, renamed). */
interface Target {
  readonly args: string[];
  readonly objects: Manifest[];
}

async function target(file: string): Promise<Target> {
  const fallback = namespaceName();
  const objects = await objectsOf([join(root, file)], fallback);
  if (objects.some((o) => o.kind === "VerticalPodAutoscaler")) await installVpaDefinition();
  for (const o of objects) if (o.kind === "CustomResourceDefinition") await untilGone(o.metadata.name);
  if (objects.some((o) => o.metadata.namespace === fallback)) await cluster().create({ apiVersion: "v1", kind: "Namespace", metadata: { name: fallback } }, "piceli-e2e");

  const namespaces = new Map<string, string>();
  const clusterScoped = new Map<string, string>();
  for (const o of objects) {
    const { name, namespace } = o.metadata;
    if (o.kind === "Namespace") namespaces.set(name, namespaceName());
    else if (namespace === undefined && o.kind !== "CustomResourceDefinition") clusterScoped.set(`${o.kind}/${name}`, `${name}-${run}`);
  }
  for (const o of objects) {
    const namespace = o.metadata.namespace;
    if (namespace !== undefined && namespace !== fallback && !namespaces.has(namespace)) namespaces.set(namespace, await freshNamespace());
  }
  if (namespaces.size === 0 && clusterScoped.size === 0) return { args: [file, "-n", fallback], objects };
  const renamed = objects.map((o) => rename(o, namespaces, clusterScoped));
  for (const o of renamed) if (o.metadata.namespace === undefined && o.kind !== "Namespace") deleteAfterwards(id(o.apiVersion, o.kind, o.metadata.name));
  return { args: [tempFile(renamed.map((o) => dump(o)).join("---\n"), `${file.replace(/\W+/g, "-")}.yaml`)], objects: renamed };
}

/** An object with its own name and every namespace and reference renamed (see the file's header). */
function rename(object: Manifest, namespaces: ReadonlyMap<string, string>, clusterScoped: ReadonlyMap<string, string>): Manifest {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== "object" || value === null) return value;
    const entries = Object.entries(value).map(([key, v]) => {
      if (typeof v === "string" && key === "namespace") return [key, namespaces.get(v) ?? v];
      if (typeof v === "string" && REFERENCES[key] !== undefined) return [key, clusterScoped.get(`${REFERENCES[key]}/${v}`) ?? v];
      if (key === "roleRef" && typeof v === "object" && v !== null) {
        const ref = v as { kind: string; name: string };
        return [key, { ...ref, name: clusterScoped.get(`${ref.kind}/${ref.name}`) ?? ref.name }];
      }
      return [key, walk(v)];
    });
    return Object.fromEntries(entries);
  };
  const out = walk(object) as Manifest;
  const name = object.kind === "Namespace" ? namespaces.get(object.metadata.name) : clusterScoped.get(`${object.kind}/${object.metadata.name}`);
  return name === undefined ? out : { ...out, metadata: { ...out.metadata, name } };
}

/**
 * The Secret values an example's objects hold (stringData and data), which no output of its commands may show (in
 * either form): all of them but one its other objects show anyway (`API_USER=shop` beside a namespace "shop").
 */
function secretValues(objects: readonly Manifest[]): string[] {
  const shown = objects.filter((o) => o.kind !== "Secret").map((o) => dump(o)).join("\n");
  return objects.filter((o) => o.kind === "Secret").flatMap((o) => [
    ...Object.values((o["stringData"] ?? {}) as Record<string, string>),
    ...Object.values((o["data"] ?? {}) as Record<string, string>).map((b64) => Buffer.from(b64, "base64").toString("utf8")),
  ]).filter((v) => v.length > 0 && !shown.includes(v));
}

/**
 * One example, start to end. The second apply goes through a recording proxy: nothing written means no request that
 * writes (controllers keep writing — an autoscaler, a Deployment's status — so resourceVersions prove nothing).
 */
async function check(file: string): Promise<void> {
  const { args, objects } = await target(file);
  // Every other name is new; a CustomResourceDefinition (it keeps its name) may be there from an earlier suite.
  const definitions = objects.filter((o) => o.kind === "CustomResourceDefinition");
  const existing = (await Promise.all(definitions.map((o) => cluster().get(definitionId(o.metadata.name))))).filter((o) => o !== undefined);
  const applied = await piceli(["apply", ...args]);
  assert.is(applied.code, 0, applied.output);
  const counts = [`${objects.length - existing.length} created`, ...(existing.length > 0 ? [`${existing.length} unchanged`] : [])];
  assert.ok(applied.stdout.endsWith(`\nResult: ${counts.join(", ")}.\n`), applied.output);

  const diff = await piceli(["diff", ...args]);
  assert.is(diff.code, 0, diff.output);
  assert.ok(diff.stdout.endsWith(`\nDiff: ${objects.length} unchanged\n`), diff.output);

  const proxy = await startProxy();
  const again = await piceli(["apply", ...args], { kubeconfig: proxy.kubeconfig }).finally(() => proxy.close());
  assert.is(again.code, 0, again.output);
  assert.ok(again.stdout.endsWith(`\nResult: ${objects.length} unchanged.\n`), again.output);
  assert.equal(proxy.writes(), [], "nothing was written");
  const dryRuns = new Set(proxy.requests.filter((r) => r.method === "PATCH").map((r) => r.url.split("?")[0]));
  assert.is(dryRuns.size, objects.length, "every object was checked with a dry run");
  const output = [applied, diff, again].map((r) => r.output).join("\n");
  for (const value of secretValues(objects)) {
    assert.not.ok([value, Buffer.from(value).toString("base64")].some((form) => output.includes(form)), `a Secret value of ${file} was printed`);
  }
}

// The examples are independent: three at a time, each test reporting its own example.
const checks = new Map<string, Promise<void>>();
let next = 0;
function start(): void {
  const file = files[next++];
  if (file === undefined) return;
  const checked = check(file);
  checks.set(file, checked);
  checked.catch(() => undefined).finally(start);
}

test("the examples are found: examples/*.ts and examples/deploy/*.ts", () => {
  assert.ok(files.includes("examples/app.ts") && files.includes("examples/deploy/shop.ts") && files.includes("examples/vertical-pod-autoscaler.ts"), files.join(", "));
});

for (const file of files) {
  test(`${file}: applied, diffed (nothing to apply), applied again with nothing written`, async () => {
    if (checks.size === 0) for (let i = 0; i < 3; i++) start();
    while (!checks.has(file)) await new Promise((resolve) => setTimeout(resolve, 100));
    await checks.get(file);
  });
}

test.run();

function once(make: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= make());
}
