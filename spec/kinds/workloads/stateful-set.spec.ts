import { test } from "uvu";
import * as assert from "uvu/assert";
import { claimTemplate, configMap, emptyDir, statefulSet, type ServiceManifest, type StatefulSetManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

function built(builder: { build(): StatefulSetManifest }): StatefulSetManifest {
  const manifest = builder.build();
  assertSchemaValid(manifest);
  return manifest;
}

const DNS_LABEL = 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)';
const LABEL_KEY = 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain';

test("a minimal StatefulSet: governed by the Service of its name, pods labelled and selected by app.kubernetes.io/name", () => {
  const expected: StatefulSetManifest = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db" },
    spec: {
      serviceName: "db",
      selector: { matchLabels: { "app.kubernetes.io/name": "db" } },
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "db" } },
        spec: { containers: [{ name: "db", image: "postgres:16" }] },
      },
    },
  };
  assert.equal(built(statefulSet("db").image("postgres:16")), expected);
});

test("every StatefulSet method sets its field", () => {
  const manifest = built(statefulSet("db")
    .namespace("data")
    .labels({ tier: "data" })
    .annotations({ "example.com/backup": "daily" })
    .templateLabels({ app: "db" })
    .templateAnnotations({ "example.com/scrape": "true" })
    .selector({ app: "db" })
    .serviceName("db-headless")
    .replicas(3)
    .podManagementPolicy("Parallel")
    .updateStrategy("RollingUpdate", 2)
    .minReadySeconds(10)
    .restartPolicy("Always")
    .terminationGracePeriodSeconds(60)
    .container((c) => c.image("postgres:16").port("postgres", 5432)));
  const expected: StatefulSetManifest = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db", namespace: "data", labels: { tier: "data" }, annotations: { "example.com/backup": "daily" } },
    spec: {
      serviceName: "db-headless",
      replicas: 3,
      podManagementPolicy: "Parallel",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } },
      minReadySeconds: 10,
      selector: { matchLabels: { app: "db" } },
      template: {
        metadata: { labels: { app: "db" }, annotations: { "example.com/scrape": "true" } },
        spec: {
          containers: [{ name: "db", image: "postgres:16", ports: [{ name: "postgres", containerPort: 5432 }] }],
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 60,
        },
      },
    },
  };
  assert.equal(manifest, expected);
});

test("run time: the name is a DNS label of at most 52 characters, as the pods' names and labels derive from it", () => {
  assert.ok(built(statefulSet("a".repeat(52)).image("postgres")));
  const expected = 'a DNS-1123 label of at most 52 characters (lowercase letters, digits or "-"), since its pods are named <name>-<ordinal> and labelled <name>-<10-character hash>';
  for (const name of ["a".repeat(53), "db.primary"]) {
    assertProblems(() => statefulSet(name).serviceName("db").container("db", (c) => c.image("postgres")).build(), [
      { path: "metadata.name", expected, received: name },
    ]);
  }
});

test("update strategies: RollingUpdate with and without a partition, OnDelete", () => {
  const db = statefulSet("db").image("postgres");
  assert.equal(built(db.updateStrategy("RollingUpdate")).spec.updateStrategy, { type: "RollingUpdate" });
  assert.equal(built(db.updateStrategy("RollingUpdate", 0)).spec.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 0 } });
  assert.equal(built(db.updateStrategy("OnDelete")).spec.updateStrategy, { type: "OnDelete" });
  assert.equal(built(db.podManagementPolicy("OrderedReady")).spec.podManagementPolicy, "OrderedReady");
});

test("run time: update strategy and pod management policy from untyped callers", () => {
  const db = statefulSet("db").image("postgres");
  assertProblems(() => (db as any).updateStrategy("OnDelete", 1).build(), [
    { path: "spec.updateStrategy.rollingUpdate.partition", expected: 'nothing unless the updateStrategy type is "RollingUpdate"', received: 1 },
  ]);
  assertProblems(() => db.updateStrategy("RollingUpdate", -1).podManagementPolicy("Random" as any).replicas(-1).build(), [
    { path: "spec.replicas", expected: "an integer >= 0", received: -1 },
    { path: "spec.podManagementPolicy", expected: 'one of "OrderedReady", "Parallel"', received: "Random" },
    { path: "spec.updateStrategy.rollingUpdate.partition", expected: "an integer >= 0", received: -1 },
  ]);
  assertProblems(() => db.updateStrategy("Rolling" as any).build(), [
    { path: "spec.updateStrategy.type", expected: 'one of "RollingUpdate", "OnDelete"', received: "Rolling" },
  ]);
  assertProblems(() => db.serviceName("db.headless").build(), [
    { path: "spec.serviceName", expected: `${DNS_LABEL}, or "" for Kubernetes' default`, received: "db.headless" },
  ]);
  assert.ok(db.serviceName("").build());
  assertProblems(() => db.restartPolicy("OnFailure" as any).build(), [
    { path: "spec.template.spec.restartPolicy", expected: 'one of "Always"', received: "OnFailure" },
  ]);
  assertProblems(() => db.selector({ role: "primary" }).build(), [
    { path: 'spec.selector.matchLabels["role"]', expected: 'a label the pod template has (spec.template.metadata.labels: {"app.kubernetes.io/name":"db"})', received: "primary" },
  ]);
});

test("claimTemplate() mounts become volumeClaimTemplates, shared by name, and no pod volume", () => {
  const data = claimTemplate("data", "10Gi", { storageClassName: "fast", labels: { backup: "yes" }, annotations: { "backup.example.com/schedule": "@daily" } });
  const config = configMap("db-config").data({ "postgresql.conf": "" });
  const manifest = built(statefulSet("db")
    .container((c) => c.image("postgres:16").mount("/var/lib/postgresql/data", data, { subPath: "pgdata" }).mount("/etc/postgresql", config))
    .container("backup", (c) => c.image("backup:1").mount("/data", data, { readOnly: true }).mount("/scratch", emptyDir("scratch")))
    .initContainer("init", (c) => c.image("busybox").mount("/wal", claimTemplate("wal", "1Gi", { accessModes: ["ReadWriteOncePod"] }))));
  assert.equal(manifest.spec.volumeClaimTemplates, [
    {
      metadata: { name: "data", labels: { backup: "yes" }, annotations: { "backup.example.com/schedule": "@daily" } },
      spec: { accessModes: ["ReadWriteOnce"], storageClassName: "fast", resources: { requests: { storage: "10Gi" } } },
    },
    {
      metadata: { name: "wal" },
      spec: { accessModes: ["ReadWriteOncePod"], resources: { requests: { storage: "1Gi" } } },
    },
  ]);
  const pod = manifest.spec.template.spec!;
  assert.equal(pod.containers.map((c) => c.volumeMounts), [
    [{ name: "data", mountPath: "/var/lib/postgresql/data", subPath: "pgdata" }, { name: "db-data-1", mountPath: "/etc/postgresql" }],
    [{ name: "data", mountPath: "/data", readOnly: true }, { name: "scratch", mountPath: "/scratch" }],
  ]);
  assert.equal(pod.initContainers![0]!.volumeMounts, [{ name: "wal", mountPath: "/wal" }]);
  assert.equal(pod.volumes, [{ name: "db-data-1", configMap: { name: "db-config" } }, { name: "scratch", emptyDir: {} }]);
});

test("run time: claim templates: one definition per name, names are DNS labels", () => {
  assertProblems(() => statefulSet("db")
    .container((c) => c.image("postgres").mount("/a", claimTemplate("data", "1Gi")))
    .container("b", (c) => c.image("b").mount("/b", claimTemplate("data", "2Gi")))
    .build(), [
    { path: "spec.template.spec.containers[1].volumeMounts[0].name", expected: 'one definition per volume name; "data" is defined twice differently', received: "data" },
  ]);
  assertProblems(() => statefulSet("db").container((c) => c.image("postgres").mount("/a", claimTemplate("Data", "1Gi"))).build(), [
    { path: "spec.volumeClaimTemplates[0].metadata.name", expected: DNS_LABEL, received: "Data" },
  ]);
  assertProblems(() => statefulSet("db").container((c) => c.image("postgres").mount("/a", claimTemplate("data", "lots" as any))).build(), [
    { path: "spec.volumeClaimTemplates[0].spec.resources.requests.storage", expected: 'a quantity greater than zero such as "500Mi" or "10Gi"', received: "lots" },
  ]);
  assertProblems(() => statefulSet("db").container((c) => c.image("postgres").mount("/a", claimTemplate("data", "1Gi", { labels: { "a b": "x" }, annotations: { "-x": "y" } }))).build(), [
    { path: "spec.volumeClaimTemplates[0].metadata.labels", expected: LABEL_KEY, received: "a b" },
    { path: "spec.volumeClaimTemplates[0].metadata.annotations", expected: LABEL_KEY, received: "-x" },
  ]);
});

test(".service(): a headless Service named like spec.serviceName, selecting the pods, with every container port", () => {
  const db = statefulSet("db")
    .serviceName("db-headless")
    .templateLabels({ app: "db" })
    .container((c) => c.image("postgres").port("postgres", 5432))
    .service()
    .autoscale({ max: 3 });
  const service: ServiceManifest = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "db-headless" },
    spec: { selector: { app: "db" }, ports: [{ name: "postgres", port: 5432 }], clusterIP: "None" },
  };
  const manifests = db.manifests();
  assert.equal(manifests, [
    db.build(),
    service,
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "db" },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: "db" }, maxReplicas: 3 },
    },
  ]);
  manifests.forEach(assertSchemaValid);
  assert.is(db.build().spec.serviceName, "db-headless");
});

test(".service(): a headless Service may have no ports", () => {
  const db = statefulSet("db").image("postgres").service();
  assert.equal(db.companions[0]!.build(), {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "db" },
    spec: { selector: { "app.kubernetes.io/name": "db" }, clusterIP: "None" },
  });
});

test("immutability: deriving never changes the base", () => {
  const base = statefulSet("db").image("postgres");
  const derived = base.replicas(2).serviceName("x").updateStrategy("OnDelete");
  assert.equal(built(base).spec, built(statefulSet("db").image("postgres")).spec);
  assert.is(built(derived).spec.replicas, 2);
});

test.run();
