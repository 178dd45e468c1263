// No schema check here: the VPA is a CRD, and spec/schema.ts has no schema for it (see MISSING there).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { daemonSet, deployment, statefulSet, verticalPodAutoscaler, type Quantity, type VerticalPodAutoscalerManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { schemaProblems } from "../../schema.js";

const web = deployment("web").image("x");

test("a minimal VerticalPodAutoscaler: a name and a target", () => {
  const built = verticalPodAutoscaler("web", web).build();
  const expected: VerticalPodAutoscalerManifest = {
    apiVersion: "autoscaling.k8s.io/v1",
    kind: "VerticalPodAutoscaler",
    metadata: { name: "web" },
    spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } },
  };
  assert.equal(built, expected);
  // the schema helper knows it has no VPA schema, and says so
  assert.equal(schemaProblems(built), [
    "kind: no schema for autoscaling.k8s.io/v1 VerticalPodAutoscaler: the VPA is a CRD, and neither kubernetes-models nor any installed @kubernetes-models/* package has its schema",
  ]);
});

test("every VerticalPodAutoscaler method sets its field", () => {
  const built = verticalPodAutoscaler("web-vpa", web)
    .namespace("shop")
    .labels({ app: "web" })
    .annotations({ "example.com/owner": "shop" })
    .updateMode("Off")
    .containerPolicy({
      containerName: "web",
      mode: "Auto",
      minAllowed: { cpu: "100m", memory: "128Mi" },
      maxAllowed: { cpu: "2", memory: "4Gi" },
      controlledResources: ["cpu", "memory"],
      controlledValues: "RequestsOnly",
    })
    .containerPolicy({ containerName: "*", mode: "Off" })
    .build();
  const expected: VerticalPodAutoscalerManifest = {
    apiVersion: "autoscaling.k8s.io/v1",
    kind: "VerticalPodAutoscaler",
    metadata: { name: "web-vpa", namespace: "shop", labels: { app: "web" }, annotations: { "example.com/owner": "shop" } },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      updatePolicy: { updateMode: "Off" },
      resourcePolicy: {
        containerPolicies: [
          {
            containerName: "web",
            mode: "Auto",
            minAllowed: { cpu: "100m", memory: "128Mi" },
            maxAllowed: { cpu: "2", memory: "4Gi" },
            controlledResources: ["cpu", "memory"],
            controlledValues: "RequestsOnly",
          },
          { containerName: "*", mode: "Off" },
        ],
      },
    },
  };
  assert.equal(built, expected);
});

test("the target may be a plain reference", () => {
  assert.equal(verticalPodAutoscaler("job", { apiVersion: "batch/v1", kind: "CronJob", name: "nightly" }).build().spec.targetRef, { apiVersion: "batch/v1", kind: "CronJob", name: "nightly" });
});

test("immutability: deriving never changes the base builder; a given policy is copied; build() is fresh", () => {
  const policy = { containerName: "web", minAllowed: { cpu: "100m" as Quantity } };
  const base = verticalPodAutoscaler("web", web).containerPolicy(policy);
  policy.containerName = "changed";
  policy.minAllowed.cpu = "1";
  const derived = base.updateMode("Initial").containerPolicy({ containerName: "*" });
  const expected: VerticalPodAutoscalerManifest = {
    apiVersion: "autoscaling.k8s.io/v1",
    kind: "VerticalPodAutoscaler",
    metadata: { name: "web" },
    spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, resourcePolicy: { containerPolicies: [{ containerName: "web", minAllowed: { cpu: "100m" } }] } },
  };
  assert.equal(base.build(), expected);
  assert.is(derived.build().spec.resourcePolicy!.containerPolicies.length, 2);
  const first = base.build();
  first.spec.targetRef.name = "changed";
  first.spec.resourcePolicy!.containerPolicies[0]!.containerName = "changed";
  assert.equal(base.build(), expected);
});

test("run time: an untyped caller's update mode, container policy values and quantities", () => {
  assertProblems(() => verticalPodAutoscaler("web", web)
    .updateMode("Sometimes" as any)
    .containerPolicy({ containerName: "", mode: "On" as any, controlledValues: "Limits" as any, minAllowed: { cpu: "lots" as any }, maxAllowed: { memory: "2 GB" as any } })
    .build(), [
    { path: "spec.updatePolicy.updateMode", expected: 'one of "Off", "Initial", "Recreate", "InPlaceOrRecreate", "Auto"', received: "Sometimes" },
    { path: "spec.resourcePolicy.containerPolicies[0].containerName", expected: "a non-empty string", received: "" },
    { path: "spec.resourcePolicy.containerPolicies[0].mode", expected: 'one of "Auto", "Off"', received: "On" },
    { path: "spec.resourcePolicy.containerPolicies[0].controlledValues", expected: 'one of "RequestsAndLimits", "RequestsOnly"', received: "Limits" },
    { path: "spec.resourcePolicy.containerPolicies[0].minAllowed.cpu", expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: "lots" },
    { path: "spec.resourcePolicy.containerPolicies[0].maxAllowed.memory", expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: "2 GB" },
  ]);
  for (const mode of ["Off", "Initial", "Recreate", "InPlaceOrRecreate", "Auto"] as const) assert.ok(verticalPodAutoscaler("web", web).updateMode(mode).build());
});

test("run time: names and the target reference", () => {
  assertProblems(() => verticalPodAutoscaler("Web", { apiVersion: "apps/v1", kind: "", name: "web" }).build(), [
    { path: "metadata.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Web" },
    { path: "spec.targetRef.kind", expected: "a non-empty string", received: "" },
  ]);
});

test(".verticalAutoscale() on a workload: a VerticalPodAutoscaler named like it, in its namespace, targeting it", () => {
  const web = deployment("web").namespace("shop").image("web:1").verticalAutoscale((v) => v.updateMode("Off"));
  assert.equal(web.manifests().map((m) => m.kind), ["Deployment", "VerticalPodAutoscaler"]);
  const expected: VerticalPodAutoscalerManifest = {
    apiVersion: "autoscaling.k8s.io/v1",
    kind: "VerticalPodAutoscaler",
    metadata: { name: "web", namespace: "shop" },
    spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, updatePolicy: { updateMode: "Off" } },
  };
  assert.equal(web.companions[0]!.build(), expected);
  assert.equal(statefulSet("db").image("db").verticalAutoscale().companions[0]!.build().spec, { targetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: "db" } });
  assert.equal(daemonSet("agent").image("a").verticalAutoscale().companions[0]!.build().spec, { targetRef: { apiVersion: "apps/v1", kind: "DaemonSet", name: "agent" } });
});

test("companions come in order: Service, Ingress, HPA, VPA, PodDisruptionBudget", () => {
  const web = deployment("web").image("web:1").container((c) => c.port("http", 80))
    .disruptionBudget({ minAvailable: 1 }).verticalAutoscale().autoscale({ max: 3 }).ingress().service();
  assert.equal(web.manifests().map((m) => m.kind), ["Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "VerticalPodAutoscaler", "PodDisruptionBudget"]);
});

test("immutability: one base varied two ways gives two independent VerticalPodAutoscalers", () => {
  const base = verticalPodAutoscaler("web", web).namespace("shop");
  const one = base.updateMode("Off");
  const two = base.containerPolicy({ containerName: "*", controlledValues: "RequestsOnly" });
  const targetRef = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };
  assert.equal(one.build().spec, { targetRef, updatePolicy: { updateMode: "Off" } });
  assert.equal(two.build().spec, { targetRef, resourcePolicy: { containerPolicies: [{ containerName: "*", controlledValues: "RequestsOnly" }] } });
  assert.equal(base.build().spec, { targetRef });
});

test.run();
