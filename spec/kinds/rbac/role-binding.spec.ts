import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  bindingsFor, clusterRole, clusterRoleBinding, cronJob, READ_ONLY_VERBS, role, roleBinding, roleFor, serviceAccount,
  type ClusterRoleBindingManifest, type RoleBindingManifest,
} from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const RBAC = "rbac.authorization.k8s.io";
const reader = role("config-reader").rule({ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] });
const nodeReader = clusterRole("node-reader").rule({ apiGroups: [""], resources: ["nodes"], verbs: ["get"] });

test("a minimal RoleBinding and ClusterRoleBinding: a name and a role", () => {
  const built = roleBinding("read-config").role(reader).build();
  const expected: RoleBindingManifest = {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: "read-config" },
    roleRef: { apiGroup: RBAC, kind: "Role", name: "config-reader" },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  const cluster = clusterRoleBinding("read-nodes").role(nodeReader).build();
  const expectedCluster: ClusterRoleBindingManifest = {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name: "read-nodes" },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "node-reader" },
  };
  assert.equal(cluster, expectedCluster);
  assertSchemaValid(cluster);
});

test("every RoleBinding method sets its field; a ServiceAccount subject carries its namespace", () => {
  const built = roleBinding("backup-reads-config")
    .role(reader)
    .namespace("shop")
    .labels({ team: "ops" })
    .annotations({ "example.com/ticket": "OPS-1" })
    .subject(serviceAccount("backup").namespace("ops"), serviceAccount("local"))
    .subject({ kind: "User", name: "jane@example.com" }, { kind: "Group", name: "ops" })
    .subject({ kind: "ServiceAccount", name: "ci", namespace: "ci" })
    .build();
  const expected: RoleBindingManifest = {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: "backup-reads-config", namespace: "shop", labels: { team: "ops" }, annotations: { "example.com/ticket": "OPS-1" } },
    subjects: [
      { kind: "ServiceAccount", name: "backup", namespace: "ops" },
      { kind: "ServiceAccount", name: "local" },
      { kind: "User", name: "jane@example.com", apiGroup: RBAC },
      { kind: "Group", name: "ops", apiGroup: RBAC },
      { kind: "ServiceAccount", name: "ci", namespace: "ci" },
    ],
    roleRef: { apiGroup: RBAC, kind: "Role", name: "config-reader" },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every ClusterRoleBinding method sets its field; a RoleBinding may grant a ClusterRole in its namespace", () => {
  const built = clusterRoleBinding("monitor-nodes")
    .role(nodeReader)
    .labels({ team: "monitoring" })
    .annotations({ note: "x" })
    .subject(serviceAccount("prometheus").namespace("monitoring"), { kind: "Group", name: "sre" })
    .build();
  const expected: ClusterRoleBindingManifest = {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name: "monitor-nodes", labels: { team: "monitoring" }, annotations: { note: "x" } },
    subjects: [{ kind: "ServiceAccount", name: "prometheus", namespace: "monitoring" }, { kind: "Group", name: "sre", apiGroup: RBAC }],
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "node-reader" },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  assert.equal(roleBinding("view").role({ kind: "ClusterRole", name: "view" }).namespace("shop").build().roleRef, { apiGroup: RBAC, kind: "ClusterRole", name: "view" });
  assert.equal(roleBinding("x").role(nodeReader).build().roleRef, { apiGroup: RBAC, kind: "ClusterRole", name: "node-reader" });
});

test("roleRef names may be any RBAC name, such as the built-in system:auth-delegator", () => {
  const built = clusterRoleBinding("auth-delegator").role({ kind: "ClusterRole", name: "system:auth-delegator" }).subject(serviceAccount("api").namespace("x")).build();
  assert.equal(built.roleRef, { apiGroup: RBAC, kind: "ClusterRole", name: "system:auth-delegator" });
  assertSchemaValid(built);
});

test("roleBinding(name) has only .role() until a role is given", () => {
  assert.equal(Object.keys(roleBinding("x")), ["role"]);
  assert.equal(Object.keys(clusterRoleBinding("x")), ["role"]);
  assert.type((roleBinding("x") as any).subject, "undefined");
  assert.type((roleBinding("x") as any).build, "undefined");
  assertProblems(() => roleBinding("x").role(undefined as any), [
    { path: "roleRef", expected: "a role builder or a { kind, name } reference", received: undefined },
  ]);
  assertProblems(() => clusterRoleBinding("x").role("view" as any), [
    { path: "roleRef", expected: "a role builder or a { kind, name } reference", received: "view" },
  ]);
});

test("bindingsFor: one RoleBinding per role, named sa-<account>-role-<role>, in the account's namespace", () => {
  const backup = cronJob("backup", "@daily").image("backup:1");
  const account = serviceAccount("test-sa");
  const [full, readOnly, ...rest] = bindingsFor(account, [roleFor(backup), roleFor(backup, READ_ONLY_VERBS)]);
  assert.is(rest.length, 0);
  const expected: RoleBindingManifest = {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: "sa-test-sa-role-cronjob-full" },
    subjects: [{ kind: "ServiceAccount", name: "test-sa" }],
    roleRef: { apiGroup: RBAC, kind: "Role", name: "cronjob-full" },
  };
  assert.equal(full!.build(), expected);
  assertSchemaValid(full!.build());
  assert.is(readOnly!.name, "sa-test-sa-role-cronjob-get-list-watch");
  const namespaced = bindingsFor(serviceAccount("sa").namespace("jobs"), [nodeReader])[0]!.build();
  assert.equal(namespaced, {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: "sa-sa-role-node-reader", namespace: "jobs" },
    subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "jobs" }],
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "node-reader" },
  });
});

test("bindingsFor: past 63 characters the name is <account>-<role>", () => {
  const account = serviceAccount("a".repeat(20));
  // "sa-" + 20 + "-role-" + 34 = 63 characters: kept
  assert.is(bindingsFor(account, [role("r".repeat(34))])[0]!.name, `sa-${"a".repeat(20)}-role-${"r".repeat(34)}`);
  assert.is(bindingsFor(account, [role("r".repeat(35))])[0]!.name, `${"a".repeat(20)}-${"r".repeat(35)}`);
});

test("immutability: deriving never changes the base builder; build() returns a fresh object each call", () => {
  const base = roleBinding("b").role(reader).subject({ kind: "User", name: "a" });
  const derived = base.subject({ kind: "User", name: "b" }).namespace("x");
  assert.equal(base.build().subjects, [{ kind: "User", name: "a", apiGroup: RBAC }]);
  assert.equal(base.build().metadata, { name: "b" });
  assert.is(derived.build().subjects!.length, 2);
  const first = base.build();
  first.subjects![0]!.name = "changed";
  first.roleRef.name = "changed";
  assert.equal(base.build().subjects, [{ kind: "User", name: "a", apiGroup: RBAC }]);
  assert.is(base.build().roleRef.name, "config-reader");
});

test("run time: a ClusterRoleBinding needs each ServiceAccount's namespace; a RoleBinding does not", () => {
  assertProblems(() => clusterRoleBinding("x").role(nodeReader).subject(serviceAccount("sa")).build(), [
    { path: "subjects[0].namespace", expected: "the ServiceAccount's namespace: a ClusterRoleBinding needs it (call .namespace() on the ServiceAccount)", received: undefined },
  ]);
  assert.ok(clusterRoleBinding("x").role(nodeReader).subject(serviceAccount("sa").namespace("ns")).build());
  assert.ok(roleBinding("x").role(reader).subject(serviceAccount("sa")).build());
});

test("run time: a ClusterRoleBinding grants only a ClusterRole (untyped callers)", () => {
  assertProblems(() => clusterRoleBinding("x").role(reader as any).build(), [
    { path: "roleRef.kind", expected: 'one of "ClusterRole"', received: "Role" },
  ]);
  assertProblems(() => roleBinding("x").role({ kind: "Group", name: "r" } as any).build(), [
    { path: "roleRef.kind", expected: 'one of "Role", "ClusterRole"', received: "Group" },
  ]);
});

test("run time: a ClusterRoleBinding is cluster-scoped, so it has no namespace", () => {
  assertProblems(() => clusterRoleBinding("x").role(nodeReader).namespace("shop").build(), [
    { path: "metadata.namespace", expected: "nothing: a ClusterRoleBinding is cluster-scoped", received: "shop" },
  ]);
});

test("run time: binding, role and subject names", () => {
  const rbacName = 'a role or binding name: not empty, "." or "..", and without "/" or "%"';
  assertProblems(() => roleBinding("a/b").role({ kind: "Role", name: ".." })
    .subject(serviceAccount("Bad SA").namespace("Ops"), { kind: "User", name: "" }, { kind: "Robot", name: "r2" } as any).build(), [
    { path: "metadata.name", expected: rbacName, received: "a/b" },
    { path: "roleRef.name", expected: rbacName, received: ".." },
    { path: "subjects[0].name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Bad SA" },
    { path: "subjects[1].name", expected: "a non-empty string", received: "" },
    { path: "subjects[2].kind", expected: 'one of "ServiceAccount", "User", "Group"', received: "Robot" },
  ]);
  assertSchemaValid(roleBinding("Read:Config").role(reader).subject({ kind: "User", name: "system:serviceaccount:ns:x" }).build());
  // the API server takes any namespace for a subject (one that can't exist grants nothing)
  assert.ok(roleBinding("b").role(reader).subject(serviceAccount("sa").namespace("Ops")).build());
});

test("immutability: one base varied two ways gives two independent bindings", () => {
  const base = roleBinding("read").role(reader).namespace("shop");
  const one = base.subject(serviceAccount("web").namespace("shop"));
  const two = base.subject({ kind: "Group", name: "ops" }).labels({ team: "ops" });
  assert.equal(one.build().subjects, [{ kind: "ServiceAccount", name: "web", namespace: "shop" }]);
  assert.equal(two.build().subjects, [{ kind: "Group", name: "ops", apiGroup: RBAC }]);
  assert.equal(two.build().metadata, { name: "read", namespace: "shop", labels: { team: "ops" } });
  assert.equal(base.build().subjects, undefined);
});

test("run time: a ServiceAccount subject's namespace must be a string", () => {
  assertProblems(() => roleBinding("read").role(reader).subject({ kind: "ServiceAccount", name: "web", namespace: 5 as any }).build(), [
    { path: "subjects[0].namespace", expected: "a string", received: 5 },
  ]);
});

test.run();
