import { test } from "uvu";
import * as assert from "uvu/assert";
import { limitRange, type LimitRangeManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("a LimitRange with container defaults", () => {
  const built = limitRange("defaults").namespace("shop").container({ defaultRequest: { cpu: "100m", memory: "128Mi" } }).build();
  const expected: LimitRangeManifest = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "defaults", namespace: "shop" },
    spec: { limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" } }] },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every LimitRange method adds its entry, every bound in Kubernetes' names", () => {
  const built = limitRange("bounds")
    .labels({ team: "shop" })
    .container({
      default: { cpu: "500m", memory: "512Mi", ephemeralStorage: "1Gi" },
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      max: { cpu: "2", memory: "2Gi", "nvidia.com/gpu": "1" },
      min: { cpu: "50m", memory: "64Mi" },
      maxLimitRequestRatio: { cpu: "10" },
    })
    .pod({ max: { cpu: "4", memory: "4Gi" } })
    .persistentVolumeClaim({ min: { storage: "1Gi" }, max: { storage: "100Gi" } })
    .build();
  const expected: LimitRangeManifest = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "bounds", labels: { team: "shop" } },
    spec: {
      limits: [
        {
          type: "Container",
          default: { cpu: "500m", memory: "512Mi", "ephemeral-storage": "1Gi" },
          defaultRequest: { cpu: "100m", memory: "128Mi" },
          max: { cpu: "2", memory: "2Gi", "nvidia.com/gpu": "1" },
          min: { cpu: "50m", memory: "64Mi" },
          maxLimitRequestRatio: { cpu: "10" },
        },
        { type: "Pod", max: { cpu: "4", memory: "4Gi" } },
        { type: "PersistentVolumeClaim", max: { storage: "100Gi" }, min: { storage: "1Gi" } },
      ],
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("immutability: deriving never changes the base builder; given objects are copied", () => {
  const limits = { max: { cpu: "1" as const } };
  const base = limitRange("a").pod(limits);
  (limits.max as { cpu: string }).cpu = "9";
  const derived = base.container({ min: { memory: "1Mi" } });
  assert.equal(base.build().spec.limits, [{ type: "Pod", max: { cpu: "1" } }]);
  assert.equal(derived.build().spec.limits, [{ type: "Pod", max: { cpu: "1" } }, { type: "Container", min: { memory: "1Mi" } }]);
});

test("run time: min <= defaultRequest <= default <= max, and 1 <= maxLimitRequestRatio <= max / min", () => {
  assertProblems(() => limitRange("a")
    .container({ defaultRequest: { cpu: "2" }, default: { cpu: "1" }, maxLimitRequestRatio: { cpu: "0.5" } })
    .container({ min: { cpu: "2" }, max: { cpu: "1" } })
    .container({ min: { cpu: "1" }, max: { cpu: "2" }, maxLimitRequestRatio: { cpu: "3" } })
    .build(), [
    { path: "spec.limits[0].defaultRequest.cpu", expected: "at most default.cpu (1)", received: "2" },
    { path: "spec.limits[0].maxLimitRequestRatio.cpu", expected: "a ratio of at least 1", received: "0.5" },
    { path: "spec.limits[1].min.cpu", expected: "at most max.cpu (1)", received: "2" },
    { path: "spec.limits[2].maxLimitRequestRatio.cpu", expected: "a ratio of at most max / min (2)", received: "3" },
  ]);
});

test("run time: resource names, quantities, Pod entries without defaults, claim entries with a storage bound", () => {
  assertProblems(() => limitRange("a")
    .pod({ default: { cpu: "1" }, max: { gpu: "1", cpu: "lots" } } as any)
    .persistentVolumeClaim({ default: { storage: "1Gi" } } as any)
    .persistentVolumeClaim({ max: { storage: "1Gi", cpu: "1" } } as any)
    .build(), [
    { path: "spec.limits[0]", expected: "a field of a Pod limit (max, min, maxLimitRequestRatio)", received: "default" },
    { path: "spec.limits[0].max", expected: 'resource names cpu, memory, ephemeralStorage, "hugepages-<size>" or a prefixed extended resource such as "nvidia.com/gpu"', received: "gpu" },
    { path: "spec.limits[0].max.cpu", expected: 'a quantity such as "100m", "0.5", "-1" or "1Gi"', received: "lots" },
    { path: "spec.limits[1].max", expected: "a minimum or maximum storage (a claim limit needs one)", received: undefined },
    { path: "spec.limits[2].max", expected: "a field of a PersistentVolumeClaim limit (storage)", received: "cpu" },
  ]);
  assertProblems(() => limitRange("a").build(), [
    { path: "spec.limits", expected: "at least one entry: call .container(), .pod() or .persistentVolumeClaim()", received: [] },
  ]);
});

test("run time: bounds may be negative quantities, as the API server takes them; they are still quantities", () => {
  assert.ok(limitRange("l").container({ max: { cpu: "-1" as "1" } }).pod({ max: { memory: "-1Gi" as "1" } }).build());
  assertProblems(() => limitRange("l").container({ max: { cpu: "lots" as "1" } }).build(), [
    { path: "spec.limits[0].max.cpu", expected: 'a quantity such as "100m", "0.5", "-1" or "1Gi"', received: "lots" },
  ]);
});

test("immutability: one base varied two ways gives two independent LimitRanges", () => {
  const base = limitRange("limits").container({ max: { cpu: "2" } });
  const one = base.pod({ max: { memory: "4Gi" } });
  const two = base.persistentVolumeClaim({ max: { storage: "10Gi" } });
  const container = { type: "Container", max: { cpu: "2" } };
  assert.equal(one.build().spec.limits, [container, { type: "Pod", max: { memory: "4Gi" } }]);
  assert.equal(two.build().spec.limits, [container, { type: "PersistentVolumeClaim", max: { storage: "10Gi" } }]);
  assert.equal(base.build().spec.limits, [container]);
});

test.run();
