import { test } from "uvu";
import * as assert from "uvu/assert";
import { daemonSet, hostPath, type DaemonSetManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

function built(builder: { build(): DaemonSetManifest }): DaemonSetManifest {
  const manifest = builder.build();
  assertSchemaValid(manifest);
  return manifest;
}

const INT_OR_PERCENT_100 = 'an integer >= 0 or a percentage from "0%" to "100%"';

test("a minimal DaemonSet: pods labelled app.kubernetes.io/name and selected by it: no template name, no restartPolicy (Kubernetes' defaults are not written)", () => {
  const expected: DaemonSetManifest = {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent" },
    spec: {
      selector: { matchLabels: { "app.kubernetes.io/name": "agent" } },
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "agent" } },
        spec: { containers: [{ name: "agent", image: "agent:1" }] },
      },
    },
  };
  assert.equal(built(daemonSet("agent").image("agent:1")), expected);
});

test("every DaemonSet method sets its field", () => {
  const manifest = built(daemonSet("node-exporter")
    .namespace("monitoring")
    .labels({ team: "ops" })
    .annotations({ "example.com/doc": "https://example.com" })
    .templateLabels({ app: "node-exporter" })
    .templateAnnotations({ "prometheus.io/scrape": "true" })
    .selector({ app: "node-exporter" })
    .rollingUpdate({ maxUnavailable: "10%" })
    .minReadySeconds(15)
    .restartPolicy("Always")
    .tolerations({ operator: "Exists" })
    .nodeSelector({ "kubernetes.io/os": "linux" })
    .container((c) => c.image("node-exporter:1.8").port("metrics", 9100).mount("/host/proc", hostPath("/proc", "Directory"), { readOnly: true })));
  const expected: DaemonSetManifest = {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "node-exporter", namespace: "monitoring", labels: { team: "ops" }, annotations: { "example.com/doc": "https://example.com" } },
    spec: {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "10%" } },
      minReadySeconds: 15,
      selector: { matchLabels: { app: "node-exporter" } },
      template: {
        metadata: { labels: { app: "node-exporter" }, annotations: { "prometheus.io/scrape": "true" } },
        spec: {
          containers: [{
            name: "node-exporter",
            image: "node-exporter:1.8",
            ports: [{ name: "metrics", containerPort: 9100 }],
            volumeMounts: [{ name: "node-exporter-data-0", mountPath: "/host/proc", readOnly: true }],
          }],
          restartPolicy: "Always",
          nodeSelector: { "kubernetes.io/os": "linux" },
          tolerations: [{ operator: "Exists" }],
          volumes: [{ name: "node-exporter-data-0", hostPath: { path: "/proc", type: "Directory" } }],
        },
      },
    },
  };
  assert.equal(manifest, expected);
});

test("update strategies: rolling update replacing in place or surging, and OnDelete", () => {
  const agent = daemonSet("agent").image("agent:1");
  const strategy = (d: typeof agent) => built(d).spec.updateStrategy;
  assert.equal(strategy(agent.rollingUpdate()), { type: "RollingUpdate" });
  assert.equal(strategy(agent.rollingUpdate({ maxUnavailable: 2 })), { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 2 } });
  assert.equal(strategy(agent.rollingUpdate({ maxUnavailable: 2, maxSurge: 0 })), { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 2, maxSurge: 0 } });
  assert.equal(strategy(agent.rollingUpdate({ maxUnavailable: 0, maxSurge: "100%" })), { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "100%" } });
  assert.equal(strategy(agent.onDelete()), { type: "OnDelete" });
  assert.equal(strategy(agent.rollingUpdate({ maxUnavailable: 3 }).onDelete()), { type: "OnDelete" }, "the last strategy wins");
});

test("run time: exactly one of maxUnavailable (default 1) and maxSurge (default 0) is non-zero", () => {
  const agent = daemonSet("agent").image("agent:1");
  const at = "spec.updateStrategy.rollingUpdate";
  assertProblems(() => agent.rollingUpdate({ maxSurge: 1 } as any).build(), [
    { path: `${at}.maxSurge`, expected: "0 when maxUnavailable is not 0 (it is 1 by default)", received: 1 },
  ]);
  assertProblems(() => agent.rollingUpdate({ maxSurge: "20%", maxUnavailable: "10%" } as any).build(), [
    { path: `${at}.maxSurge`, expected: '0 when maxUnavailable is not 0 (it is "10%")', received: "20%" },
  ]);
  assertProblems(() => agent.rollingUpdate({ maxUnavailable: 0 }).build(), [
    { path: `${at}.maxUnavailable`, expected: "more than 0 when maxSurge is 0", received: 0 },
  ]);
  assertProblems(() => agent.rollingUpdate({ maxUnavailable: "0%", maxSurge: "0%" }).build(), [
    { path: `${at}.maxUnavailable`, expected: "more than 0 when maxSurge is 0", received: "0%" },
  ]);
  assertProblems(() => agent.rollingUpdate({ maxUnavailable: 0, maxSurge: "101%" }).build(), [
    { path: `${at}.maxSurge`, expected: INT_OR_PERCENT_100, received: "101%" },
  ]);
  assertProblems(() => agent.rollingUpdate({ maxUnavailable: -1 }).build(), [
    { path: `${at}.maxUnavailable`, expected: INT_OR_PERCENT_100, received: -1 },
  ]);
});

test("run time: restart policy, selector, minReadySeconds", () => {
  const agent = daemonSet("agent").image("agent:1");
  assertProblems(() => agent.restartPolicy("Never" as any).minReadySeconds(-1).build(), [
    { path: "spec.minReadySeconds", expected: "an integer >= 0", received: -1 },
    { path: "spec.template.spec.restartPolicy", expected: 'one of "Always"', received: "Never" },
  ]);
  assertProblems(() => agent.templateLabels({ app: "agent" }).selector({ app: "agent", node: "all" }).build(), [
    { path: 'spec.selector.matchLabels["node"]', expected: 'a label the pod template has (spec.template.metadata.labels: {"app":"agent"})', received: "all" },
  ]);
});

test(".service(): a Service named like the DaemonSet, for its pods' ports; no autoscaler", () => {
  const agent = daemonSet("agent").container((c) => c.image("agent:1").port("otlp", 4317).port("otlp-http", 4318)).service();
  const manifests = agent.manifests();
  assert.equal(manifests, [
    agent.build(),
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "agent" },
      spec: {
        selector: { "app.kubernetes.io/name": "agent" },
        ports: [{ name: "otlp", port: 4317 }, { name: "otlp-http", port: 4318 }],
      },
    },
  ]);
  manifests.forEach(assertSchemaValid);
  assert.equal(agent.scaleTargetRef, { apiVersion: "apps/v1", kind: "DaemonSet", name: "agent" });
  assert.is((agent as any).autoscale, undefined);
});

test("immutability: deriving never changes the base", () => {
  const base = daemonSet("agent").image("agent:1");
  base.onDelete().minReadySeconds(3).service();
  assert.equal(built(base).spec.updateStrategy, undefined);
  assert.equal(base.companions, []);
});

test.run();
