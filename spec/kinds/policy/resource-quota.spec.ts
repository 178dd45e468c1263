import { test } from "uvu";
import * as assert from "uvu/assert";
import { resourceQuota, type ResourceQuotaManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("a ResourceQuota capping compute and object counts", () => {
  const built = resourceQuota("team").namespace("team-a").hard({ "requests.cpu": "4", "limits.memory": "16Gi", pods: "50", "count/deployments.apps": "10" }).build();
  const expected: ResourceQuotaManifest = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "team", namespace: "team-a" },
    spec: { hard: { "requests.cpu": "4", "limits.memory": "16Gi", pods: "50", "count/deployments.apps": "10" } },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every ResourceQuota method sets its field; immutability", () => {
  const base = resourceQuota("high").hard({ pods: "10" });
  const built = base
    .labels({ tier: "high" })
    .hard({ "requests.nvidia.com/gpu": "4", cpu: "8" })
    .scopes("NotTerminating")
    .scopeSelector({ scopeName: "PriorityClass", operator: "In", values: ["high"] }, { scopeName: "NotBestEffort", operator: "Exists" })
    .build();
  const expected: ResourceQuotaManifest = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "high", labels: { tier: "high" } },
    spec: {
      hard: { pods: "10", "requests.nvidia.com/gpu": "4", cpu: "8" },
      scopes: ["NotTerminating"],
      scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }, { scopeName: "NotBestEffort", operator: "Exists" }] },
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  assert.equal(base.build().spec, { hard: { pods: "10" } });
  assert.equal(resourceQuota("pvc").hard({ "gold.storageclass.storage.k8s.io/requests.storage": "500Gi", "requests.storage": "1Ti" }).build().spec.hard, {
    "gold.storageclass.storage.k8s.io/requests.storage": "500Gi", "requests.storage": "1Ti",
  });
});

test("run time: resource names and quantities as the API server checks them", () => {
  assertProblems(() => resourceQuota("a").hard({ foo: "1", "requests.cpu": "-1" } as any).build(), [
    { path: "spec.hard", expected: 'a standard quota resource (pods, requests.cpu, limits.memory, …) or a fully qualified one such as "count/deployments.apps"', received: "foo" },
    { path: 'spec.hard["requests.cpu"]', expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: "-1" },
  ]);
});

test("run time: scopes that conflict, and resources a scope can't count", () => {
  assertProblems(() => resourceQuota("a").hard({ cpu: "1", pods: "2" }).scopes("BestEffort", "NotBestEffort").build(), [
    { path: "spec.scopes", expected: "not both BestEffort and NotBestEffort (they conflict)", received: ["BestEffort", "NotBestEffort"] },
    { path: "spec.hard", expected: "only resources the scope BestEffort can count", received: ["cpu"] },
  ]);
  assertProblems(() => resourceQuota("a").hard({ "requests.ephemeral-storage": "1Gi" }).scopes("Terminating").build(), [
    { path: "spec.hard", expected: "only resources the scope Terminating can count", received: ["requests.ephemeral-storage"] },
  ]);
  assertProblems(() => resourceQuota("a").hard({ pods: "1" }).scopes("Forever" as any).build(), [
    { path: "spec.scopes[0]", expected: 'one of "Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"', received: "Forever" },
  ]);
});

test("run time: scope selector operators and values", () => {
  assertProblems(() => resourceQuota("a").hard({ pods: "1" })
    .scopeSelector({ scopeName: "PriorityClass", operator: "In" } as any, { scopeName: "Terminating", operator: "In", values: ["x"] } as any)
    .build(), [
    { path: "spec.scopeSelector.matchExpressions[0].values", expected: "at least one value for operator In", received: undefined },
    { path: "spec.scopeSelector.matchExpressions[1].operator", expected: 'one of "Exists"', received: "In" },
  ]);
});

test("run time: objects and extended resources are counted in whole units, as the API server reads them (thousandths, rounded up)", () => {
  assert.ok(resourceQuota("q").hard({ pods: "10", "example.com/gpu": "1k", "requests.cpu": "0.5", "count/deployments.apps": "1E" as "1" }).build());
  for (const pods of ["1.5", "1m", "0.0000000001", "1Ei"]) {
    assertProblems(() => resourceQuota("q").hard({ pods: pods as "1" }).build(), [{ path: 'spec.hard["pods"]', expected: "a whole number", received: pods }]);
  }
  assertProblems(() => resourceQuota("q").hard({ "example.com/gpu": "0.5" }).build(), [{ path: 'spec.hard["example.com/gpu"]', expected: "a whole number", received: "0.5" }]);
});

test("immutability: one base varied two ways gives two independent ResourceQuotas", () => {
  const base = resourceQuota("quota").hard({ pods: "10" });
  const one = base.scopes("BestEffort");
  const two = base.scopeSelector({ scopeName: "PriorityClass", operator: "In", values: ["high"] });
  assert.equal(one.build().spec, { hard: { pods: "10" }, scopes: ["BestEffort"] });
  assert.equal(two.build().spec, { hard: { pods: "10" }, scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] } });
  assert.equal(base.build().spec, { hard: { pods: "10" } });
});

test.run();
