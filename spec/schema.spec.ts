import { readdirSync, readFileSync } from "node:fs";
import { load, YAML11_SCHEMA } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { job } from "../lib/index.js";
import { assertSchemaValid, schemaProblems } from "./schema.js";

/** Runs `assertSchemaValid`, asserts it throws, and returns the message. */
function failure(manifest: unknown): string {
  try {
    assertSchemaValid(manifest);
  } catch (error) {
    if (error instanceof Error) return error.message;
    throw error;
  }
  assert.unreachable("expected assertSchemaValid to throw");
  throw new Error("unreachable");
}

/** A valid Job with fields spread into the main container, the pod spec, metadata or the top level. */
function jobWith(parts: { top?: object; metadata?: object; pod?: object; container?: object } = {}): unknown {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "hello", ...parts.metadata },
    spec: {
      template: {
        spec: { containers: [{ name: "hello", image: "busybox", ...parts.container }], restartPolicy: "Never", ...parts.pod },
      },
    },
    ...parts.top,
  };
}

const CONTAINER = "spec.template.spec.containers[0]";

test("a valid Job passes", () => {
  const manifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "hello" },
    spec: { template: { spec: { containers: [{ name: "hello", image: "busybox" }], restartPolicy: "Never" } } },
  };
  assert.equal(schemaProblems(manifest), []);
  assertSchemaValid(manifest);
});

test("an unknown field fails at the top level, in metadata, in a container and in a probe", () => {
  assert.equal(schemaProblems(jobWith({ top: { spce: {} } })), ["spce: unknown field (did you mean \"spec\"?)"]);
  assert.equal(schemaProblems(jobWith({ metadata: { lables: { app: "x" } } })), [
    "metadata.lables: unknown field (did you mean \"labels\"?)",
  ]);
  assert.equal(schemaProblems(jobWith({ container: { imagePullPolcy: "Always" } })), [
    `${CONTAINER}.imagePullPolcy: unknown field (did you mean "imagePullPolicy"?)`,
  ]);
  const probe = { livenessProbe: { exec: { command: ["true"], shell: "sh" }, periodSecond: 5 } };
  assert.equal(schemaProblems(jobWith({ container: probe })), [
    `${CONTAINER}.livenessProbe.exec.shell: unknown field`,
    `${CONTAINER}.livenessProbe.periodSecond: unknown field (did you mean "periodSeconds"?)`,
  ]);
  // a field of another kind is unknown here: Jobs have no replicas
  assert.equal(schemaProblems(jobWith({ pod: { replicas: 1 } })), ["spec.template.spec.replicas: unknown field"]);
});

test("the error names the object and lists every problem with its path", () => {
  const manifest = jobWith({ metadata: { lables: {} }, container: { imagePullPolicy: "Sometimes", ports: [{ containerPort: "80" }] } });
  assert.is(failure(manifest), [
    'batch/v1 Job "hello" does not match the Kubernetes schema:',
    `  ${CONTAINER}.imagePullPolicy: expected one of "Always", "IfNotPresent", "Never", received "Sometimes"`,
    `  ${CONTAINER}.ports[0].containerPort: expected integer, received "80"`,
    '  metadata.lables: unknown field (did you mean "labels"?)',
  ].join("\n"));
});

test("wrong types fail: replicas: \"3\", containerPort: \"80\"", () => {
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: "3",
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
    },
  };
  assert.equal(schemaProblems(deployment), ['spec.replicas: expected integer, received "3"']);
  assert.equal(schemaProblems(jobWith({ container: { ports: [{ containerPort: "80" }] } })), [
    `${CONTAINER}.ports[0].containerPort: expected integer, received "80"`,
  ]);
});

test("a missing required field fails: a container without a name", () => {
  const manifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "hello" },
    spec: { template: { spec: { containers: [{ image: "busybox" }], restartPolicy: "Never" } } },
  };
  assert.equal(schemaProblems(manifest), [`${CONTAINER}.name: required field is missing`]);
});

test("an unknown apiVersion or kind fails instead of passing unchecked", () => {
  assert.equal(schemaProblems({ apiVersion: "v1", kind: "Frobnicator", metadata: { name: "x" } }), [
    "kind: no schema for v1 Frobnicator: spec/schema.ts has none",
  ]);
  assert.equal(schemaProblems({ apiVersion: "batch/v1beta1", kind: "CronJob", metadata: { name: "x" } }), [
    "apiVersion: no schema for batch/v1beta1 CronJob: spec/schema.ts has none (CronJob is batch/v1)",
  ]);
  assert.equal(schemaProblems({ kind: "Job" }), ["apiVersion: required field is missing, so no schema applies (Job is batch/v1)"]);
  assert.equal(schemaProblems({ apiVersion: "v1" }), ["kind: required field is missing, so no schema applies"]);
  assert.equal(schemaProblems(null), ["manifest: expected an object, received null"]);
  assert.match(failure({ apiVersion: "autoscaling.k8s.io/v1", kind: "VerticalPodAutoscaler", metadata: { name: "vpa" } }),
    'autoscaling.k8s.io/v1 VerticalPodAutoscaler "vpa" does not match the Kubernetes schema:\n  kind: no schema for autoscaling.k8s.io/v1 VerticalPodAutoscaler: the VPA is a CRD');
});

test("maps take any keys: labels, annotations, nodeSelector, resources.requests, ConfigMap and Secret data", () => {
  const labels = { "app.kubernetes.io/name": "web", job_name: "x", "example.com/team": "a" };
  assert.equal(schemaProblems(jobWith({
    metadata: { labels, annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}", note: "free text" } },
    pod: { nodeSelector: { "kubernetes.io/os": "linux", disktype: "ssd" } },
    container: {
      resources: {
        requests: { cpu: "100m", memory: "250Mi", "ephemeral-storage": "11Mi", "nvidia.com/gpu": "1" },
        limits: { "example.com/dongle": "2" },
      },
    },
  })), []);
  const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { ".env": "A=1", "app.yaml": "x: 1", KEY_0: "v" } };
  assert.equal(schemaProblems(configMap), []);
  const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { "tls.key": "c2VjcmV0" }, stringData: { ".password": "x" } };
  assert.equal(schemaProblems(secret), []);
  // values are still checked: Secret data is base64
  assert.equal(schemaProblems({ ...secret, data: { key: "not base64!" } }), ['data.key: expected the byte format, received "not base64!"']);
});

test("int-or-string: a Service's targetPort may be a name or a number, nothing else", () => {
  const service = (targetPort: unknown): unknown => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort }] },
  });
  assert.equal(schemaProblems(service("http")), []);
  assert.equal(schemaProblems(service(8080)), []);
  assert.equal(schemaProblems(service(true)), ["spec.ports[0].targetPort: expected string or integer, received true"]);
});

test("quantities: a number passes (kubernetes-models' Quantity is a number or a quantity string), a malformed string fails", () => {
  // the apiserver also decodes a JSON number as a Quantity; kubectl sends YAML `cpu: 1` as a number
  assert.equal(schemaProblems(jobWith({ container: { resources: { requests: { cpu: 1, memory: 1073741824 } } } })), []);
  assert.equal(schemaProblems(jobWith({ container: { resources: { requests: { cpu: 0.5 } } } })), []);
  assert.equal(schemaProblems(jobWith({ container: { resources: { requests: { cpu: "lots" } } } })), [
    `${CONTAINER}.resources.requests.cpu: expected number or a quantity string, received "lots"`,
  ]);
});

test("works on frozen manifests and leaves them unchanged", () => {
  const deepFreeze = <T>(value: T): T => {
    if (typeof value === "object" && value !== null) Object.values(value).forEach(deepFreeze);
    return Object.freeze(value);
  };
  const valid = deepFreeze(jobWith({ metadata: { labels: { a: "b" } } }));
  const copy = structuredClone(valid);
  assertSchemaValid(valid);
  assert.equal(valid, copy);
  assert.equal(schemaProblems(deepFreeze(jobWith({ container: { imagePullPolcy: "Always" } }))).length, 1);
});

const MINIMAL: Record<string, object> = {
  "v1 ConfigMap": { data: { a: "b" } },
  "v1 Secret": { type: "Opaque", stringData: { a: "b" } },
  "v1 Service": { spec: { ports: [{ port: 80 }] } },
  "v1 ServiceAccount": {},
  "v1 Namespace": {},
  "v1 PersistentVolume": { spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data" } } },
  "v1 PersistentVolumeClaim": { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } },
  "batch/v1 Job": { spec: { template: { spec: { containers: [{ name: "c", image: "i" }], restartPolicy: "Never" } } } },
  "batch/v1 CronJob": {
    spec: { schedule: "0 6 * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "i" }], restartPolicy: "Never" } } } } },
  },
  "apps/v1 Deployment": { spec: workloadSpec() },
  "apps/v1 StatefulSet": { spec: { serviceName: "x", ...workloadSpec() } },
  "apps/v1 DaemonSet": { spec: workloadSpec() },
  "rbac.authorization.k8s.io/v1 Role": { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] },
  "rbac.authorization.k8s.io/v1 ClusterRole": { rules: [{ nonResourceURLs: ["/healthz"], verbs: ["get"] }] },
  "rbac.authorization.k8s.io/v1 RoleBinding": binding("Role"),
  "rbac.authorization.k8s.io/v1 ClusterRoleBinding": binding("ClusterRole"),
  "storage.k8s.io/v1 StorageClass": { provisioner: "kubernetes.io/no-provisioner", volumeBindingMode: "WaitForFirstConsumer" },
  "autoscaling/v2 HorizontalPodAutoscaler": {
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "x" }, minReplicas: 1, maxReplicas: 3 },
  },
};

function workloadSpec(): object {
  return {
    selector: { matchLabels: { app: "x" } },
    template: { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "c", image: "i" }] } },
  };
}

function binding(roleKind: string): object {
  return {
    subjects: [{ kind: "ServiceAccount", name: "x", namespace: "default" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: "x" },
  };
}

for (const [type, body] of Object.entries(MINIMAL)) {
  const [apiVersion, kind] = type.split(" ");
  test(`${type}: a minimal object passes, a misspelt field fails`, () => {
    assert.equal(schemaProblems({ apiVersion, kind, metadata: { name: "x" }, ...body }), []);
    assert.equal(schemaProblems({ apiVersion, kind, metadata: { nmae: "x" }, ...body }), [
      "metadata.nmae: unknown field (did you mean \"name\"?)",
    ]);
  });
}

test("builder output passes", () => {
  assertSchemaValid(job("x").image("busybox").build());
  assertSchemaValid(
    job("report")
      .labels({ "app.kubernetes.io/name": "report" })
      .annotations({ owner: "data-team" })
      .templateLabels({ pod_name: "report" })
      .imagePullSecrets("registry")
      .serviceAccountName("reporter")
      .nodeSelector({ "kubernetes.io/os": "linux" })
      .backoff(1)
      .cleanupAfter("1h")
      .parallelism(2)
      .completions(4)
      .completionMode("Indexed")
      .activeDeadlineSeconds(600)
      .container((c) =>
        c.image("python:3.12")
          .imagePullPolicy("IfNotPresent")
          .command("python", "report.py")
          .env({ MODE: "full" })
          .port("metrics", 9090)
          .requests({ cpu: "100m", memory: "250Mi", ephemeralStorage: "11Mi" })
          .limits({ cpu: "1", memory: "1Gi" })
          .livenessCommand("sh", "-c", "true")
          .readinessCommand("true")
          .preStopCommand("sh", "-c", "sleep 5"))
      .build(),
  );
});

const GOLDENS = new URL("goldens/", import.meta.url);
/** Goldens that are not valid Kubernetes, with the problems expected. */
const INVALID_GOLDENS: Record<string, string[]> = {
  "deployment_hpa.yml": ["apiVersion: required field is missing, so no schema applies (HorizontalPodAutoscaler is autoscaling/v2)"],
};

for (const file of readdirSync(GOLDENS).filter((name) => name.endsWith(".yml")).sort()) {
  const expected = INVALID_GOLDENS[file] ?? [];
  test(`golden ${file} ${expected.length === 0 ? "passes" : "fails"}`, () => {
    const manifest = load(readFileSync(new URL(file, GOLDENS), "utf8"), { schema: YAML11_SCHEMA });
    assert.equal(schemaProblems(manifest), expected);
  });
}

test.run();
