// HTTP request shapes against the in-process API test double (spec/deploy/fake-api-server.ts), not a real cluster.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyPlan } from "../../lib/deploy/apply/apply-plan.js";
import { Cluster } from "../../lib/deploy/cluster/cluster.js";
import { loadKubeConfig } from "../../lib/deploy/cluster/kube-config.js";
import { kubeConfigTransport } from "../../lib/deploy/cluster/transport.js";
import { previewPlan } from "../../lib/deploy/diff/preview.js";
import { ClusterApiError, ClusterUnreachableError, DeployError } from "../../lib/deploy/errors.js";
import { describe } from "../../lib/deploy/object-id.js";
import { clusterFor } from "./cluster-for.js";
import { startFakeApiServer } from "./fake-api-server.js";
import { fixtureText, kubeconfigFile, planOf, tempDir } from "./helpers.js";

const app = fixtureText("app.yaml");

test("server-side apply: PATCH with application/apply-patch+yaml, fieldManager and force=false; the body is the manifest", async () => {
  const api = await startFakeApiServer();
  try {
    const plan = planOf(app);
    await applyPlan(await clusterFor(api), plan, { fieldManager: "team-shop" });
    const patches = api.requests.filter((r) => r.method === "PATCH" && r.query["dryRun"] === undefined);
    assert.equal(patches.map((r) => r.path), [
      "/api/v1/namespaces/demo", "/api/v1/namespaces/demo/configmaps/web-settings", "/api/v1/namespaces/demo/secrets/web-db",
      "/api/v1/namespaces/demo/services/web", "/apis/apps/v1/namespaces/demo/deployments/web",
    ]);
    for (const r of patches) {
      assert.is(r.contentType, "application/apply-patch+yaml");
      assert.equal(r.query, { fieldManager: "team-shop", force: "false" });
    }
    assert.equal(patches[1]!.body, plan.objects[1]!.manifest, "sent exactly as written: nothing dropped or added");
    assert.equal(api.get("v1", "ConfigMap", "web-settings", "demo")!.metadata.managedFields.map((m: { manager: string }) => m.manager), ["team-shop"]);
  } finally {
    await api.stop();
  }
});

test("the preview is a dry run (dryRun=All): the server is asked, nothing is stored", async () => {
  const api = await startFakeApiServer();
  try {
    await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
    const previews = await previewPlan(await clusterFor(api), planOf(app), { fieldManager: "piceli" });
    assert.equal(previews.map((p) => p.change.action), ["unchanged", "create", "create", "create", "create"]);
    const dryRuns = api.requests.filter((r) => r.method === "PATCH");
    assert.ok(dryRuns.length === 5 && dryRuns.every((r) => r.query["dryRun"] === "All"));
    assert.equal(api.writes(), []);
    assert.equal(api.all().map((o) => o.kind), ["Namespace"]);
  } finally {
    await api.stop();
  }
});

test("an update sends the resourceVersion it read, so what rollback restores is exactly what it changed", async () => {
  const api = await startFakeApiServer();
  try {
    const cluster = await clusterFor(api);
    await applyPlan(cluster, planOf(app));
    const before = api.get("apps/v1", "Deployment", "web", "demo")!;
    api.requests.length = 0;
    await applyPlan(cluster, planOf(app.replace("nginx:1.27", "nginx:1.28")));
    const patch = api.requests.find((r) => r.method === "PATCH" && r.query["dryRun"] === undefined && r.path.endsWith("/deployments/web"))!;
    assert.is((patch.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion, before.metadata.resourceVersion);
  } finally {
    await api.stop();
  }
});

test("another field manager's fields: a conflict stops everything before any change; --force-conflicts takes them over", async () => {
  const api = await startFakeApiServer();
  try {
    await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
    await api.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-settings", namespace: "demo" }, data: { LOG_LEVEL: "debug" } }, "kubectl-edit");
    const cluster = await clusterFor(api);
    const refused = await applyPlan(cluster, planOf(app));
    assert.is(refused.ok, false);
    assert.is(refused.failure!.phase, "preflight");
    assert.is(refused.failure!.message, `ConfigMap demo/web-settings: conflict with other field managers (--force-conflicts takes their fields over):\n  .data.LOG_LEVEL: owned by "kubectl-edit"`);
    assert.equal(api.writes(), []);
    api.requests.length = 0;
    const forced = await applyPlan(cluster, planOf(app), { force: true });
    assert.is(forced.ok, true);
    assert.ok(api.requests.filter((r) => r.method === "PATCH").every((r) => r.query["force"] === "true"));
    assert.is(api.get("v1", "ConfigMap", "web-settings", "demo")!.data.LOG_LEVEL, "info");
  } finally {
    await api.stop();
  }
});

test("rollback deletes what the run created with the uid it got as precondition, in the background", async () => {
  const api = await startFakeApiServer({ reject: (o, { dryRun }) => (o.kind === "Deployment" && !dryRun ? "admission webhook denied the request" : undefined) });
  try {
    const report = await applyPlan(await clusterFor(api), planOf(app));
    assert.is(report.failure!.phase, "apply");
    const deletes = api.requests.filter((r) => r.method === "DELETE");
    assert.equal(deletes.map((r) => r.path), ["/api/v1/namespaces/demo/services/web", "/api/v1/namespaces/demo/secrets/web-db", "/api/v1/namespaces/demo/configmaps/web-settings", "/api/v1/namespaces/demo"]);
    for (const r of deletes) {
      const body = r.body as { propagationPolicy: string; preconditions: { uid: string } };
      assert.is(body.propagationPolicy, "Background");
      assert.match(body.preconditions.uid, /^[0-9a-f-]{36}$/);
    }
  } finally {
    await api.stop();
  }
});

test("discovery: kinds are found through the server; an unknown kind needs its CustomResourceDefinition", async () => {
  const api = await startFakeApiServer();
  try {
    const widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {size: 3}\n";
    const crd = [
      "apiVersion: apiextensions.k8s.io/v1", "kind: CustomResourceDefinition", "metadata: {name: widgets.example.com}",
      "spec:", "  group: example.com", "  scope: Namespaced", "  names: {kind: Widget, plural: widgets}",
      "  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]", "",
    ].join("\n");
    const cluster = await clusterFor(api);
    const alone = await previewPlan(cluster, planOf(widget), { fieldManager: "piceli" });
    assert.equal(alone[0]!.change, { action: "rejected", message: "the cluster does not serve kind Widget in example.com/v1, and no CustomResourceDefinition in the input defines it" });
    const both = await previewPlan(cluster, planOf(`${widget}---\n${crd}`), { fieldManager: "piceli" });
    assert.equal(both.map((p) => `${p.object.id.kind}: ${p.change.action}`), ["CustomResourceDefinition: create", "Widget: create"]);
    assert.match((both[1]!.change as { unverified: string }).unverified, /served once CustomResourceDefinition widgets\.example\.com \(in this plan\) is applied/);
    const report = await applyPlan(cluster, planOf(`${widget}---\n${crd}`));
    assert.is(report.ok, true);
    assert.is(api.get("example.com/v1", "Widget", "w1", "default")!.spec.size, 3);
    assert.ok(api.requests.some((r) => r.path === "/apis/example.com/v1" && r.method === "GET"));
  } finally {
    await api.stop();
  }
});

test("missing permission: each object the identity may not read or apply is refused with the server's RBAC message (user, verb, resource, namespace); the others are previewed", async () => {
  const api = await startFakeApiServer({
    forbid: ({ verb, resource }) => ((verb === "patch" && resource === "secrets") || (verb === "get" && resource === "services") ? "alice" : undefined),
  });
  try {
    await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
    const previews = await previewPlan(await clusterFor(api), planOf(app), { fieldManager: "piceli" });
    const refused = previews.filter((p) => p.change.action === "rejected").map((p) => [describe(p.object.id), (p.change as { message: string }).message]);
    assert.equal(refused, [
      ["Secret demo/web-db", 'forbidden (missing permission): secrets "web-db" is forbidden: User "alice" cannot patch resource "secrets" in API group "" in the namespace "demo"'],
      ["Service demo/web", 'forbidden (missing permission): services "web" is forbidden: User "alice" cannot get resource "services" in API group "" in the namespace "demo"'],
    ]);
    assert.ok(previews.filter((p) => p.change.action !== "rejected").every((p) => p.change.action === "create" || p.change.action === "unchanged"));
  } finally {
    await api.stop();
  }
});

test("rollback must be possible: a change this identity could not undo (delete what it creates, put back what it updates) is refused before anything is sent", async () => {
  const api = await startFakeApiServer({ user: "system:serviceaccount:demo:deployer", forbid: ({ verb, resource }) => (verb === "delete" && resource === "configmaps" ? "system:serviceaccount:demo:deployer" : undefined) });
  try {
    await api.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
    const report = await applyPlan(await clusterFor(api), planOf(app), { fieldManager: "piceli" });
    assert.is(report.ok, false);
    assert.is(report.failure!.phase, "preflight");
    assert.is(report.failure!.message, 'ConfigMap demo/web-settings: forbidden (missing permission): User "system:serviceaccount:demo:deployer" may not delete configmaps in the namespace "demo": rollback could not delete it if the run failed (--no-rollback applies without a way back)');
    assert.equal(api.writes(), [], "nothing sent");
    const without = await applyPlan(await clusterFor(api), planOf(app), { fieldManager: "piceli", rollback: false });
    assert.is(without.ok, true, without.failure?.message);
  } finally {
    await api.stop();
  }
});

test("an unreachable cluster, rejected credentials, and kubeconfig mistakes are clear errors", async () => {
  const api = await startFakeApiServer();
  const kubeconfig = kubeconfigFile(api);
  await api.stop();
  try {
    await (await Cluster.connect({ kubeconfig })).get({ apiVersion: "v1", kind: "ConfigMap", name: "a", namespace: "default" });
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, ClusterUnreachableError);
    assert.match((error as Error).message, /^cannot reach the cluster at http:\/\/127\.0\.0\.1:\d+: connection refused \(is the API server running, and is this the right context\?\)$/);
  }

  const live = await startFakeApiServer();
  try {
    const file = join(tempDir(), "bad-token.yaml");
    writeFileSync(file, live.kubeconfig().replace("token: fake-token", "token: wrong"));
    await (await Cluster.connect({ kubeconfig: file })).get({ apiVersion: "v1", kind: "ConfigMap", name: "a", namespace: "default" });
    assert.unreachable("should throw");
  } catch (error) {
    assert.match((error as Error).message, /^discover the kinds of v1: unauthorized \(the credentials were not accepted\): Unauthorized$/);
  } finally {
    await live.stop();
  }

  const rejection = async (promise: Promise<unknown>): Promise<Error> => {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected a rejection");
  };
  const missing = await rejection(loadKubeConfig({ kubeconfig: "/nowhere/kubeconfig" }));
  assert.instance(missing, DeployError);
  assert.is(missing.message, "kubeconfig /nowhere/kubeconfig: no such file");
  assert.is((await rejection(loadKubeConfig({ kubeconfig, context: "prod" }))).message, 'context "prod" is not in the kubeconfig; its contexts are: fake, other');
});

test("contexts and namespaces: --context picks one; the default namespace is --namespace, else the context's, else default", async () => {
  const api = await startFakeApiServer();
  try {
    const file = kubeconfigFile(api, "team");
    assert.is((await loadKubeConfig({ kubeconfig: file })).namespace, "team");
    assert.is((await loadKubeConfig({ kubeconfig: file, namespace: "cli" })).namespace, "cli");
    assert.is((await loadKubeConfig({ kubeconfig: file, context: "other" })).namespace, "default");
    assert.is((await loadKubeConfig({ kubeconfig: file, context: "other" })).context, "other");
    const transport = kubeConfigTransport(await loadKubeConfig({ kubeconfig: file }));
    assert.is(transport.server, api.url);
  } finally {
    await api.stop();
  }
});

test.run();
