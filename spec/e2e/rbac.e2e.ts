// Applying as a restricted identity: a ServiceAccount whose Role allows only some verbs on some resources of one
// namespace, with a token from the TokenRequest API (`kubectl create token`). What it may do works; what it may not is
// refused before anything is changed, each object named with the verb, the resource and the identity, never a stack
// trace. Each test in a namespace of its own.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import * as assert from "uvu/assert";
import { cluster, clusterSuite, deleteAfterwards, freshNamespace, id, kubeconfig, namespaceName, piceli, run, snapshot, tempFile, yamlOf } from "./harness.js";
import { kubectl } from "./kubectl.js";

const test = clusterSuite("rbac");

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

/**
 * A ServiceAccount `deployer` in `ns` bound to a Role with these rules, and a kubeconfig that authenticates as it with
 * a token from the TokenRequest API (same server and CA as the admin's).
 */
async function restrictedKubeconfig(ns: string, rules: Rule[]): Promise<string> {
  const c = cluster();
  await c.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "deployer", namespace: ns } }, "piceli-e2e");
  await c.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "deployer", namespace: ns }, rules }, "piceli-e2e");
  await c.create({
    apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "deployer", namespace: ns },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "deployer" }, subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: ns }],
  }, "piceli-e2e");
  const token = (await kubectl(["-n", ns, "create", "token", "deployer", "--duration=1h"])).trim();
  const admin = load(readFileSync(kubeconfig!, "utf8")) as { clusters: { cluster: Record<string, string> }[] };
  return tempFile(JSON.stringify({
    apiVersion: "v1", kind: "Config", "current-context": "deployer",
    clusters: [{ name: "e2e", cluster: admin.clusters[0]!.cluster }],
    users: [{ name: "deployer", user: { token } }],
    contexts: [{ name: "deployer", context: { cluster: "e2e", user: "deployer", namespace: ns } }],
  }), "kubeconfig");
}

const ALL = ["get", "list", "create", "patch", "update", "delete"];
const configMap = (ns: string, name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns }, data: { A: "1" } });
const service = (ns: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: ns }, spec: { ports: [{ port: 80 }], selector: { app: "web" } } });
const deployment = (ns: string) => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: ns },
  spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
});

/** No stack trace, no uncaught error: what a user sees is piceli's own message. */
function noStackTrace(output: string): void {
  assert.not.match(output, /^\s+at .+:\d+:\d+\)?$/m, output);
}

test("a ServiceAccount confined to its namespace: what its Role allows is planned, diffed and applied; what it does not is refused before anything changes, naming verb, resource and user", async () => {
  const ns = await freshNamespace();
  const elsewhere = await freshNamespace();
  const user = `system:serviceaccount:${ns}:deployer`;
  const asDeployer = await restrictedKubeconfig(ns, [{ apiGroups: [""], resources: ["configmaps", "services"], verbs: ALL }]);

  const allowed = yamlOf(configMap(ns, "settings"), service(ns));
  const plan = await piceli(["plan", allowed], { kubeconfig: asDeployer });
  assert.is(plan.code, 0, plan.output);
  const diff = await piceli(["diff", allowed], { kubeconfig: asDeployer });
  assert.is(diff.code, 2, diff.output);
  assert.match(diff.stdout, /\nDiff: 2 to create\n$/);
  const applied = await piceli(["apply", allowed], { kubeconfig: asDeployer });
  assert.is(applied.code, 0, applied.output);
  assert.match(applied.stdout, /\nResult: 2 created\.\n$/);
  assert.is((await piceli(["diff", allowed], { kubeconfig: asDeployer })).code, 0);

  // A kind its Role does not name, and a namespace it has no Role in, next to objects it may apply.
  const mixed = yamlOf(configMap(ns, "more"), deployment(ns), configMap(elsewhere, "other"));
  const ids = [id("v1", "ConfigMap", "more", ns), id("apps/v1", "Deployment", "web", ns), id("v1", "ConfigMap", "other", elsewhere)];
  const refusedDiff = await piceli(["diff", mixed], { kubeconfig: asDeployer });
  assert.is(refusedDiff.code, 1, refusedDiff.output);
  const deploymentLine = `Deployment ${ns}/web: forbidden (missing permission): deployments.apps "web" is forbidden: User "${user}" cannot get resource "deployments" in API group "apps" in the namespace "${ns}"`;
  const elsewhereLine = `ConfigMap ${elsewhere}/other: forbidden (missing permission): configmaps "other" is forbidden: User "${user}" cannot get resource "configmaps" in API group "" in the namespace "${elsewhere}"`;
  assert.ok(refusedDiff.stdout.includes(`\nx rejected ${deploymentLine}\n`), refusedDiff.output);
  assert.ok(refusedDiff.stdout.includes(`\nx rejected ${elsewhereLine}\n`), refusedDiff.output);
  assert.match(refusedDiff.stdout, /^\+ create ConfigMap .*\/more$/m);
  assert.match(refusedDiff.stdout, /\nDiff: 1 to create, 2 rejected\n$/);

  const refused = await piceli(["apply", mixed], { kubeconfig: asDeployer });
  assert.is(refused.code, 1, refused.output);
  assert.is(refused.stdout, [
    "Nothing was applied: the server-side dry run refused:",
    `  ${elsewhereLine.replace(": forbidden", ": rejected by the server: forbidden")}`,
    `  ${deploymentLine.replace(": forbidden", ": rejected by the server: forbidden")}`,
    "Result: the cluster was not changed.",
    "",
  ].join("\n"));
  noStackTrace(refused.output);
  assert.equal(Object.values(await snapshot(ids)), [undefined, undefined, undefined], "nothing created, not even what it may create");
});

test("a Role that may apply (get, list, create, patch) but not delete or update: a run it could not roll back is refused up front, naming the verb; --no-rollback applies", async () => {
  const ns = await freshNamespace();
  const user = `system:serviceaccount:${ns}:deployer`;
  const asDeployer = await restrictedKubeconfig(ns, [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "create", "patch"] }]);
  const file = yamlOf(configMap(ns, "settings"));
  const refused = await piceli(["apply", file], { kubeconfig: asDeployer });
  assert.is(refused.code, 1, refused.output);
  assert.is(refused.stdout, [
    "Nothing was applied: the server-side dry run refused:",
    `  ConfigMap ${ns}/settings: forbidden (missing permission): User "${user}" may not delete configmaps in the namespace "${ns}": rollback could not delete it if the run failed (--no-rollback applies without a way back)`,
    "Result: the cluster was not changed.",
    "",
  ].join("\n"));
  assert.is(await cluster().get(id("v1", "ConfigMap", "settings", ns)), undefined);
  // The dry run needs no more than the apply: diff works.
  assert.is((await piceli(["diff", file], { kubeconfig: asDeployer })).code, 2);
  const applied = await piceli(["apply", "--no-rollback", file], { kubeconfig: asDeployer });
  assert.is(applied.code, 0, applied.output);
  assert.match(applied.stdout, /\nResult: 1 created\.\n$/);
  // An update it could not put back (no update verb): refused the same way.
  const changed = await piceli(["apply", yamlOf({ ...configMap(ns, "settings"), data: { A: "2" } })], { kubeconfig: asDeployer });
  assert.is(changed.code, 1, changed.output);
  assert.ok(changed.stdout.includes(`may not update configmaps in the namespace "${ns}": rollback could not put it back if the run failed`), changed.output);
});

test("objects in a namespace the run creates cannot be dry run: the server's authorizer is asked first, and nothing is created when it says no", async () => {
  const ns = await freshNamespace();
  const user = `system:serviceaccount:${ns}:deployer`;
  const asDeployer = await restrictedKubeconfig(ns, []);
  // It may make namespaces (a ClusterRole), but nothing in them.
  const name = `piceli-e2e-${run}-namespace-maker`;
  const c = cluster();
  await c.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, rules: [{ apiGroups: [""], resources: ["namespaces"], verbs: ALL }] }, "piceli-e2e");
  await c.create({
    apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name }, subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: ns }],
  }, "piceli-e2e");
  deleteAfterwards(id("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", name));
  deleteAfterwards(id("rbac.authorization.k8s.io/v1", "ClusterRole", name));
  const fresh = namespaceName();
  const file = yamlOf({ apiVersion: "v1", kind: "Namespace", metadata: { name: fresh } }, configMap(fresh, "settings"));
  const refused = await piceli(["apply", file], { kubeconfig: asDeployer });
  assert.is(refused.code, 1, refused.output);
  assert.ok(refused.stdout.includes(`\n  ConfigMap ${fresh}/settings: rejected by the server: forbidden (missing permission): User "${user}" may not create configmaps in the namespace "${fresh}" (the server's authorizer, asked before anything was sent: its namespace is created by this run, so it cannot be dry run)\n`), refused.output);
  assert.match(refused.stdout, /\nResult: the cluster was not changed\.\n$/);
  noStackTrace(refused.output);
  assert.is(await c.get(id("v1", "Namespace", fresh)), undefined, "the namespace was not created");
});

test.run();
