import { test } from "uvu";
import * as assert from "uvu/assert";
import { deployment, horizontalPodAutoscaler, statefulSet, type HorizontalPodAutoscalerManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const web = deployment("web").image("x");

test("a workload builder's scaleTargetRef", () => {
  assert.equal(web.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "web" });
});

test("a minimal HorizontalPodAutoscaler: a name, a target and maxReplicas", () => {
  const built = horizontalPodAutoscaler("web", web, 10).build();
  const expected: HorizontalPodAutoscalerManifest = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, maxReplicas: 10 },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every HorizontalPodAutoscaler method sets its field", () => {
  const built = horizontalPodAutoscaler("web-hpa", web, 10)
    .namespace("shop")
    .labels({ app: "web" })
    .annotations({ "example.com/owner": "shop" })
    .minReplicas(2)
    .maxReplicas(20)
    .cpuUtilization(70)
    .memoryUtilization(80)
    .metric({ type: "Pods", pods: { metric: { name: "requests_per_second" }, target: { type: "AverageValue", averageValue: "100" } } })
    .behavior({ scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } })
    .build();
  const expected: HorizontalPodAutoscalerManifest = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web-hpa", namespace: "shop", labels: { app: "web" }, annotations: { "example.com/owner": "shop" } },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      maxReplicas: 20,
      minReplicas: 2,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
        { type: "Pods", pods: { metric: { name: "requests_per_second" }, target: { type: "AverageValue", averageValue: "100" } } },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } },
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("the target is a workload builder or a plain reference", () => {
  const db = statefulSet("db").image("postgres");
  assert.equal(horizontalPodAutoscaler("db", db, 3).build().spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "StatefulSet", name: "db" });
  const ref = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "legacy" };
  const hpa = horizontalPodAutoscaler("legacy", ref, 3);
  ref.name = "changed";
  assert.equal(hpa.build().spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "ReplicaSet", name: "legacy" });
});

test("immutability: deriving never changes the base builder; given objects are copied; build() is fresh", () => {
  const behavior = { scaleUp: { stabilizationWindowSeconds: 0 } };
  const metric = { type: "Pods", pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "10" } } };
  const base = horizontalPodAutoscaler("web", web, 5).behavior(behavior).metric(metric);
  behavior.scaleUp.stabilizationWindowSeconds = 99;
  metric.pods.target.averageValue = "99";
  const derived = base.minReplicas(2).cpuUtilization(50).maxReplicas(8);
  const expected: HorizontalPodAutoscalerManifest = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      maxReplicas: 5,
      metrics: [{ type: "Pods", pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "10" } } }],
      behavior: { scaleUp: { stabilizationWindowSeconds: 0 } },
    },
  };
  assert.equal(base.build(), expected);
  assert.is(derived.build().spec.metrics!.length, 2);
  const first = base.build();
  first.spec.scaleTargetRef.name = "changed";
  first.spec.metrics![0]!.pods!.target.averageValue = "changed";
  first.spec.behavior!.scaleUp!.stabilizationWindowSeconds = 1;
  assert.equal(base.build(), expected);
});

test("run time: minReplicas <= maxReplicas, both at least 1", () => {
  assert.ok(horizontalPodAutoscaler("web", web, 3).minReplicas(3).build());
  assertProblems(() => horizontalPodAutoscaler("web", web, 3).minReplicas(5).build(), [
    { path: "spec.maxReplicas", expected: "an integer from minReplicas (5) to 2147483647", received: 3 },
  ]);
  assertProblems(() => horizontalPodAutoscaler("web", web, 0).build(), [
    { path: "spec.maxReplicas", expected: "an integer from minReplicas (1) to 2147483647", received: 0 },
  ]);
  assertProblems(() => horizontalPodAutoscaler("web", web, 0).minReplicas(0).build(), [
    { path: "spec.minReplicas", expected: "an integer from 1 to 2147483647", received: 0 },
    { path: "spec.maxReplicas", expected: "an integer from minReplicas (1) to 2147483647", received: 0 },
  ]);
  assertProblems(() => horizontalPodAutoscaler("web", web, 2.5).minReplicas(1.5).build(), [
    { path: "spec.minReplicas", expected: "an integer from 1 to 2147483647", received: 1.5 },
    { path: "spec.maxReplicas", expected: "an integer from minReplicas (1) to 2147483647", received: 2.5 },
  ]);
});

test("run time: utilization targets are whole percentages >= 1 (above 100 is allowed, as in Kubernetes)", () => {
  assert.ok(horizontalPodAutoscaler("web", web, 3).cpuUtilization(1).memoryUtilization(100).cpuUtilization(150).build());
  assertProblems(() => horizontalPodAutoscaler("web", web, 3).cpuUtilization(0).memoryUtilization(-5).cpuUtilization(50.5).build(), [
    { path: "spec.metrics[0].resource.target.averageUtilization", expected: "an integer from 1 to 2147483647", received: 0 },
    { path: "spec.metrics[1].resource.target.averageUtilization", expected: "an integer from 1 to 2147483647", received: -5 },
    { path: "spec.metrics[2].resource.target.averageUtilization", expected: "an integer from 1 to 2147483647", received: 50.5 },
  ]);
});

test("run time: a reference needs apiVersion, kind and name; the HPA's name is a DNS-1123 subdomain", () => {
  assertProblems(() => horizontalPodAutoscaler("Web HPA", { apiVersion: "", kind: "Deployment" } as any, 3).build(), [
    { path: "metadata.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Web HPA" },
    { path: "spec.scaleTargetRef.apiVersion", expected: "a non-empty string", received: "" },
    { path: "spec.scaleTargetRef.name", expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"', received: undefined },
  ]);
  // the API server reads the target's kind and name as URL path segments
  assertProblems(() => horizontalPodAutoscaler("web", { apiVersion: "apps/v1", kind: "Deploy/ment", name: "a%b" }, 3).build(), [
    { path: "spec.scaleTargetRef.kind", expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"', received: "Deploy/ment" },
    { path: "spec.scaleTargetRef.name", expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"', received: "a%b" },
  ]);
});

test("run time: maxReplicas is an int32", () => {
  assert.ok(horizontalPodAutoscaler("web", web, 2_147_483_647).build());
  assertProblems(() => horizontalPodAutoscaler("web", web, 2_147_483_648).build(), [
    { path: "spec.maxReplicas", expected: "an integer from minReplicas (1) to 2147483647", received: 2_147_483_648 },
  ]);
});

test("run time: metrics as the API server checks them: a known type, its one source, names, and the targets it takes", () => {
  const hpa = horizontalPodAutoscaler("web", web, 3);
  assert.ok(hpa
    .metric({ type: "Pods", pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "10" } } })
    .metric({ type: "Object", object: { metric: { name: "hits" }, describedObject: { apiVersion: "v1", kind: "Service", name: "web" }, target: { type: "Value", value: "1k" } } })
    .metric({ type: "External", external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "30" } } })
    .metric({ type: "ContainerResource", containerResource: { name: "cpu", container: "web", target: { type: "Utilization", averageUtilization: 60 } } })
    .build());
  assertProblems(() => hpa
    .metric({ type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "0" } } })
    .metric({ type: "Resource", resource: { name: "", target: { type: "Utilization" } } })
    .metric({ type: "Pods", pods: { metric: { name: "rps" }, target: { type: "Utilization", averageUtilization: 10 } } })
    .metric({ type: "External", external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "1x" } } })
    .metric({ type: "Foo" } as any)
    .metric({ type: "Resource" })
    .build(), [
    { path: "spec.metrics[0].resource.target.averageValue", expected: 'a quantity above zero such as "500m" or "10"', received: "0" },
    { path: "spec.metrics[1].resource.name", expected: "a non-empty string", received: "" },
    { path: "spec.metrics[1].resource.target", expected: "a target of either averageUtilization or averageValue", received: { type: "Utilization" } },
    { path: "spec.metrics[2].pods.target", expected: "a target of averageValue", received: { type: "Utilization", averageUtilization: 10 } },
    { path: "spec.metrics[3].external.target.averageValue", expected: 'a quantity above zero such as "500m" or "10"', received: "1x" },
    { path: "spec.metrics[4].type", expected: 'one of "Resource", "ContainerResource", "Pods", "Object", "External"', received: "Foo" },
    { path: "spec.metrics[5].resource", expected: "the Resource metric's source", received: undefined },
  ]);
});

test("run time: behaviour as the API server checks it: windows up to an hour, known policies, periods up to 30 minutes", () => {
  const hpa = horizontalPodAutoscaler("web", web, 3);
  assert.ok(hpa.behavior({
    scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 1800 }] },
    scaleDown: { stabilizationWindowSeconds: 3600, selectPolicy: "Disabled" },
  }).build());
  assertProblems(() => hpa.behavior({
    scaleUp: { stabilizationWindowSeconds: 3601, selectPolicy: "max", policies: [{ type: "pods", value: 0, periodSeconds: 1801 }] },
    scaleDown: { stabilizationWindowSeconds: -1, policies: [] },
  }).build(), [
    { path: "spec.behavior.scaleUp.stabilizationWindowSeconds", expected: "an integer from 0 to 3600", received: 3601 },
    { path: "spec.behavior.scaleUp.selectPolicy", expected: 'one of "Max", "Min", "Disabled"', received: "max" },
    { path: "spec.behavior.scaleUp.policies[0].type", expected: 'one of "Pods", "Percent"', received: "pods" },
    { path: "spec.behavior.scaleUp.policies[0].value", expected: "an integer from 1 to 2147483647", received: 0 },
    { path: "spec.behavior.scaleUp.policies[0].periodSeconds", expected: "an integer from 1 to 1800", received: 1801 },
    { path: "spec.behavior.scaleDown.stabilizationWindowSeconds", expected: "an integer from 0 to 3600", received: -1 },
    { path: "spec.behavior.scaleDown.policies", expected: "at least one policy (or no policies field)", received: [] },
  ]);
});

test("immutability: one base varied two ways gives two independent HorizontalPodAutoscalers", () => {
  const base = horizontalPodAutoscaler("web", web, 5).namespace("shop").cpuUtilization(70);
  const one = base.minReplicas(2).memoryUtilization(80);
  const two = base.maxReplicas(9).behavior({ scaleDown: { stabilizationWindowSeconds: 60 } });
  const scaleTargetRef = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };
  const cpu = { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } };
  const memory = { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } };
  assert.equal(one.build().spec, { scaleTargetRef, maxReplicas: 5, minReplicas: 2, metrics: [cpu, memory] });
  assert.equal(two.build().spec, { scaleTargetRef, maxReplicas: 9, metrics: [cpu], behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
  assert.equal(base.build().spec, { scaleTargetRef, maxReplicas: 5, metrics: [cpu] });
});

test("run time: a metric's names, its described object, a value target, and a second source", () => {
  assertProblems(() => horizontalPodAutoscaler("web", web, 3)
    .metric({ type: "Pods", pods: { metric: { name: "" }, target: { type: "AverageValue", averageValue: "10" } } })
    .metric({ type: "Object", object: { metric: { name: "hits" }, describedObject: { apiVersion: "v1", kind: "", name: "a/b" }, target: { type: "Value", value: "0" } } })
    .metric({ type: "ContainerResource", containerResource: { name: "cpu", container: "", target: { type: "Utilization", averageUtilization: 60 } } })
    .metric({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } }, pods: { metric: { name: "rps" } } } as any)
    .build(), [
    { path: "spec.metrics[0].pods.metric.name", expected: "a non-empty string", received: "" },
    { path: "spec.metrics[1].object.describedObject.kind", expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"', received: "" },
    { path: "spec.metrics[1].object.describedObject.name", expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"', received: "a/b" },
    { path: "spec.metrics[1].object.target.value", expected: 'a quantity above zero such as "500m" or "10"', received: "0" },
    { path: "spec.metrics[2].containerResource.container", expected: "a non-empty string", received: "" },
    { path: "spec.metrics[3].pods", expected: "nothing: a Resource metric reads resource only", received: { metric: { name: "rps" } } },
  ]);
});

test.run();
