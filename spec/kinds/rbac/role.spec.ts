import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  ALL_VERBS, clusterRole, configMap, cronJob, deployment, pluralOf, READ_ONLY_VERBS, role, roleFor, service,
  type ClusterRoleManifest, type RoleManifest,
} from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const backup = cronJob("backup", "@daily").image("backup:1");
const RBAC_NAME = 'a role or binding name: not empty, "." or "..", and without "/" or "%"';

test("a minimal Role and ClusterRole: a name and no rules", () => {
  const expected: RoleManifest = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "nothing" }, rules: [] };
  assert.equal(role("nothing").build(), expected);
  assertSchemaValid(role("nothing").build());
  const expectedCluster: ClusterRoleManifest = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "nothing" }, rules: [] };
  assert.equal(clusterRole("nothing").build(), expectedCluster);
  assertSchemaValid(clusterRole("nothing").build());
});

test("every Role method sets its field", () => {
  const built = role("deployer")
    .namespace("shop")
    .labels({ team: "shop" })
    .annotations({ "example.com/owner": "shop team" })
    .rule({ apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"], verbs: ["get", "patch"] })
    .allow(READ_ONLY_VERBS, configMap("settings"), deployment("web").image("web:1"))
    .build();
  const expected: RoleManifest = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "deployer", namespace: "shop", labels: { team: "shop" }, annotations: { "example.com/owner": "shop team" } },
    rules: [
      { apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"], verbs: ["get", "patch"] },
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch"] },
    ],
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every ClusterRole method sets its field; ClusterRoles may grant non-resource URLs", () => {
  const built = clusterRole("system:monitoring")
    .labels({ "rbac.example.com/aggregate": "true" })
    .annotations({ note: "read-only" })
    .rule({ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] })
    .rule({ nonResourceURLs: ["/healthz", "/metrics"], verbs: ["get"] })
    .allow(["get"], { apiVersion: "networking.k8s.io/v1", kind: "Ingress" })
    .build();
  const expected: ClusterRoleManifest = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name: "system:monitoring", labels: { "rbac.example.com/aggregate": "true" }, annotations: { note: "read-only" } },
    rules: [
      { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] },
      { nonResourceURLs: ["/healthz", "/metrics"], verbs: ["get"] },
      { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: ["get"] },
    ],
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  assert.is(clusterRole("x").roleKind, "ClusterRole");
  assert.is(role("x").roleKind, "Role");
});

test("allow() finds each kind's API group and resource plural", () => {
  const rule = (target: Parameters<typeof roleFor>[0]) => role("r").allow(["get"], target).build().rules![0];
  assert.equal(rule(backup), { verbs: ["get"], apiGroups: ["batch"], resources: ["cronjobs"] });
  assert.equal(rule(deployment("web").image("web:1")), { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"] });
  assert.equal(rule(configMap("c")), { verbs: ["get"], apiGroups: [""], resources: ["configmaps"] });
  assert.equal(rule(service("web").port(80)), { verbs: ["get"], apiGroups: [""], resources: ["services"] });
  assert.equal(rule({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy" }), { verbs: ["get"], apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"] });
  assert.equal(rule({ apiVersion: "networking.k8s.io/v1", kind: "Ingress" }), { verbs: ["get"], apiGroups: ["networking.k8s.io"], resources: ["ingresses"] });
  assert.equal(rule({ apiVersion: "v1", kind: "Endpoints" }), { verbs: ["get"], apiGroups: [""], resources: ["endpoints"] });
});

test("pluralOf: lowercased and pluralized as the API server lists kinds", () => {
  const plurals: Record<string, string> = {
    Pod: "pods", ConfigMap: "configmaps", CronJob: "cronjobs", NetworkPolicy: "networkpolicies", Ingress: "ingresses",
    IngressClass: "ingressclasses", StorageClass: "storageclasses", Endpoints: "endpoints", Gateway: "gateways",
    HorizontalPodAutoscaler: "horizontalpodautoscalers", PodMetrics: "pods", NodeMetrics: "nodes",
  };
  for (const [kind, plural] of Object.entries(plurals)) assert.is(pluralOf(kind), plural, kind);
});

test("roleFor: Piceli's Role.from_deployable, named after the kind and the verbs", () => {
  const full = roleFor(backup).build();
  const expected: RoleManifest = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "cronjob-full" },
    rules: [{ apiGroups: ["batch"], resources: ["cronjobs"], verbs: ["get", "list", "create", "update", "patch", "watch", "delete", "deletecollection"] }],
  };
  assert.equal(full, expected);
  assertSchemaValid(full);
  assert.equal(roleFor(backup, READ_ONLY_VERBS).build(), {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "cronjob-get-list-watch" },
    rules: [{ apiGroups: ["batch"], resources: ["cronjobs"], verbs: ["get", "list", "watch"] }],
  });
  // verbs are sorted in the name, not in the rule
  assert.is(roleFor(backup, ["watch", "get"]).name, "cronjob-get-watch");
  assert.equal(roleFor(backup, ["watch", "get"]).build().rules![0]!.verbs, ["watch", "get"]);
  // every verb in another order is still "full"
  assert.is(roleFor(backup, [...ALL_VERBS].reverse()).name, "cronjob-full");
  assert.is(roleFor(backup, ALL_VERBS.slice(1)).name, "cronjob-cddlpuw");
});

test("roleFor: past 30 characters the name keeps the verbs' sorted first letters", () => {
  // "cronjob-create-get-list-update-watch" is 36 characters
  assert.is(roleFor(backup, ["get", "list", "watch", "create", "update"]).name, "cronjob-cgluw");
  // exactly 30 characters is kept: "deployment-create-delete-patch" (30)
  const web = deployment("web").image("web:1");
  assert.is(roleFor(web, ["patch", "create", "delete"]).name, "deployment-create-delete-patch");
  assert.is(roleFor(web, ["patch", "create", "delete", "get"]).name, "deployment-cdgp");
  assert.is(roleFor({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" }, READ_ONLY_VERBS).name, "horizontalpodautoscaler-glw");
});

test("immutability: deriving never changes the base builder; given rules and verbs are copied", () => {
  const verbs = ["get"];
  const rule = { apiGroups: [""], resources: ["pods"], verbs: ["list"] };
  const base = role("r").rule(rule).allow(verbs, configMap("c"));
  verbs.push("delete");
  rule.verbs.push("delete");
  rule.resources.push("secrets");
  const derived = base.rule({ apiGroups: [""], resources: ["secrets"], verbs: ["get"] });
  const expectedRules = [
    { apiGroups: [""], resources: ["pods"], verbs: ["list"] },
    { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] },
  ];
  assert.equal(base.build().rules, expectedRules);
  assert.is(derived.build().rules!.length, 3);
  const first = base.build();
  first.rules![0]!.verbs.push("mutated");
  first.rules![0]!.apiGroups!.push("mutated");
  assert.equal(base.build().rules, expectedRules);
});

test("run time: rules need verbs, and resources with their API groups", () => {
  assertProblems(() => role("r")
    .rule({ apiGroups: [""], resources: ["pods"], verbs: [] })
    .rule({ resources: ["pods"], verbs: ["get"] })
    .rule({ apiGroups: [], resources: ["pods"], verbs: ["get"] })
    .rule({ apiGroups: [""], verbs: ["get"] })
    .build(), [
    { path: "rules[0].verbs", expected: "at least one verb", received: [] },
    { path: "rules[1].apiGroups", expected: 'the API groups of the resources ("" for the core group)', received: undefined },
    { path: "rules[2].apiGroups", expected: 'the API groups of the resources ("" for the core group)', received: [] },
    { path: "rules[3].resources", expected: "at least one resource (or, in a ClusterRole, a non-resource URL)", received: [] },
  ]);
  assert.ok(role("r").rule({ apiGroups: [""], resources: ["pods"], verbs: ["*"] }).build());
  // the API server takes any verb string, "" too (it matches no request)
  assert.ok(role("r").rule({ apiGroups: [""], resources: ["pods"], verbs: [""] }).build());
  assertProblems(() => role("r").rule({ apiGroups: [""], resources: ["pods"], verbs: [1] as any }).build(), [
    { path: "rules[0].verbs[0]", expected: "a string", received: 1 },
  ]);
});

test("run time: non-resource URLs only in ClusterRoles, and in rules of their own", () => {
  assertProblems(() => role("r").rule({ nonResourceURLs: ["/healthz"], verbs: ["get"] }).build(), [
    { path: "rules[0].nonResourceURLs", expected: "nothing in a Role (only ClusterRoles grant non-resource URLs)", received: ["/healthz"] },
  ]);
  assertProblems(() => clusterRole("r").rule({ apiGroups: [""], resources: ["pods"], nonResourceURLs: ["/healthz"], verbs: ["get"] }).build(), [
    { path: "rules[0].nonResourceURLs", expected: "a rule of its own: one rule can't be about both resources and non-resource URLs", received: ["/healthz"] },
  ]);
  assertProblems(() => clusterRole("r").rule({ resourceNames: ["x"], nonResourceURLs: ["/healthz"], verbs: ["get"] }).build(), [
    { path: "rules[0].nonResourceURLs", expected: "a rule of its own: one rule can't be about both resources and non-resource URLs", received: ["/healthz"] },
  ]);
  assert.ok(clusterRole("r").rule({ nonResourceURLs: ["/healthz"], verbs: ["get"] }).build());
});

test("run time: a ClusterRole is cluster-scoped, so it has no namespace", () => {
  assertProblems(() => clusterRole("r").namespace("shop").build(), [
    { path: "metadata.namespace", expected: "nothing: a ClusterRole is cluster-scoped", received: "shop" },
  ]);
  assert.ok(role("r").namespace("shop").build());
});

test("run time: role names are what the API server accepts: not '.', '..', or with '/' or '%'", () => {
  for (const good of ["system:aggregate-to-view", "Deployer", "a.b_c"]) {
    assertSchemaValid(role(good).build());
    assertSchemaValid(clusterRole(good).build());
  }
  for (const bad of ["", ".", "..", "a/b", "100%"]) {
    assertProblems(() => role(bad).build(), [{ path: "metadata.name", expected: RBAC_NAME, received: bad }]);
    assertProblems(() => clusterRole(bad).build(), [{ path: "metadata.name", expected: RBAC_NAME, received: bad }]);
  }
});

test("run time: a target without a kind gives a rule without resources", () => {
  assertProblems(() => role("r").allow(["get"], {} as any).build(), [
    { path: "rules[0].resources", expected: "at least one resource (or, in a ClusterRole, a non-resource URL)", received: [] },
  ]);
});

test("immutability: one base varied two ways gives two independent Roles", () => {
  const base = role("reader").namespace("shop").rule({ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] });
  const one = base.rule({ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] });
  const two = base.allow(["list"], configMap("settings"));
  const first = { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] };
  assert.equal(one.build().rules, [first, { apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }]);
  assert.equal(two.build().rules, [first, { verbs: ["list"], apiGroups: [""], resources: ["configmaps"] }]);
  assert.equal(base.build().rules, [first]);
});

test.run();
