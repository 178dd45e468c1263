// End-to-end: deploy operability (issue 14) against a REAL cluster (see harness.ts): waits that fail fast on pods that
// cannot start, per-object timeouts, --create-namespace, loading folders of modules and packages, settings from
// PICELI_* variables and config files, status, --rerun-jobs, shell completion. The cluster has no nodes: the tests
// play the kubelet by writing pod status, and the scheduler really marks every pod Unschedulable.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as assert from "uvu/assert";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { folderWith } from "../deploy/helpers.js";
import { cluster, clusterSuite, deleteAfterwards, eventually, freshNamespace, id, kubelet, kubeconfig, namespaceName, piceli, root, tempFile } from "./harness.js";

const test = clusterSuite("operability");

const deploymentYaml = (ns: string, name = "web", image = "nginx:1.27") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: ${name}, image: "${image}"}]
`;
const jobYaml = (ns: string, name: string, image: string, extra: { restartPolicy?: string; backoffLimit?: number; annotations?: Record<string, string> } = {}) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: ${ns}
${extra.annotations ? `  annotations: ${JSON.stringify(extra.annotations)}\n` : ""}spec:
  backoffLimit: ${extra.backoffLimit ?? 0}
  template:
    spec:
      restartPolicy: ${extra.restartPolicy ?? "Never"}
      containers: [{name: migrate, image: "${image}"}]
`;
const configMapYaml = (ns: string, name: string, data: Record<string, string> = {}) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: ${JSON.stringify(data)}\n`;
const namespaceYaml = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

/** Until `until` settles, keeps the matching pods' containers waiting with this reason and message, as a kubelet would. */
async function keepWaiting(ns: string, selector: string, reason: string, message: string, until: Promise<unknown>): Promise<void> {
  let settled = false;
  void until.finally(() => (settled = true));
  while (!settled) {
    await kubelet.setPods(ns, selector, { waiting: reason, message }).catch(() => 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Waits that tell the truth.

test("--wait fails at once on ImagePullBackOff, naming the pod, the container and the reason; then rolls back", async () => {
  const ns = await freshNamespace();
  const run = piceli(["apply", "--wait", "--timeout", "100s", tempFile(deploymentYaml(ns, "web", "registry.invalid/web:1"))]);
  await keepWaiting(ns, "app=web", "ImagePullBackOff", 'Back-off pulling image "registry.invalid/web:1"', run);
  const result = await run;
  assert.is(result.code, 1, result.output);
  assert.match(result.stdout, new RegExp(`\\n  not ready  Deployment ${ns}/web: pod web-[a-z0-9]+-[a-z0-9]+: container web: ImagePullBackOff: Back-off pulling image "registry\\.invalid/web:1" \\(\\d+s\\)\\n`), result.output);
  assert.match(result.stdout, new RegExp(`\\nApply failed at Deployment ${ns}/web \\(wait\\): pod web-[a-z0-9]+-[a-z0-9]+: container web: ImagePullBackOff: `), result.output);
  assert.not.match(result.output, /timed out/, result.output);
  assert.match(result.stdout, /\nResult: rolled back; nothing this run changed remains \(1 change undone\)\.\n$/, result.output);
  assert.is(await cluster().get(id("apps/v1", "Deployment", "web", ns)), undefined);
});

test("--wait fails at once on a Job's pod in CrashLoopBackOff, with its last exit code", async () => {
  const ns = await freshNamespace();
  const run = piceli(["apply", "--wait", "--timeout", "100s", tempFile(jobYaml(ns, "migrate", "app:1", { restartPolicy: "OnFailure", backoffLimit: 6 }))]);
  let settled = false;
  void run.finally(() => (settled = true));
  while (!settled) {
    for (const pod of await cluster().list("v1", "Pod", { namespace: ns, labelSelector: "job-name=migrate" })) {
      await cluster().transport.request({
        method: "PATCH", path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/status`, contentType: "application/merge-patch+json", action: "play the kubelet",
        body: { status: { phase: "Running", containerStatuses: [{
          name: "migrate", image: "app:1", imageID: "", ready: false, started: false, restartCount: 1,
          state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s restarting failed container=migrate" } },
          lastState: { terminated: { exitCode: 2, reason: "Error", startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z" } },
        }] } },
      }).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const result = await run;
  assert.is(result.code, 1, result.output);
  assert.match(result.stdout, new RegExp(`\\nApply failed at Job ${ns}/migrate \\(wait\\): pod migrate-[a-z0-9]+: container migrate: CrashLoopBackOff \\(last exit code 2: Error\\): back-off 40s restarting failed container=migrate\\n`), result.output);
});

test("--wait fails at once on CreateContainerConfigError (a missing ConfigMap key), with the kubelet's message", async () => {
  const ns = await freshNamespace();
  const message = `couldn't find key MODE in ConfigMap ${ns}/settings`;
  const run = piceli(["apply", "--wait", "--timeout", "100s", tempFile(deploymentYaml(ns, "api"))]);
  await keepWaiting(ns, "app=api", "CreateContainerConfigError", message, run);
  const result = await run;
  assert.is(result.code, 1, result.output);
  assert.match(result.stdout, new RegExp(`\\nApply failed at Deployment ${ns}/api \\(wait\\): pod api-[a-z0-9]+-[a-z0-9]+: container api: CreateContainerConfigError: ${escape(message)}\\n`), result.output);
});

test("--wait fails at once on an Unschedulable pod, with the real scheduler's message (a StatefulSet)", async () => {
  const ns = await freshNamespace();
  const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ${ns}}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:17"}]
`;
  const result = await piceli(["apply", "--wait", "--timeout", "100s", tempFile(statefulSet)]);
  assert.is(result.code, 1, result.output);
  assert.match(result.stdout, new RegExp(`\\nApply failed at StatefulSet ${ns}/db \\(wait\\): pod db-0: Unschedulable: no nodes available to schedule pods\\n`), result.output);
});

test("per-object timeouts: --timeout [Kind/]name=… and the piceli/timeout annotation; plain progress lines per awaited object", async () => {
  // Claims stay Pending (the test cluster provisions no volumes), and a rollback never deletes claims: a namespace each.
  let ns = await freshNamespace();
  const claim = (name: string, annotations = "") => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}, namespace: ${ns}${annotations}}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: none}
`;
  const claims = () => tempFile([claim("data"), claim("logs", ", annotations: {piceli/timeout: 2s}")].join("---\n"));
  const byAnnotation = await piceli(["apply", "--wait", "--timeout", "60s", claims()]);
  assert.is(byAnnotation.code, 1, byAnnotation.output);
  assert.match(byAnnotation.stdout, new RegExp(`\\n  not ready  PersistentVolumeClaim ${ns}/logs: timed out after 2s waiting for PersistentVolumeClaim ${ns}/logs: not bound yet \\(phase Pending\\)\\n`), byAnnotation.output);
  assert.match(byAnnotation.stdout, new RegExp(`\\nApply failed at PersistentVolumeClaim ${ns}/logs \\(wait\\): timed out after 2s`), byAnnotation.output);
  // One progress line per awaited object, under the count (the two claims are applied concurrently: either order).
  const claimLine = (name: string) => `  +PersistentVolumeClaim ${ns}/${name}: not bound yet \\(phase Pending\\)\\n`;
  assert.match(byAnnotation.stderr, new RegExp(`\\n  waiting for 2 objects \\(0 of 2 ready\\):\\n(${claimLine("data")}${claimLine("logs")}|${claimLine("logs")}${claimLine("data")})`), byAnnotation.output);
  ns = await freshNamespace();
  const file = claims();
  const byFlag = await piceli(["apply", "--wait", "--timeout", "60s", "--timeout", "PersistentVolumeClaim/data=1s", "--timeout", "logs=30s", file]);
  assert.is(byFlag.code, 1, byFlag.output);
  assert.match(byFlag.stdout, new RegExp(`\\nApply failed at PersistentVolumeClaim ${ns}/data \\(wait\\): timed out after 1s waiting for PersistentVolumeClaim ${ns}/data: not bound yet`), byFlag.output);
  const typo = await piceli(["apply", "--wait", "--timeout", "Job/data=1s", file]);
  assert.equal([typo.code, typo.stderr], [1, 'error: --timeout Job/data=…: no object of the input is named "Job/data" (expected [Kind/]name, such as Job/migrate)\n']);
});

test("--wait succeeds when the kubelet reports the pods ready: the wait is not fooled by pods that are fine", async () => {
  const ns = await freshNamespace();
  const run = piceli(["apply", "--wait", "--timeout", "100s", tempFile(deploymentYaml(ns, "ok"))]);
  await kubelet.podsReady(ns, "app=ok", run);
  const result = await run;
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, new RegExp(`\\n  ready      Deployment ${ns}/ok: 1 of 1 replicas available \\(\\d+s\\)\\n`), result.output);
});

test("--wait succeeds when the kubelet reports the Job's pod succeeded: the Job controller completes the Job", async () => {
  const ns = await freshNamespace();
  const run = piceli(["apply", "--wait", "--timeout", "100s", tempFile(jobYaml(ns, "migrate", "ghcr.io/example/migrate:1.0"))]);
  await kubelet.podsSucceeded(ns, "job-name=migrate", run);
  const result = await run;
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, new RegExp(`\\n  ready      Job ${ns}/migrate: completed \\(1 succeeded\\) \\(\\d+s\\)\\n`), result.output);
  const job = (await cluster().get(id("batch/v1", "Job", "migrate", ns)))!;
  assert.ok(((job["status"] as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((c) => c.type === "Complete" && c.status === "True"), "the Job is Complete");
});

test("--wait succeeds once the PersistentVolume controller binds the claim to the matching volume (static binding, no StorageClass)", async () => {
  const ns = await freshNamespace();
  // Reserved for this claim (claimRef), so no other test's pending claim can take it; the controller does the binding.
  const volume = `${ns}-data`;
  deleteAfterwards(id("v1", "PersistentVolume", volume));
  const objects = `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${volume}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  persistentVolumeReclaimPolicy: Retain
  hostPath: {path: /tmp/${volume}}
  claimRef: {namespace: ${ns}, name: data}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: ${ns}}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  resources: {requests: {storage: 1Gi}}
`;
  const result = await piceli(["apply", "--wait", "--timeout", "100s", tempFile(objects)]);
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, new RegExp(`\\n  ready      PersistentVolumeClaim ${ns}/data: bound \\(\\d+s\\)\\n`), result.output);
  const claim = (await cluster().get(id("v1", "PersistentVolumeClaim", "data", ns)))!;
  assert.equal([(claim["spec"] as { volumeName?: string }).volumeName, (claim["status"] as { phase?: string }).phase], [volume, "Bound"]);
});

// --create-namespace

test("without --create-namespace, a namespace that neither the code declares nor the cluster has is an error before anything is sent", async () => {
  const missing = namespaceName();
  const other = namespaceName();
  const file = tempFile([configMapYaml(missing, "a"), configMapYaml(missing, "b"), configMapYaml(other, "c")].join("---\n"));
  for (const command of ["apply", "diff"]) {
    const result = await piceli([command, file]);
    assert.is(result.code, 1, result.output);
    assert.is(result.stderr, [
      "error: 2 namespaces do not exist in the cluster and the input does not declare them:",
      `  ${missing}: needed by ConfigMap ${missing}/a, ConfigMap ${missing}/b`,
      `  ${other}: needed by ConfigMap ${other}/c`,
      "nothing was sent. Declare them (a Namespace object in the code), or pass --create-namespace: piceli then creates them first, and deletes them again if the run fails",
      "",
    ].join("\n"));
  }
  assert.is(await cluster().get(id("v1", "Namespace", missing)), undefined);
});

test("a namespace of the code that is being deleted: apply and diff refuse before anything is sent, saying why for each object", async () => {
  const ns = namespaceName();
  const c = cluster();
  // A finalizer of the test's own keeps it Terminating (the namespace controller waits for it) until the test is done.
  await c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, finalizers: ["e2e.piceli.dev/hold"] } }, "piceli-e2e");
  await c.delete(id("v1", "Namespace", ns));
  try {
    const since = String((await c.get(id("v1", "Namespace", ns)))!.metadata["deletionTimestamp"]);
    const file = tempFile([namespaceYaml(ns), `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: deployer, namespace: ${ns}}\n`, configMapYaml(ns, "settings")].join("---\n"));
    const deleting = `namespace ${ns} is being deleted (since ${since}): nothing can be created in it until it is gone; apply again then`;
    const refused = (resource: string, name: string) => `${resource} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`;
    const apply = await piceli(["apply", file]);
    assert.is(apply.code, 1, apply.output);
    assert.is(apply.stdout, [
      "Nothing was applied: the server-side dry run refused:",
      `  Namespace ${ns}: rejected by the server: ${deleting}`,
      `  ServiceAccount ${ns}/deployer: rejected by the server: ${refused("serviceaccounts", "deployer")}`,
      `  ConfigMap ${ns}/settings: rejected by the server: ${refused("configmaps", "settings")}`,
      "Result: the cluster was not changed.",
      "",
    ].join("\n"));
    const diff = await piceli(["diff", file]);
    assert.is(diff.code, 1, diff.output);
    assert.is(diff.stdout, [
      `x rejected Namespace ${ns}: ${deleting}`,
      `x rejected ServiceAccount ${ns}/deployer: ${refused("serviceaccounts", "deployer")}`,
      `x rejected ConfigMap ${ns}/settings: ${refused("configmaps", "settings")}`,
      "Diff: 3 rejected",
      "",
    ].join("\n"));
    assert.is(await c.get(id("v1", "ServiceAccount", "deployer", ns)), undefined);
  } finally {
    await c.transport.request({
      method: "PATCH", path: `/api/v1/namespaces/${ns}`, contentType: "application/merge-patch+json", body: { metadata: { finalizers: null } }, action: `release Namespace ${ns}`,
    });
  }
});

test("--create-namespace creates the missing namespace first, says so, and the objects land in it", async () => {
  const ns = namespaceName();
  const file = tempFile(configMapYaml(ns, "settings", { MODE: "on" }));
  const diff = await piceli(["diff", "--create-namespace", file]);
  assert.is(diff.code, 2, diff.output);
  assert.match(diff.stdout, new RegExp(`^\\+ create Namespace ${ns}\\n`), diff.output);
  assert.match(diff.stderr, new RegExp(`note: Namespace ${ns} is not in the code and objects need it: --create-namespace would create it\\n`), diff.output);
  const result = await piceli(["apply", "--create-namespace", file]);
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, new RegExp(`^Namespace ${ns} is not in the code and objects need it: --create-namespace creates it first \\(and deletes it again if the run fails\\)\\.\\nApplying 2 objects to .*, in 2 steps:\\n  created    Namespace ${ns}\\n  created    ConfigMap ${ns}/settings\\n`), result.output);
  assert.equal((await cluster().get(id("v1", "ConfigMap", "settings", ns)))!["data"], { MODE: "on" });
  const again = await piceli(["apply", file]);
  assert.is(again.code, 0, again.output);
  assert.match(again.stdout, /\nResult: 1 unchanged\.\n$/, again.output);
});

test("--create-namespace: when the run fails, the namespace it created is deleted again", async () => {
  const ns = namespaceName();
  // Objects in a namespace the plan creates cannot be dry run first: the bad one is rejected when applied.
  const file = tempFile([configMapYaml(ns, "good", { A: "1" }), configMapYaml(ns, "bad", { "not a key!": "x" })].join("---\n"));
  const result = await piceli(["apply", "--create-namespace", file]);
  assert.is(result.code, 1, result.output);
  assert.match(result.stdout, new RegExp(`\\n  deleted    ConfigMap ${ns}/good: created by this run\\n  deleted    Namespace ${ns}: created by this run`), result.output);
  assert.match(result.stdout, /Result: rolled back; nothing this run changed remains \(2 changes undone\)\.\n$/, result.output);
  const namespace = await cluster().get(id("v1", "Namespace", ns));
  assert.ok(namespace === undefined || namespace.metadata["deletionTimestamp"] !== undefined, "the namespace is gone or terminating");
});

// Loading

test("loading: a folder of .ts entry files with subfolders (recursive by default, --no-recursive), a JSON array, a kind: List, a package by name", async () => {
  const ns = await freshNamespace();
  const cm = (name: string) => `export const ${name.replace(/-/g, "_")} = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "${name}", namespace: "${ns}" } };\n`;
  const dir = folderWith({
    "app.ts": cm("from-ts"),
    "jobs/batch.ts": cm("from-nested-ts"),
    "k8s/all.json": JSON.stringify([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "from-json-array", namespace: ns } }]),
    "k8s/list.yaml": `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: from-list, namespace: ${ns}}}\n`,
    "node_modules/@acme/manifests/package.json": JSON.stringify({ name: "@acme/manifests", type: "module", exports: "./index.js" }),
    "node_modules/@acme/manifests/index.js": cm("from-package"),
  });
  const flat = await piceli(["list", "--no-recursive", "."], { cwd: dir, kubeconfig: null });
  assert.is(flat.stdout.split("\n").slice(1, -1).map((l) => l.split(/ +/)[0]).join(","), "from-ts", flat.output);
  const result = await piceli(["apply", ".", "@acme/manifests"], { cwd: dir });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, /\nResult: 5 created\.\n$/, result.output);
  const names = ["from-ts", "from-nested-ts", "from-json-array", "from-list", "from-package"];
  for (const name of names) assert.ok(await cluster().get(id("v1", "ConfigMap", name, ns)), `${name} was applied`);
  const list = await piceli(["list", ".", "@acme/manifests"], { cwd: dir, kubeconfig: null });
  assert.is(list.stdout.replaceAll(`${ns}  `, "NS  "), [
    `NAME             KIND       NAMESPACE${" ".repeat(ns.length - 9)}  SOURCE`,
    "from-ts          ConfigMap  NS  app.ts: from_ts",
    "from-nested-ts   ConfigMap  NS  jobs/batch.ts: from_nested_ts",
    "from-json-array  ConfigMap  NS  k8s/all.json: document 1",
    "from-list        ConfigMap  NS  k8s/list.yaml: document 1, item 1",
    "from-package     ConfigMap  NS  node_modules/@acme/manifests/index.js: from_package",
    "",
  ].join("\n"));
});

// Settings: flags > PICELI_* > config file

test("settings from a config file and PICELI_* variables, flags first, each origin shown by --verbose", async () => {
  const fromFile = await freshNamespace();
  const fromEnv = await freshNamespace();
  const dir = folderWith({
    "deploy/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {MODE: fast}\n",
    "piceli.config.yaml": `files: [deploy]\nnamespace: ${fromFile}\nkubeconfig: ${kubeconfig}\nfieldManager: team-deploy\ntimeout: 90s\nset: shop\n`,
  });
  const fileOnly = await piceli(["apply", "--verbose"], { cwd: dir, kubeconfig: null });
  assert.is(fileOnly.code, 0, fileOnly.output);
  const origin = (name: string, value: string, from: string) => new RegExp(`\\n  ${name} +${escape(value)} +from ${escape(from)}\\n`);
  assert.match(fileOnly.stderr, /^settings \(flags, then PICELI_\* variables, then the config file, then defaults\):\n/, fileOnly.output);
  assert.match(fileOnly.stderr, origin("files", "deploy", "piceli.config.yaml"), fileOnly.output);
  assert.match(fileOnly.stderr, origin("namespace", fromFile, "piceli.config.yaml"), fileOnly.output);
  assert.match(fileOnly.stderr, origin("fieldManager", "team-deploy", "piceli.config.yaml"), fileOnly.output);
  assert.match(fileOnly.stderr, origin("timeout", "90s", "piceli.config.yaml"), fileOnly.output);
  assert.match(fileOnly.stderr, origin("createNamespace", "false", "default"), fileOnly.output);
  const stored = (await cluster().get(id("v1", "ConfigMap", "settings", fromFile)))!;
  assert.is(stored.metadata.labels?.["piceli/set"], "shop");
  assert.ok((stored.metadata["managedFields"] as { manager: string }[]).some((m) => m.manager === "team-deploy"), "applied as field manager team-deploy");
  const envWins = await piceli(["apply", "--verbose", "--field-manager", "by-flag"], { cwd: dir, kubeconfig: null, env: { PICELI_NAMESPACE: fromEnv, PICELI_FIELD_MANAGER: "by-env" } });
  assert.is(envWins.code, 0, envWins.output);
  assert.match(envWins.stderr, origin("namespace", fromEnv, "PICELI_NAMESPACE"), envWins.output);
  assert.match(envWins.stderr, origin("fieldManager", "by-flag", "--field-manager"), envWins.output);
  const managers = ((await cluster().get(id("v1", "ConfigMap", "settings", fromEnv)))!.metadata["managedFields"] as { manager: string }[]).map((m) => m.manager);
  assert.equal(managers, ["by-flag"]);
  const bad = await piceli(["plan"], { cwd: dir, kubeconfig: null, env: { PICELI_TIMEOUT: "soon" } });
  assert.is(bad.stderr, 'error: PICELI_TIMEOUT: expected a duration such as 90s, 5m or 1h, received "soon"\n');
});

test("a piceli.config.ts with defineConfig", async () => {
  const ns = await freshNamespace();
  const dir = folderWith({
    "app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-ts-config}\n",
    "piceli.config.ts": `import { defineConfig } from ${JSON.stringify(join(root, "lib/deploy/index.js"))};\nexport default defineConfig({ files: ["app.yaml"], namespace: ${JSON.stringify(ns)}, kubeconfig: ${JSON.stringify(kubeconfig)} });\n`,
  });
  const result = await piceli(["apply"], { cwd: dir, kubeconfig: null });
  assert.is(result.code, 0, result.output);
  assert.ok(await cluster().get(id("v1", "ConfigMap", "from-ts-config", ns)));
});

// status

test("status: in sync, differs (with the fields), missing, and with --set the extra objects; exit 2, then 0 once applied", async () => {
  const ns = await freshNamespace();
  const v1 = tempFile([configMapYaml(ns, "same", { A: "1" }), configMapYaml(ns, "changed", { MODE: "v1" }), configMapYaml(ns, "old")].join("---\n"));
  assert.is((await piceli(["apply", "--set", "shop", v1])).code, 0);
  const v2 = tempFile([configMapYaml(ns, "same", { A: "1" }), configMapYaml(ns, "changed", { MODE: "v2" }), configMapYaml(ns, "new")].join("---\n"));
  const before = (await cluster().get(id("v1", "ConfigMap", "changed", ns)))!;
  const status = await piceli(["status", "--set", "shop", v2]);
  assert.is(status.code, 2, status.output);
  assert.match(status.stdout, new RegExp([
    `^Status of 3 objects on https://127\\.0\\.0\\.1:\\d+:`,
    `  in sync    ConfigMap ${ns}/same`,
    `  differs    ConfigMap ${ns}/changed: data\\.MODE`,
    `  missing    ConfigMap ${ns}/new`,
    `  extra      ConfigMap ${ns}/old: labelled piceli/set=shop, gone from the code; --prune deletes it`,
    `Status: 1 in sync, 1 differs, 1 missing, 1 extra\\.\\n$`,
  ].join("\\n")));
  assert.is((await cluster().get(id("v1", "ConfigMap", "changed", ns)))!.metadata["resourceVersion"], before.metadata["resourceVersion"], "status changes nothing");
  const withoutSet = await piceli(["status", v2]);
  // Without the set, applying would drop the set label: that is a difference too.
  assert.match(withoutSet.stdout, new RegExp(`\n  differs    ConfigMap ${ns}/same: metadata\\.labels\n`), withoutSet.output);
  assert.match(withoutSet.stdout, /\nStatus: 2 differs, 1 missing, extra objects not searched \(--set names the set to search\)\.\n$/, withoutSet.output);
  assert.is((await piceli(["apply", "--set", "shop", "--prune", v2])).code, 0);
  const synced = await piceli(["status", "--set", "shop", v2]);
  assert.is(synced.code, 0, synced.output);
  assert.match(synced.stdout, /\nStatus: 3 in sync, 0 extra\.\n$/, synced.output);
});

// --rerun-jobs

/** Plays the kubelet until the Job has completed: its pods succeed, the Job controller marks it Complete. */
async function completeJob(ns: string, name: string): Promise<Manifest> {
  const done = eventually(`Job ${ns}/${name} complete`, async () => {
    const job = await cluster().get(id("batch/v1", "Job", name, ns));
    return ((job?.["status"] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === "Complete" && c.status === "True") ? job : undefined;
  }, 60_000);
  await kubelet.podsSucceeded(ns, `job-name=${name}`, done);
  return done;
}

test("--rerun-jobs deletes a finished Job and creates it again, saying so; never silently; a changed template without it is refused with the hint", async () => {
  const ns = await freshNamespace();
  const file = tempFile(jobYaml(ns, "migrate", "app:1"));
  assert.is((await piceli(["apply", file])).code, 0);
  const first = await completeJob(ns, "migrate");
  const unchanged = await piceli(["apply", file]);
  assert.match(unchanged.stdout, new RegExp(`\\n  unchanged  Job ${ns}/migrate\\n`), unchanged.output);
  const changed = tempFile(jobYaml(ns, "migrate", "app:2"));
  const refused = await piceli(["apply", changed]);
  assert.is(refused.code, 1, refused.output);
  assert.match(refused.stdout, new RegExp(`  Job ${ns}/migrate: needs replacement: spec\\.template cannot change in place \\(.*\\); --replace deletes and creates it again; --rerun-jobs re-runs it as a Job that has finished\\n`), refused.output);
  const dry = await piceli(["apply", "--dry-run", "--rerun-jobs", changed]);
  assert.match(dry.stdout, new RegExp(`\\n  would rerun   Job ${ns}/migrate: it had finished \\(Complete\\): deleted and created again, so it runs once more \\(--rerun-jobs\\)\\n`), dry.output);
  const rerun = await piceli(["apply", "--rerun-jobs", changed]);
  assert.is(rerun.code, 0, rerun.output);
  assert.match(rerun.stdout, new RegExp(`\\n  rerun      Job ${ns}/migrate: it had finished \\(Complete\\): deleted and created again, so it runs once more \\(--rerun-jobs\\)\\n`), rerun.output);
  assert.match(rerun.stdout, /\nResult: 1 rerun\.\n$/, rerun.output);
  const second = (await cluster().get(id("batch/v1", "Job", "migrate", ns)))!;
  assert.is.not(second.metadata["uid"], first.metadata["uid"], "a new Job");
  assert.is((second["spec"] as any).template.spec.containers[0].image, "app:2");
  // Still running: --rerun-jobs leaves it alone.
  const running = await piceli(["apply", "--rerun-jobs", changed]);
  assert.match(running.stdout, new RegExp(`\\n  unchanged  Job ${ns}/migrate\\n`), running.output);
  assert.is((await cluster().get(id("batch/v1", "Job", "migrate", ns)))!.metadata["uid"], second.metadata["uid"]);
});

test("the piceli/rerun annotation re-runs that Job on every apply once it has finished; a failed run deletes the new one and says the old one stays deleted", async () => {
  const ns = await freshNamespace();
  const file = tempFile(jobYaml(ns, "seed", "app:1", { annotations: { "piceli/rerun": "true" } }));
  assert.is((await piceli(["apply", file])).code, 0);
  await completeJob(ns, "seed");
  const bad = tempFile([jobYaml(ns, "seed", "app:1", { annotations: { "piceli/rerun": "true" } }), configMapYaml(ns, "after", { "bad key!": "x" })].join("---\n"));
  // The bad ConfigMap is refused by the dry run, before anything changes.
  const refused = await piceli(["apply", bad]);
  assert.is(refused.code, 1);
  assert.match(refused.stdout, /Result: the cluster was not changed\.\n$/, refused.output);
  const run = piceli(["apply", "--wait", "--timeout", "100s", file]);
  await keepWaiting(ns, "job-name=seed", "ErrImagePull", "pull access denied", run);
  const result = await run;
  assert.is(result.code, 1, result.output);
  assert.match(result.stdout, new RegExp(`\\n  rerun      Job ${ns}/seed: it had finished \\(Complete\\): deleted and created again, so it runs once more \\(annotation piceli/rerun\\)\\n`), result.output);
  assert.match(result.stdout, new RegExp(`\\n  deleted    Job ${ns}/seed: created by this run; the finished Job it replaced is not created again \\(that would run it once more\\)\\n`), result.output);
  assert.match(result.stdout, /\nResult: rolled back \(1 change undone\), except that the 1 finished Job this run re-ran stays deleted\.\n$/, result.output);
});

// Shell completion

test("piceli completion bash: sourced by bash, it completes commands, options and option values", async () => {
  const script = await piceli(["completion", "bash"], { kubeconfig: null });
  assert.is(script.code, 0, script.output);
  const complete = (...words: string[]) => {
    const file = tempFile(script.stdout, "piceli.bash");
    const line = `source ${file}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")}); COMP_CWORD=${words.length - 1}; _piceli; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return spawnSync("bash", ["-c", line], { encoding: "utf8" }).stdout.trim().split("\n");
  };
  assert.equal(complete("piceli", "st"), ["status"]);
  assert.equal(complete("piceli", "apply", "--re"), ["--recursive", "--replace", "--rerun-jobs"]);
  assert.equal(complete("piceli", "apply", "--color", ""), ["auto", "always", "never"]);
  assert.equal(complete("piceli", "completion", "z"), ["zsh"]);
  for (const shell of ["zsh", "fish"]) {
    const other = await piceli(["completion", shell], { kubeconfig: null });
    assert.is(other.code, 0);
    assert.ok(other.stdout.includes("create-namespace") && other.stdout.includes("rerun-jobs"), `${shell} script names the options`);
  }
  const unknown = await piceli(["completion", "tcsh"], { kubeconfig: null });
  assert.equal([unknown.code, unknown.stderr], [1, 'error: completion: expected a shell, one of bash, zsh, fish, received "tcsh"\n']);
});

test.run();
