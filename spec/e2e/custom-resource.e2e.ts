// End-to-end: custom resources against a REAL cluster (see harness.ts). The CustomResourceDefinitions of
// spec/kinds/custom/crds/widgets.yaml are installed by `piceli apply` together with their objects; the API server
// then judges every schema feature, and build() must reject exactly what it rejects.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as assert from "uvu/assert";
import { ClusterApiError } from "../../lib/deploy/errors.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { PiceliValidationError } from "../../lib/index.js";
import { backup } from "../../examples/imports/example.com.js";
import { gadget, widget } from "../kinds/custom/imports/test.piceli.dev.js";
import { cluster, clusterSuite, deleteAfterwards, eventually, freshNamespace, id, namespaceName, piceli, run } from "./harness.js";

const test = clusterSuite("custom resources");
const crds = fileURLToPath(new URL("../kinds/custom/crds", import.meta.url));
const fixture = fileURLToPath(new URL("fixtures/custom-resources.ts", import.meta.url));
const imported = readFileSync(new URL("../kinds/custom/imports/test.piceli.dev.ts", import.meta.url), "utf8");
const gadgetName = `box-${run}`;

for (const name of ["widgets.test.piceli.dev", "gizmos.test.piceli.dev"]) deleteAfterwards(id("apiextensions.k8s.io/v1", "CustomResourceDefinition", name));
deleteAfterwards(id("test.piceli.dev/v1", "Gadget", gadgetName));

/** Installs the test CRDs (idempotent) and waits until the API server serves their kinds. */
async function installDefinitions(): Promise<void> {
  const result = await piceli(["apply", crds]);
  assert.is(result.code, 0, result.output);
  const c = cluster();
  await eventually("the Widget kind to be served", async () => ((await c.scopeOf("test.piceli.dev/v1", "Widget")) === undefined ? undefined : true));
}

test("the CRDs and their custom resources applied together: the CRDs first; applying again changes nothing", async () => {
  const ns = namespaceName();
  const env = { PICELI_E2E_NAMESPACE: ns, PICELI_E2E_GADGET: gadgetName };
  const plan = await piceli(["plan", crds, fixture], { env, kubeconfig: null });
  assert.is(plan.code, 0, plan.output);
  const order = plan.stdout.split("\n").filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join(" "));
  assert.ok(order.indexOf("CustomResourceDefinition widgets.test.piceli.dev") < order.indexOf(`Widget ${ns}/web`), plan.stdout);
  assert.ok(order.indexOf("CustomResourceDefinition gizmos.test.piceli.dev") < order.indexOf(`Gadget ${gadgetName}`), plan.stdout);
  await cluster().create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, "piceli-e2e");
  const first = await piceli(["apply", crds, fixture], { env });
  assert.is(first.code, 0, first.output);
  assert.match(first.stdout, new RegExp(`^ +created +Widget ${ns}/web$`, "m"));
  assert.match(first.stdout, new RegExp(`^ +created +Gadget ${gadgetName}$`, "m"));
  const c = cluster();
  const web = (await c.get(id("test.piceli.dev/v1", "Widget", "web", ns)))!;
  assert.equal(web["spec"], { image: "registry.example.com/web:1", size: 2, mode: "safe", ports: [{ name: "http", port: 80 }], labels: { tier: "web" } });
  assert.equal(web.metadata.labels, { app: "web" });
  const box = (await c.get(id("test.piceli.dev/v1", "Gadget", gadgetName)))!;
  assert.equal([box["data"], box["colour"], box.metadata.namespace], [{ colour: "blue" }, "red", undefined]);
  const second = await piceli(["apply", crds, fixture], { env });
  assert.is(second.code, 0, second.output);
  assert.match(second.stdout, /\nResult: 4 unchanged\.\n$/);
});

test("diff shows a changed field of a custom resource as an update, and apply updates it in place", async () => {
  await installDefinitions();
  const ns = await freshNamespace();
  const env = { PICELI_E2E_NAMESPACE: ns, PICELI_E2E_GADGET: gadgetName };
  assert.is((await piceli(["apply", fixture], { env })).code, 0);
  const c = cluster();
  const uid = (await c.get(id("test.piceli.dev/v1", "Widget", "web", ns)))!.metadata["uid"];
  const same = await piceli(["diff", fixture], { env });
  assert.is(same.code, 0, same.output);
  const changed = { ...env, PICELI_E2E_SIZE: "5" };
  const diff = await piceli(["diff", fixture], { env: changed });
  assert.is(diff.code, 2, diff.output);
  assert.match(diff.stdout, new RegExp(`^~ update Widget ${ns}/web$`, "m"));
  assert.match(diff.stdout, /^-\s+size: 2$/m);
  assert.match(diff.stdout, /^\+\s+size: 5$/m);
  assert.match(diff.stdout, /\nDiff: 1 to update, 1 unchanged\n$/);
  const applied = await piceli(["apply", fixture], { env: changed });
  assert.is(applied.code, 0, applied.output);
  const web = (await c.get(id("test.piceli.dev/v1", "Widget", "web", ns)))!;
  assert.is(web.metadata["uid"], uid, "same object");
  assert.is((web["spec"] as { size: number }).size, 5);
});

test("piceli import of the CRDs from the cluster by name writes the committed file, byte for byte", async () => {
  await installDefinitions();
  const out = mkdtempSync(join(tmpdir(), "piceli-e2e-import-"));
  const result = await piceli(["import", "widgets.test.piceli.dev", "gizmos.test.piceli.dev", "--out", out]);
  assert.is(result.code, 0, result.output);
  assert.match(result.stderr, /^wrote .*test\.piceli\.dev\.ts: /m);
  assert.is(readFileSync(join(out, "test.piceli.dev.ts"), "utf8"), imported);
  const missing = await piceli(["import", "nothings.test.piceli.dev", "--out", out]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /^error: nothings\.test\.piceli\.dev: no such file or folder, and the cluster at \S+ has no CustomResourceDefinition of that name\n$/);
});

/** One object to judge: how to build it, and the same object written by hand for the server. */
interface Case {
  readonly name: string;
  readonly build: () => unknown;
  readonly manifest: Manifest;
}

const widgetCase = (name: string, spec: Record<string, unknown>): Case => ({
  name: `Widget ${JSON.stringify(spec)}`,
  build: () => widget(name, spec as never).build(),
  manifest: { apiVersion: "test.piceli.dev/v1", kind: "Widget", metadata: { name }, spec },
});
const gadgetCase = (name: string, fields: Record<string, unknown>): Case => ({
  name: `Gadget ${JSON.stringify(fields)}`,
  build: () => Object.entries(fields).reduce((b, [k, v]) => b.field(k as never, v as never), gadget(name)).build(),
  manifest: { apiVersion: "test.piceli.dev/v1", kind: "Gadget", metadata: { name }, ...fields },
});

const ok = { image: "nginx", size: 1 };
const CASES: readonly Case[] = [
  widgetCase("valid", ok),
  widgetCase("everything", {
    image: "registry.example.com/w:1", size: 10, mode: "safe", port: "http", ratio: 0.75, labels: { a: "b" }, settings: { x: [1, { y: null }] },
    note: null, tags: ["a", "b", "c"], ports: [{ name: "a", port: 1 }, { name: "b", port: 65535 }], replicas: { min: 0, max: 0 },
    since: "2024-02-29T23:59:59.5+01:00", token: "aGk=", contact: "ops@example.com", "odd-name": false, immutableTag: "v1", minProps: { a: 1 },
  }),
  widgetCase("Bad-Name", ok),
  widgetCase("no-size", { image: "nginx" }),
  widgetCase("size-high", { ...ok, size: 11 }),
  widgetCase("size-low", { ...ok, size: 0 }),
  widgetCase("size-float", { ...ok, size: 1.5 }),
  widgetCase("size-string", { ...ok, size: "1" }),
  widgetCase("mode", { ...ok, mode: "slow" }),
  widgetCase("image-short", { ...ok, image: "ab" }),
  widgetCase("image-long", { ...ok, image: "a".repeat(101) }),
  widgetCase("image-pattern", { ...ok, image: "NGINX" }),
  widgetCase("port-int", { ...ok, port: 8080 }),
  widgetCase("port-float", { ...ok, port: 1.5 }),
  widgetCase("port-bool", { ...ok, port: true }),
  widgetCase("ratio-max", { ...ok, ratio: 1 }),
  widgetCase("ratio-zero", { ...ok, ratio: 0 }),
  widgetCase("ratio-multiple", { ...ok, ratio: 0.3 }),
  widgetCase("labels-long", { ...ok, labels: { a: "x".repeat(21) } }),
  widgetCase("labels-number", { ...ok, labels: { a: 1 } }),
  widgetCase("settings-string", { ...ok, settings: "x" }),
  widgetCase("note-number", { ...ok, note: 3 }),
  widgetCase("tags-duplicate", { ...ok, tags: ["a", "a"] }),
  widgetCase("tags-many", { ...ok, tags: ["a", "b", "c", "d"] }),
  widgetCase("ports-duplicate", { ...ok, ports: [{ name: "a", port: 1 }, { name: "a", port: 2 }] }),
  widgetCase("ports-range", { ...ok, ports: [{ name: "a", port: 65536 }] }),
  widgetCase("ports-required", { ...ok, ports: [{ port: 1 }] }),
  widgetCase("ports-int32", { ...ok, ports: [{ name: "a", port: 2 ** 31 }] }),
  widgetCase("replicas-rule", { ...ok, replicas: { min: 2, max: 1 } }),
  widgetCase("replicas-min", { ...ok, replicas: { min: -1, max: 1 } }),
  widgetCase("safe-rule", { ...ok, mode: "safe" }),
  widgetCase("since-date", { ...ok, since: "2024-01-31" }),
  widgetCase("since-day", { ...ok, since: "2023-02-29T00:00:00Z" }),
  widgetCase("since-lower", { ...ok, since: "2024-01-31t12:00:00z" }),
  widgetCase("token", { ...ok, token: "aGk" }),
  widgetCase("token-chars", { ...ok, token: "a b=" }),
  widgetCase("odd-name", { ...ok, "odd-name": "yes" }),
  widgetCase("min-props", { ...ok, minProps: {} }),
  widgetCase("min-props-value", { ...ok, minProps: { a: "1" } }),
  widgetCase("unknown-field", { ...ok, colour: "red" }),
  widgetCase("unknown-nested", { ...ok, replicas: { min: 1, max: 2, step: 1 } }),
  gadgetCase(`g-${run}-valid`, { data: { a: "b" }, colour: "green", choice: { b: "x" }, embedded: { apiVersion: "v1", kind: "ConfigMap" } }),
  gadgetCase(`g-${run}-colour`, { colour: "blue" }),
  gadgetCase(`g-${run}-one-of-none`, { choice: {} }),
  gadgetCase(`g-${run}-one-of-both`, { choice: { a: "x", b: "y" } }),
  gadgetCase(`g-${run}-embedded`, { embedded: { apiVersion: "v1" } }),
  gadgetCase(`g-${run}-data`, { data: { a: 1 } }),
];

test("the API server rejects a custom resource exactly when build() does", async () => {
  await installDefinitions();
  const ns = await freshNamespace();
  const c = cluster();
  const disagreements: string[] = [];
  for (const one of CASES) {
    let built: string;
    try {
      one.build();
      built = "accepted";
    } catch (error) {
      if (!(error instanceof PiceliValidationError)) throw error;
      built = `rejected: ${error.problems.map((p) => p.path).join(", ")}`;
    }
    const manifest = one.manifest.kind === "Widget" ? { ...one.manifest, metadata: { ...one.manifest.metadata, namespace: ns } } : one.manifest;
    let served: string;
    try {
      await c.apply(manifest, { fieldManager: "piceli-e2e", dryRun: true });
      served = "accepted";
    } catch (error) {
      if (!(error instanceof ClusterApiError)) throw error;
      served = `rejected: ${error.message}`;
    }
    if (built.startsWith("accepted") !== served.startsWith("accepted")) disagreements.push(`${one.name}:\n    build(): ${built}\n    server:  ${served}`);
  }
  assert.equal(disagreements, [], `build() and the API server disagree on:\n  ${disagreements.join("\n  ")}`);
});

test("null where the schema does not allow it: the API server drops it silently, so build() rejects it", async () => {
  await installDefinitions();
  const ns = await freshNamespace();
  const manifest: Manifest = { apiVersion: "test.piceli.dev/v1", kind: "Widget", metadata: { name: "nulls", namespace: ns }, spec: { ...ok, mode: null } };
  const stored = await cluster().apply(manifest, { fieldManager: "piceli-e2e", dryRun: true });
  assert.is((stored["spec"] as Record<string, unknown>)["mode"], "fast", "the server dropped null and applied the default");
  try {
    widget("nulls", { ...ok, mode: null } as never).build();
    assert.unreachable("build() accepted null");
  } catch (error) {
    assert.instance(error, PiceliValidationError);
    assert.equal((error as PiceliValidationError).problems.map((p) => p.path), ["spec.mode"]);
  }
});

test("examples/custom-resource.ts: its CRD installs, its Backup is accepted, and a Backup build() rejects is rejected", async () => {
  const definition = fileURLToPath(new URL("../../examples/crds", import.meta.url));
  deleteAfterwards(id("apiextensions.k8s.io/v1", "CustomResourceDefinition", "backups.example.com"));
  const installed = await piceli(["apply", definition]);
  assert.is(installed.code, 0, installed.output);
  const c = cluster();
  await eventually("the Backup kind to be served", async () => ((await c.scopeOf("example.com/v1", "Backup")) === undefined ? undefined : true));
  const ns = await freshNamespace();
  // The example's Backup (examples/custom-resource.ts prints it; importing it would print here too).
  const nightly = backup("db-nightly", { claim: "db-data", bucket: "s3://shop-backups/db", schedule: "0 3 * * *", retention: { keepDaily: 14, keepWeekly: 8 } });
  const stored = await c.apply(nightly.namespace(ns).build() as unknown as Manifest, { fieldManager: "piceli-e2e", dryRun: true });
  assert.equal(stored["spec"], { ...nightly.build().spec, compression: "zstd" }, "the server adds only its default");
  const invalid = { claim: "db-data", bucket: "s3://shop-backups/db", schedule: "0 3 * * *", retention: { keepDaily: 1, keepWeekly: 2 } };
  assert.throws(() => nightly.spec(invalid).build(), /keep at least as many daily backups as weekly ones/);
  try {
    await c.apply({ apiVersion: "example.com/v1", kind: "Backup", metadata: { name: "bad", namespace: ns }, spec: invalid }, { fieldManager: "piceli-e2e", dryRun: true });
    assert.unreachable("the server accepted it");
  } catch (error) {
    assert.instance(error, ClusterApiError);
    assert.match((error as Error).message, /keep at least as many daily backups as weekly ones/);
  }
});

test.run();
