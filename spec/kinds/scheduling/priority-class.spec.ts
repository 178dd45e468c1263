import { test } from "uvu";
import * as assert from "uvu/assert";
import { priorityClass, type PriorityClassManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("a minimal PriorityClass: a name and a value", () => {
  const built = priorityClass("batch-low", -10).build();
  const expected: PriorityClassManifest = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "batch-low" }, value: -10 };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every PriorityClass method sets its field; immutability", () => {
  const base = priorityClass("critical-web", 100000);
  const built = base.labels({ team: "web" }).description("customer-facing web servers").preemptionPolicy("Never").globalDefault().build();
  const expected: PriorityClassManifest = {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: "critical-web", labels: { team: "web" } },
    value: 100000,
    globalDefault: true,
    description: "customer-facing web servers",
    preemptionPolicy: "Never",
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  assert.equal(base.build(), { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "critical-web" }, value: 100000 });
});

test("run time: system- names and values above 1e9 are Kubernetes' own; cluster-scoped", () => {
  assertProblems(() => priorityClass("system-mine", 1_000_000_001).namespace("x").preemptionPolicy("Sometimes" as any).globalDefault("yes" as any).build(), [
    { path: "metadata.namespace", expected: "nothing: a PriorityClass is cluster-scoped", received: "x" },
    { path: "metadata.name", expected: 'a DNS-1123 subdomain not starting with "system-" (reserved for Kubernetes\' own classes)', received: "system-mine" },
    { path: "value", expected: "an integer from -2147483648 to 1000000000 (higher values are reserved for system classes)", received: 1_000_000_001 },
    { path: "globalDefault", expected: "true or false", received: "yes" },
    { path: "preemptionPolicy", expected: 'one of "PreemptLowerPriority", "Never"', received: "Sometimes" },
  ]);
});

test("immutability: one base varied two ways gives two independent PriorityClasses", () => {
  const base = priorityClass("high", 1000).description("important");
  const one = base.globalDefault();
  const two = base.preemptionPolicy("Never");
  const start = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000, description: "important" };
  assert.equal(one.build(), { ...start, globalDefault: true });
  assert.equal(two.build(), { ...start, preemptionPolicy: "Never" });
  assert.equal(base.build(), start);
});

test.run();
