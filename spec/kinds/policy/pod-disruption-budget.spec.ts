import { test } from "uvu";
import * as assert from "uvu/assert";
import { deployment, podDisruptionBudget, statefulSet, type PodDisruptionBudgetManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const web = deployment("web").templateLabels({ app: "web", tier: "front" }).image("nginx");

test("a PodDisruptionBudget selecting a workload's pods by their labels", () => {
  const built = podDisruptionBudget("web", web, { minAvailable: 2 }).build();
  const expected: PodDisruptionBudgetManifest = {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "web" },
    spec: { minAvailable: 2, selector: { matchLabels: { app: "web", tier: "front" } } },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every PodDisruptionBudget method sets its field; a later budget replaces the other", () => {
  const built = podDisruptionBudget("db", { matchLabels: { app: "db" }, matchExpressions: [{ key: "role", operator: "In", values: ["primary", "replica"] }, { key: "canary", operator: "DoesNotExist" }] }, { minAvailable: "50%" })
    .namespace("shop")
    .labels({ team: "data" })
    .annotations({ "example.com/owner": "data" })
    .minAvailable(1)
    .maxUnavailable("25%")
    .unhealthyPodEvictionPolicy("AlwaysAllow")
    .build();
  const expected: PodDisruptionBudgetManifest = {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "db", namespace: "shop", labels: { team: "data" }, annotations: { "example.com/owner": "data" } },
    spec: {
      maxUnavailable: "25%",
      selector: { matchLabels: { app: "db" }, matchExpressions: [{ key: "role", operator: "In", values: ["primary", "replica"] }, { key: "canary", operator: "DoesNotExist" }] },
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("immutability: deriving never changes the base; the given selector is copied; build() is fresh", () => {
  const selector = { matchLabels: { app: "a" } };
  const base = podDisruptionBudget("a", selector, { maxUnavailable: 1 });
  selector.matchLabels.app = "changed";
  const derived = base.minAvailable(3);
  assert.equal(base.build().spec, { maxUnavailable: 1, selector: { matchLabels: { app: "a" } } });
  assert.equal(derived.build().spec, { minAvailable: 3, selector: { matchLabels: { app: "a" } } });
  const first = base.build();
  first.spec.selector!.matchLabels!.app = "x";
  assert.equal(base.build().spec.selector, { matchLabels: { app: "a" } });
});

test(".disruptionBudget() on a Deployment and a StatefulSet: a companion named like it, in its namespace, selecting its pods", () => {
  const app = deployment("shop").namespace("prod").templateLabels({ app: "shop" }).image("shop:1").replicas(3)
    .disruptionBudget({ minAvailable: 2, unhealthyPodEvictionPolicy: "AlwaysAllow" });
  assert.equal(app.companions.map((c) => c.build()), [{
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "shop", namespace: "prod" },
    spec: { minAvailable: 2, selector: { matchLabels: { app: "shop" } }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
  }]);
  assert.equal(app.manifests().map((m) => m.kind), ["Deployment", "PodDisruptionBudget"]);
  // a narrower workload selector is what the budget selects too
  const narrowed = deployment("api").templateLabels({ app: "api", version: "2" }).selector({ app: "api" }).image("api").disruptionBudget({ maxUnavailable: "10%" });
  assert.equal(narrowed.companions[0]!.build().spec, { maxUnavailable: "10%", selector: { matchLabels: { app: "api" } } });
  const db = statefulSet("db").image("postgres").disruptionBudget({ maxUnavailable: 1 });
  assert.equal(db.companions[0]!.build(), {
    apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "db" }, spec: { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "db" } } },
  });
});

test("run time: minAvailable xor maxUnavailable, each an integer >= 0 or a percentage up to 100%", () => {
  assertProblems(() => podDisruptionBudget("a", web, { minAvailable: 1, maxUnavailable: 1 } as any).build(), [
    { path: "spec.maxUnavailable", expected: "nothing when minAvailable is set (one or the other)", received: 1 },
  ]);
  assertProblems(() => podDisruptionBudget("a", web, {} as any).build(), [
    { path: "spec.minAvailable", expected: "minAvailable or maxUnavailable: a budget", received: undefined },
  ]);
  assertProblems(() => podDisruptionBudget("a", web, { minAvailable: "101%" }).build(), [
    { path: "spec.minAvailable", expected: 'an integer >= 0 or a percentage from "0%" to "100%"', received: "101%" },
  ]);
  assertProblems(() => podDisruptionBudget("a", web, { maxUnavailable: -1 }).unhealthyPodEvictionPolicy("Never" as any).build(), [
    { path: "spec.maxUnavailable", expected: 'an integer >= 0 or a percentage from "0%" to "100%"', received: -1 },
    { path: "spec.unhealthyPodEvictionPolicy", expected: 'one of "IfHealthyBudget", "AlwaysAllow"', received: "Never" },
  ]);
});

test("run time: selector requirements as the API server checks them", () => {
  assertProblems(() => podDisruptionBudget("a", { matchLabels: { "bad key!": "x" }, matchExpressions: [
    { key: "a", operator: "In", values: [] },
    { key: "b", operator: "Exists", values: ["x"] as any },
    { key: "c", operator: "Near" as any, values: ["-bad-"] },
  ] }, { minAvailable: 1 }).build(), [
    {
      path: "spec.selector.matchLabels",
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "bad key!",
    },
    { path: "spec.selector.matchExpressions[0].values", expected: "at least one value for operator In", received: [] },
    { path: "spec.selector.matchExpressions[1].values", expected: "no values for operator Exists", received: ["x"] },
    { path: "spec.selector.matchExpressions[2].operator", expected: 'one of "In", "NotIn", "Exists", "DoesNotExist"', received: "Near" },
    {
      path: "spec.selector.matchExpressions[2].values[0]",
      expected: 'a label value (empty, or at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit)',
      received: "-bad-",
    },
  ]);
});

test("run time: the name is checked as the API server checks it, a URL path segment (capitals, dots, long names too)", () => {
  for (const name of ["PDB_1", "a..b", "x".repeat(300)]) assert.ok(podDisruptionBudget(name, { matchLabels: { app: "web" } }, { minAvailable: 1 }).build(), name);
  assertProblems(() => podDisruptionBudget("a/b", { matchLabels: { app: "web" } }, { minAvailable: 1 }).build(), [
    { path: "metadata.name", expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"', received: "a/b" },
  ]);
});

test("immutability: one base varied two ways gives two independent PodDisruptionBudgets", () => {
  const base = podDisruptionBudget("web", web, { minAvailable: 1 }).namespace("shop");
  const one = base.maxUnavailable("25%");
  const two = base.unhealthyPodEvictionPolicy("AlwaysAllow");
  const selector = { matchLabels: { app: "web", tier: "front" } };
  assert.equal(one.build().spec, { maxUnavailable: "25%", selector });
  assert.equal(two.build().spec, { minAvailable: 1, selector, unhealthyPodEvictionPolicy: "AlwaysAllow" });
  assert.equal(base.build().spec, { minAvailable: 1, selector });
});

test("run time: a selector requirement's key is a label key", () => {
  assertProblems(() => podDisruptionBudget("web", { matchExpressions: [{ key: "-bad-", operator: "Exists" }] }, { minAvailable: 1 }).build(), [
    {
      path: "spec.selector.matchExpressions[0].key",
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "-bad-",
    },
  ]);
});

test.run();
