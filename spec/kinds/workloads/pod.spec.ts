import { test } from "uvu";
import * as assert from "uvu/assert";
import { configMap, container, emptyDir, networkPolicy, pod, service, type PodManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("a minimal Pod: its main container named like it", () => {
  const built = pod("debug").image("busybox:1.36").build();
  const expected: PodManifest = { apiVersion: "v1", kind: "Pod", metadata: { name: "debug" }, spec: { containers: [{ name: "debug", image: "busybox:1.36" }] } };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("a Pod has every pod method; labels and template labels are both its own", () => {
  const settings = configMap("settings").data({ LEVEL: "debug" });
  const built = pod("tool")
    .namespace("ops")
    .labels({ app: "tool" })
    .templateLabels({ run: "once" })
    .annotations({ "example.com/ticket": "OPS-1" })
    .restartPolicy("Never")
    .serviceAccountName("ops")
    .container((c) => c.image("ghcr.io/example/tool:1").command("tool", "check").env({ LEVEL: settings.key("LEVEL") }).mount("/scratch", emptyDir("scratch")))
    .initContainer(container("wait").image("busybox:1.36").command("sleep", "1"))
    .nodeSelector({ "kubernetes.io/os": "linux" })
    .build();
  const expected: PodManifest = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "tool", namespace: "ops", labels: { app: "tool", run: "once" }, annotations: { "example.com/ticket": "OPS-1" } },
    spec: {
      initContainers: [{ name: "wait", image: "busybox:1.36", command: ["sleep", "1"] }],
      containers: [{
        name: "tool",
        image: "ghcr.io/example/tool:1",
        command: ["tool", "check"],
        env: [{ name: "LEVEL", valueFrom: { configMapKeyRef: { name: "settings", key: "LEVEL" } } }],
        volumeMounts: [{ name: "scratch", mountPath: "/scratch" }],
      }],
      restartPolicy: "Never",
      serviceAccountName: "ops",
      nodeSelector: { "kubernetes.io/os": "linux" },
      volumes: [{ name: "scratch", emptyDir: {} }],
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("a Pod's labels are what Services and NetworkPolicies select", () => {
  const tool = pod("tool").labels({ app: "tool" }).templateLabels({ tier: "ops" }).image("t");
  assert.equal(service("tool").selecting(tool).port(80).build().spec.selector, { app: "tool", tier: "ops" });
  assert.equal(networkPolicy("tool").selecting(tool).build().spec.podSelector, { matchLabels: { app: "tool", tier: "ops" } });
});

test("immutability: deriving never changes the base builder", () => {
  const base = pod("p").image("x");
  const derived = base.restartPolicy("OnFailure").labels({ a: "b" });
  assert.equal(base.build(), { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "p", image: "x" }] } });
  assert.equal(derived.build().spec.restartPolicy, "OnFailure");
});

test("run time: problems are named at the Pod's own paths; an untyped caller's restart policy", () => {
  assertProblems(() => pod("p").image("x").restartPolicy("Sometimes" as any).container("Bad_Name", (c) => c.image("y")).build(), [
    { path: "spec.restartPolicy", expected: 'one of "Always", "OnFailure", "Never", or "" for Kubernetes\' default', received: "Sometimes" },
    { path: "spec.containers[1].name", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Bad_Name" },
  ]);
});

test("run time: restartPolicy \"\" is Kubernetes' default, as the API server reads it", () => {
  assert.equal(pod("p").image("a").restartPolicy("" as "Always").build().spec.restartPolicy, "");
});

test.run();
