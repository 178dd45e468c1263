// Apply flows against the in-process API test double (spec/deploy/fake-api-server.ts), not a real cluster.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyPlan } from "../../lib/deploy/apply/apply-plan.js";
import { renderApplyReport } from "../../lib/deploy/apply/render-report.js";
import { describe } from "../../lib/deploy/object-id.js";
import { SET_LABEL } from "../../lib/deploy/ownership.js";
import { clusterFor } from "./cluster-for.js";
import { startFakeApiServer, type FakeApiServer, type RecordedRequest } from "./fake-api-server.js";
import { fixtureText, planOf, recordingProgress } from "./helpers.js";

const app = fixtureText("app.yaml");
const outcomes = (report: { outcomes: readonly { action: string; id: { kind: string } }[] }) => report.outcomes.map((o) => `${o.action} ${o.id.kind}`);

async function withApi(run: (api: FakeApiServer) => Promise<void>, options = {}): Promise<void> {
  const api = await startFakeApiServer(options);
  try {
    await run(api);
  } finally {
    await api.stop();
  }
}

test("apply creates everything in plan order; applying again changes nothing", () => withApi(async (api) => {
  const cluster = await clusterFor(api);
  const first = await applyPlan(cluster, planOf(app));
  assert.equal(outcomes(first), ["created Namespace", "created ConfigMap", "created Secret", "created Service", "created Deployment"]);
  assert.is(renderApplyReport(first).split("\n").at(-2), "Result: 5 created.");
  const versions = api.all().map((o) => o.metadata.resourceVersion);
  api.requests.length = 0;
  const second = await applyPlan(cluster, planOf(app));
  assert.equal(outcomes(second), ["unchanged Namespace", "unchanged ConfigMap", "unchanged Secret", "unchanged Service", "unchanged Deployment"]);
  assert.equal(api.all().map((o) => o.metadata.resourceVersion), versions, "nothing was written");
  assert.equal(api.writes(), [], "nothing was even sent: the dry run said there was nothing to change");
}));

test("identical content owned by another field manager is still applied, so piceli owns (and can later remove) its fields", () => withApi(async (api) => {
  await api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default" }, data: { A: "1" } }, "kubectl");
  const report = await applyPlan(await clusterFor(api), planOf("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {A: '1'}\n"));
  assert.equal(outcomes(report), ["unchanged ConfigMap"]);
  assert.equal(api.writes().map((r) => r.method), ["PATCH"]);
  assert.equal(api.get("v1", "ConfigMap", "c", "default")!.metadata.managedFields.map((m: { manager: string }) => m.manager).sort(), ["kubectl", "piceli"]);
}));

test("an image change is an update of the same object (same uid), not a re-creation", () => withApi(async (api) => {
  const cluster = await clusterFor(api);
  await applyPlan(cluster, planOf(app));
  const uid = api.get("apps/v1", "Deployment", "web", "demo")!.metadata.uid;
  const report = await applyPlan(cluster, planOf(app.replace("nginx:1.27", "nginx:1.28")));
  assert.equal(outcomes(report), ["unchanged Namespace", "unchanged ConfigMap", "unchanged Secret", "unchanged Service", "updated Deployment"]);
  const web = api.get("apps/v1", "Deployment", "web", "demo")!;
  assert.is(web.metadata.uid, uid);
  assert.is(web.spec.template.spec.containers[0].image, "nginx:1.28");
  assert.equal(api.writes().filter((r) => r.method === "DELETE" || r.method === "POST"), []);
}));

test("--dry-run: the server checks everything, nothing changes, the report says what would happen", () => withApi(async (api) => {
  await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
  const report = await applyPlan(await clusterFor(api), planOf(app), { dryRun: true });
  assert.equal(outcomes(report), ["unchanged Namespace", "would create ConfigMap", "would create Secret", "would create Service", "would create Deployment"]);
  assert.equal(api.writes(), []);
  assert.match(renderApplyReport(report), /^Dry run on http:\/\/127\.0\.0\.1:\d+ \(server side\): nothing was changed\./);
}));

test("a failure half-way rolls back exactly what this run changed, in reverse order; untouched objects stay", () => withApi(async (api) => {
  await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
  await api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "unrelated", namespace: "demo" }, data: { KEEP: "me" } });
  const before = await api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-settings", namespace: "demo" }, data: { LOG_LEVEL: "debug" } }, "piceli");
  await api.seed({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "demo" }, spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80 }] } }, "piceli");
  const serviceBefore = api.get("v1", "Service", "web", "demo")!;
  const progress = recordingProgress();
  const report = await applyPlan(await clusterFor(api), planOf(app), { progress });
  assert.equal(outcomes(report), ["unchanged Namespace", "updated ConfigMap", "created Secret", "unchanged Service", "failed Deployment"]);
  assert.is(report.failure!.phase, "apply");
  assert.equal(report.rollback.map((r) => `${r.step} ${describe(r.id)}: ${r.message}`), [
    "delete Secret demo/web-db: created by this run",
    "restore ConfigMap demo/web-settings: back to its state before this run",
  ]);
  assert.is(api.get("v1", "Secret", "web-db", "demo"), undefined);
  const settings = api.get("v1", "ConfigMap", "web-settings", "demo")!;
  assert.equal(settings.data, before.data);
  assert.equal(settings.metadata.uid, before.metadata.uid);
  assert.equal(settings.metadata.managedFields.map((m: { manager: string }) => m.manager), ["piceli"], "field ownership restored too");
  assert.equal(api.get("v1", "Service", "web", "demo"), serviceBefore, "unchanged by the run: untouched by rollback");
  assert.equal(api.get("v1", "ConfigMap", "unrelated", "demo")!.data, { KEEP: "me" });
  assert.ok(api.get("v1", "Namespace", "demo"), "pre-existing: never deleted");
  const text = renderApplyReport(report);
  assert.match(text, /Apply failed at Deployment demo\/web \(apply\): apply Deployment demo\/web: Invalid \(HTTP 422\): Deployment\.apps "web" is invalid: metadata: the admission webhook denied it/);
  assert.match(text, /\n  failed +Deployment demo\/web\n/);
  assert.match(text, /\n  deleted +Secret demo\/web-db: created by this run\n  restored +ConfigMap demo\/web-settings: back to its state before this run\n/);
  assert.match(text, /Result: rolled back; nothing this run changed remains \(2 changes undone\)\.\n$/);
  assert.equal(progress.lines.slice(-4), [
    'Apply failed at Deployment demo/web (apply): apply Deployment demo/web: Invalid (HTTP 422): Deployment.apps "web" is invalid: metadata: the admission webhook denied it',
    "Rolling back the 2 changes this run made, in reverse order:",
    "  deleted    Secret demo/web-db: created by this run",
    "  restored   ConfigMap demo/web-settings: back to its state before this run",
  ]);
}, { reject: (o: { kind: string }, { dryRun }: { dryRun: boolean }) => (o.kind === "Deployment" && !dryRun ? "the admission webhook denied it" : undefined) }));

test("--wait on a server where nothing reconciles: a clean timeout naming what was awaited, then rollback", () => withApi(async (api) => {
  const report = await applyPlan(await clusterFor(api), planOf(app), { wait: true, timeoutMs: 300, intervalMs: 50 });
  assert.equal(report.failure, {
    phase: "wait", id: { apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "demo" },
    message: "timed out after 0.3s waiting for Deployment demo/web: no controller has reported on it yet (no status.observedGeneration): is kube-controller-manager running?",
  });
  assert.equal(report.rollback.map((r) => `${r.step} ${r.id.kind}`), ["delete Deployment", "delete Service", "delete Secret", "delete ConfigMap", "delete Namespace"]);
  assert.equal(api.all(), []);
}));

test("--no-rollback: a failed run says what it leaves changed", () => withApi(async (api) => {
  const report = await applyPlan(await clusterFor(api), planOf(app), { wait: true, timeoutMs: 100, intervalMs: 20, rollback: false });
  assert.equal(report.rollback, []);
  const text = renderApplyReport(report);
  assert.match(text, /\nRollback: off \(--no-rollback\): what this run changed stays as it is\.\nResult: 5 changes made by this run remain \(5 created\)\.\n$/);
  assert.is(api.all().length, 5);
}));

test("--wait with controllers: rollouts and endpoints become ready, step by step, Services last", () => withApi(async (api) => {
  const progress = recordingProgress();
  const report = await applyPlan(await clusterFor(api), planOf(app), { wait: true, timeoutMs: 2000, intervalMs: 20, progress });
  assert.is(report.ok, true);
  const readyLines = progress.lines.filter((l) => l.startsWith("  ready"));
  assert.equal(readyLines.map((l) => l.replace(/ \(\d+s\)$/, "")), ["  ready      Deployment demo/web: 2 of 2 replicas available", "  ready      Service demo/web: 1 ready endpoint"]);
  assert.equal(report.outcomes.at(-1)!.wait?.ok, true);
}, { controllers: true }));

test("an immutable change (a Job's template) is refused before anything changes; --replace deletes and creates it", () => withApi(async (api) => {
  const job = (image: string) => [
    "apiVersion: v1", "kind: ConfigMap", "metadata: {name: settings, namespace: default}", "data: {A: '1'}", "---",
    "apiVersion: batch/v1", "kind: Job", "metadata: {name: migrate, namespace: default}",
    "spec:", "  template:", "    spec:", "      restartPolicy: Never", `      containers: [{name: migrate, image: "${image}"}]`, "",
  ].join("\n");
  const cluster = await clusterFor(api);
  await applyPlan(cluster, planOf(job("app:1")));
  const uid = api.get("batch/v1", "Job", "migrate", "default")!.metadata.uid;
  const refused = await applyPlan(cluster, planOf(job("app:2").replace("A: '1'", "A: '2'")));
  assert.is(refused.failure!.phase, "preflight");
  assert.match(refused.failure!.message, /^Job default\/migrate: needs replacement: spec\.template cannot change in place \(.*field is immutable\); --replace deletes and creates it again \(it has not finished, so --rerun-jobs would leave it alone\)$/);
  assert.is(api.get("v1", "ConfigMap", "settings", "default")!.data.A, "1", "nothing changed, not even the ConfigMap");
  const replaced = await applyPlan(cluster, planOf(job("app:2")), { replace: true });
  assert.equal(outcomes(replaced), ["unchanged ConfigMap", "replaced Job"]);
  const now = api.get("batch/v1", "Job", "migrate", "default")!;
  assert.ok(now.metadata.uid !== uid);
  assert.is(now.spec.template.spec.containers[0].image, "app:2");
}));

test("a failed run re-creates what it replaced, as it was", () => withApi(async (api) => {
  const yaml = (image: string) => [
    "apiVersion: batch/v1", "kind: Job", "metadata: {name: migrate, namespace: default}",
    "spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: '" + image + "'}]}}}", "---",
    "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: default}",
    "spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}", "",
  ].join("\n");
  const cluster = await clusterFor(api);
  await api.seed({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", namespace: "default" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: "app:1" }] } } } }, "piceli");
  const report = await applyPlan(cluster, planOf(yaml("app:2")), { replace: true, wait: true, timeoutMs: 100, intervalMs: 20 });
  assert.is(report.failure!.phase, "wait");
  assert.equal(report.rollback.map((r) => `${r.step} ${r.id.kind}: ${r.ok}`), ["delete Deployment: true", "recreate Job: true"]);
  assert.is(api.get("batch/v1", "Job", "migrate", "default")!.spec.template.spec.containers[0].image, "app:1");
}));

test("--prune deletes only what piceli applied with this --set: never what others labelled, never claims and volumes; Namespaces when named", () => withApi(async (api) => {
  const cluster = await clusterFor(api);
  const objects = (...names: string[]) => names.map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}, namespace: default}\n`);
  const claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: default}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n";
  const first = [
    ...objects("a", "b"), claim, "apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n",
    "apiVersion: v1\nkind: LimitRange\nmetadata: {name: limits, namespace: default}\nspec: {limits: []}\n",
  ].join("---\n");
  await applyPlan(cluster, planOf(first), { set: "s1" });
  assert.is(api.get("v1", "ConfigMap", "b", "default")!.metadata.labels[SET_LABEL], "s1");
  // What `kubectl apply` makes: the same label, owned by kubectl's own field manager.
  const labels = { [SET_LABEL]: "s1" };
  api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "by-kubectl", namespace: "default", labels } }, "kubectl-client-side-apply", "Update");
  api.seed({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "kubectl-data", namespace: "default", labels }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }, "kubectl-client-side-apply", "Update");
  api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "other-set", namespace: "default", labels: { [SET_LABEL]: "s2" } } }, "piceli");
  api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "not-ours", namespace: "default" } });
  const progress = recordingProgress();
  const report = await applyPlan(cluster, planOf(objects("a").join("")), { set: "s1", prune: true, progress });
  assert.is(report.ok, true);
  const notPiceli = (by: string) => `not applied by piceli: the label is owned by ${by}, not by a server-side apply of field manager piceli`;
  assert.equal(progress.lines.slice(0, 8), [
    "  to prune   ConfigMap default/b: applied by field manager piceli with --set s1, gone from the code: deleted after a successful apply",
    "  to prune   LimitRange default/limits: applied by field manager piceli with --set s1, gone from the code: deleted after a successful apply",
    `  kept       ConfigMap default/by-kubectl: ${notPiceli("kubectl-client-side-apply (Update)")}`,
    "  kept       Namespace extra: a Namespace is pruned only when named with --prune-allow Namespace/extra (deleting it deletes everything in it)",
    "  kept       PersistentVolumeClaim default/data: a PersistentVolumeClaim is never pruned (deleting it can lose data): delete it yourself if you mean to",
    "  kept       PersistentVolumeClaim default/kubectl-data: a PersistentVolumeClaim is never pruned (deleting it can lose data): delete it yourself if you mean to",
    "Applying 1 object to " + api.url + ", in 1 step:",
    "  unchanged  ConfigMap default/a",
  ]);
  assert.equal(progress.lines.slice(8), ["  pruned     LimitRange default/limits", "  pruned     ConfigMap default/b"]);
  assert.is(api.get("v1", "LimitRange", "limits", "default"), undefined);
  assert.is(api.get("v1", "ConfigMap", "b", "default"), undefined);
  for (const name of ["by-kubectl", "other-set", "not-ours"]) assert.ok(api.get("v1", "ConfigMap", name, "default"), `ConfigMap ${name} is kept`);
  for (const name of ["data", "kubectl-data"]) assert.ok(api.get("v1", "PersistentVolumeClaim", name, "default"), `PersistentVolumeClaim ${name} is kept`);
  assert.ok(api.get("v1", "Namespace", "extra"));
  assert.match(renderApplyReport(report), /\n  pruned +ConfigMap default\/b\n/);

  const named = await applyPlan(cluster, planOf(objects("a").join("")), { set: "s1", prune: true, pruneAllow: ["Namespace/extra"] });
  assert.equal(named.prune!.deleted.map((d) => describe(d.id)), ["Namespace extra"]);
  assert.is(api.get("v1", "Namespace", "extra"), undefined);
}));

test("--prune keeps an object whose set label another field manager took over, and one another field manager applied", () => withApi(async (api) => {
  const cluster = await clusterFor(api);
  await applyPlan(cluster, planOf("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n"), { set: "s1", fieldManager: "ci" });
  const report = await applyPlan(cluster, planOf("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: default}\n"), { set: "s1", prune: true, dryRun: true });
  assert.equal(report.prune!.delete, []);
  assert.equal(report.prune!.kept.map((k) => k.reason), ["not applied by piceli: the label is owned by ci (Apply), not by a server-side apply of field manager piceli"]);
  assert.match(renderApplyReport(report), /\n  kept          ConfigMap default\/a: not applied by piceli: the label is owned by ci \(Apply\)/);
}));

test("a controller writing an object between its read and its dry run (a Deployment's revision annotation) is no change: nothing is written", () => {
  let annotateOnDryRun = false;
  return withApi(async (api) => {
    const cluster = await clusterFor(api);
    await applyPlan(cluster, planOf(app));
    annotateOnDryRun = true;
    api.requests.length = 0;
    const report = await applyPlan(cluster, planOf(app));
    assert.equal(outcomes(report), ["unchanged Namespace", "unchanged ConfigMap", "unchanged Secret", "unchanged Service", "unchanged Deployment"]);
    assert.equal(api.writes(), []);
    assert.equal(api.get("apps/v1", "Deployment", "web", "demo")!.metadata.annotations, { "deployment.kubernetes.io/revision": "1" });
    const web = api.requests.filter((r) => r.path === "/apis/apps/v1/namespaces/demo/deployments/web").map((r) => `${r.method}${r.query["dryRun"] ? " dry run" : ""}`);
    assert.equal(web, ["GET", "PATCH dry run", "GET"], "read again after the dry run answered from a newer version");
  }, {
    beforeAnswer: (request: RecordedRequest, api: FakeApiServer) => {
      if (!annotateOnDryRun || request.query["dryRun"] === undefined || !request.path.endsWith("/deployments/web")) return;
      annotateOnDryRun = false;
      api.annotate("apps/v1", "Deployment", "web", "demo", { "deployment.kubernetes.io/revision": "1" });
    },
  });
});

test("a Namespace of the plan that is being deleted: refused before anything is sent, saying why, and so are the new objects in it", () => withApi(async (api) => {
  await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo", deletionTimestamp: "2026-11-30T10:00:00Z", finalizers: ["example.com/hold"] } });
  const report = await applyPlan(await clusterFor(api), planOf(app));
  assert.is(report.ok, false);
  assert.equal(api.writes(), []);
  const terminating = (kind: string, resource: string, name: string) =>
    `${kind} demo/${name}: rejected by the server: ${resource} "${name}" is forbidden: unable to create new content in namespace demo because it is being terminated`;
  assert.equal(report.failure, {
    phase: "preflight",
    message: [
      "Namespace demo: rejected by the server: namespace demo is being deleted (since 2026-11-30T10:00:00Z): nothing can be created in it until it is gone; apply again then",
      terminating("ConfigMap", "configmaps", "web-settings"), terminating("Secret", "secrets", "web-db"), terminating("Service", "services", "web"),
      terminating("Deployment", "deployments.apps", "web"),
    ].join("\n"),
  });
}));

test.run();
