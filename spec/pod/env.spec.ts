import { test } from "uvu";
import * as assert from "uvu/assert";
import { configMap, configMapKeyRef, container, deployment, fieldRef, resourceFieldRef, secret, secretKeyRef } from "../../lib/index.js";
import { assertProblems, validationError } from "../helpers.js";
import { assertSchemaValid } from "../schema.js";

const settings = configMap("settings").data({ LOG_LEVEL: "info", MODE: "fast" });
const db = secret("db").stringData({ DB_PASSWORD: "s3cret", DB_USER: "app" });

test("env values: strings, fieldRef, resourceFieldRef, configMap.key(), secret.key()", () => {
  const built = container("app").image("app:1").env({
    PLAIN: "x",
    POD_NAME: fieldRef("metadata.name"),
    POD_IP: fieldRef("status.podIP"),
    TEAM: fieldRef("metadata.labels['example.com/team']"),
    CPU_MILLIS: resourceFieldRef("limits.cpu", { divisor: "1m" }),
    MEMORY_MB: resourceFieldRef("requests.memory", { divisor: "1Mi", containerName: "app" }),
    HUGEPAGES: resourceFieldRef("limits.hugepages-2Mi"),
    LOG_LEVEL: settings.key("LOG_LEVEL"),
    PASSWORD: db.key("DB_PASSWORD"),
  }).build();
  assert.equal(built.env, [
    { name: "PLAIN", value: "x" },
    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
    { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    { name: "TEAM", valueFrom: { fieldRef: { fieldPath: "metadata.labels['example.com/team']" } } },
    { name: "CPU_MILLIS", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "1m" } } },
    { name: "MEMORY_MB", valueFrom: { resourceFieldRef: { resource: "requests.memory", divisor: "1Mi", containerName: "app" } } },
    { name: "HUGEPAGES", valueFrom: { resourceFieldRef: { resource: "limits.hugepages-2Mi" } } },
    { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "settings", key: "LOG_LEVEL" } } },
    { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "DB_PASSWORD" } } },
  ]);
});

test("envFrom: every key of a ConfigMap or Secret, with an optional prefix", () => {
  const built = container("app").image("app:1").envFrom(settings).envFrom(db, "DB_").envFrom(settings, "").build();
  assert.equal(built.envFrom, [
    { configMapRef: { name: "settings" } },
    { secretRef: { name: "db" }, prefix: "DB_" },
    { configMapRef: { name: "settings" }, prefix: "" },
  ]);
});

test("envFromKeys: one env entry per key, in key order; a later .env() of the same name replaces it in place", () => {
  const built = container("app").image("app:1")
    .env({ FIRST: "1" })
    .envFromKeys(settings)
    .envFromKeys(db)
    .env({ MODE: "slow", LAST: "z" })
    .build();
  assert.equal(built.env, [
    { name: "FIRST", value: "1" },
    { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "settings", key: "LOG_LEVEL" } } },
    { name: "MODE", value: "slow" },
    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "DB_PASSWORD" } } },
    { name: "DB_USER", valueFrom: { secretKeyRef: { name: "db", key: "DB_USER" } } },
    { name: "LAST", value: "z" },
  ]);
  const replacing = container("app").image("app:1").env({ LOG_LEVEL: "debug" }).envFromKeys(settings).build();
  assert.equal(replacing.env, [
    { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "settings", key: "LOG_LEVEL" } } },
    { name: "MODE", valueFrom: { configMapKeyRef: { name: "settings", key: "MODE" } } },
  ], "and envFromKeys replaces an earlier entry of the same name, in place");
});

test("env in a Deployment matches the Kubernetes schema", () => {
  assertSchemaValid(deployment("app").container((c) =>
    c.image("app:1").env({ POD: fieldRef("metadata.namespace"), MEM: resourceFieldRef("limits.memory", { divisor: "1Ki" }) }).envFrom(db, "DB_").envFromKeys(settings)).build());
});

test("run time: downward API references from untyped callers", () => {
  assertProblems(() => container("c").image("a").env({
    A: fieldRef("spec.hostname" as any),
    B: fieldRef("metadata.labels" as any),
    C: fieldRef("metadata.annotations['bad key']"),
  }).build(), [
    {
      path: "env[0].valueFrom.fieldRef.fieldPath",
      expected: "one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, metadata.labels['<key>'] or metadata.annotations['<key>']",
      received: "spec.hostname",
    },
    {
      path: "env[1].valueFrom.fieldRef.fieldPath",
      expected: "one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, metadata.labels['<key>'] or metadata.annotations['<key>']",
      received: "metadata.labels",
    },
    {
      path: "env[2].valueFrom.fieldRef.fieldPath",
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "bad key",
    },
  ]);
});

test("run time: resourceFieldRef resources and divisors (compared as Kubernetes does, by value)", () => {
  const equivalent = { A: resourceFieldRef("limits.memory", { divisor: "1024Ki" as any }), B: resourceFieldRef("requests.cpu", { divisor: "1000m" as any }), C: resourceFieldRef("requests.memory", { divisor: "1000k" as any }) };
  assert.equal(container("c").image("a").env(equivalent).build().env!.map((e) => e.valueFrom!.resourceFieldRef!.divisor), ["1024Ki", "1000m", "1000k"]);
  assertProblems(() => container("c").image("a").env({
    A: resourceFieldRef("limits.gpu" as any),
    B: resourceFieldRef("limits.cpu", { divisor: "1Mi" as any }),
    C: resourceFieldRef("requests.memory", { divisor: "2Mi" as any }),
    D: resourceFieldRef("requests.memory", { divisor: "1024" as any }),
    E: resourceFieldRef("limits.ephemeral-storage", { divisor: "lots" as any, containerName: "Main" }),
  }).build(), [
    {
      path: "env[0].valueFrom.resourceFieldRef.resource",
      expected: "one of limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage, limits.hugepages-<size> or requests.hugepages-<size>",
      received: "limits.gpu",
    },
    { path: "env[1].valueFrom.resourceFieldRef.divisor", expected: '"1m" or "1" for cpu', received: "1Mi" },
    { path: "env[2].valueFrom.resourceFieldRef.divisor", expected: 'one of "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"', received: "2Mi" },
    { path: "env[3].valueFrom.resourceFieldRef.divisor", expected: 'one of "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"', received: "1024" },
    { path: "env[4].valueFrom.resourceFieldRef.divisor", expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: "lots" },
    { path: "env[4].valueFrom.resourceFieldRef.containerName", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Main" },
  ]);
});

test("run time: key references and env sources from untyped callers", () => {
  assertProblems(() => container("c").image("a").env({
    A: { valueFrom: { configMapKeyRef: { name: "Settings", key: "a/b" } } },
    B: { valueFrom: {} } as any,
    C: { valueFrom: { fieldRef: { fieldPath: "metadata.name" }, secretKeyRef: { name: "s", key: "k" } } },
  }).build(), [
    { path: "env[0].valueFrom.configMapKeyRef.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Settings" },
    { path: "env[0].valueFrom.configMapKeyRef.key", expected: 'a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")', received: "a/b" },
    { path: "env[1].value", expected: "a string, or a reference from fieldRef(), resourceFieldRef(), configMap.key(), secret.key(), configMapKeyRef() or secretKeyRef()", received: { valueFrom: {} } },
    {
      path: "env[2].value",
      expected: "a string, or a reference from fieldRef(), resourceFieldRef(), configMap.key(), secret.key(), configMapKeyRef() or secretKeyRef()",
      received: { valueFrom: { fieldRef: { fieldPath: "metadata.name" }, secretKeyRef: { name: "s", key: "k" } } },
    },
  ]);
  assertProblems(() => container("c").image("a").envFrom("settings" as any).envFrom(settings, "A=").build(), [
    { path: "envFrom[0].configMapRef.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: undefined },
    { path: "envFrom[1].prefix", expected: 'an environment variable name (printable ASCII characters other than "=")', received: "A=" },
  ]);
});

test("configMapKeyRef() and secretKeyRef(): keys of objects piceli does not make, optional or not, and nothing added to the output", () => {
  const app = deployment("app").container("app", (c) => c.image("app:1").env({
    REGION: configMapKeyRef("cluster-info", "region", { optional: true }),
    DB_PASSWORD: secretKeyRef("db-credentials", "password"),
    TOKEN: secretKeyRef("api-token", "token", { optional: false }),
  }));
  assert.equal(app.build().spec!.template.spec!.containers[0]!.env, [
    { name: "REGION", valueFrom: { configMapKeyRef: { name: "cluster-info", key: "region", optional: true } } },
    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
    { name: "TOKEN", valueFrom: { secretKeyRef: { name: "api-token", key: "token", optional: false } } },
  ]);
  // only the Deployment: the ConfigMap and Secrets are someone else's
  assert.equal(app.manifests().map((m) => m.kind), ["Deployment"]);
});

test("run time: configMapKeyRef() and secretKeyRef() from untyped callers", () => {
  assertProblems(() => container("c").image("a").env({
    A: configMapKeyRef("Cluster Info", "region"),
    B: secretKeyRef("db", "pass word", { optional: "yes" } as any),
    C: secretKeyRef("db", "password", { optinal: true } as any),
  }).build(), [
    { path: "env[0].valueFrom.configMapKeyRef.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Cluster Info" },
    { path: "env[1].valueFrom.secretKeyRef.key", expected: 'a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")', received: "pass word" },
    { path: "env[1].valueFrom.secretKeyRef.optional", expected: "true or false", received: "yes" },
    { path: "env[2].valueFrom.secretKeyRef", expected: "a field of a secretKeyRef (name, key, optional)", received: "optinal" },
  ]);
});

test("envFromKeys names variables after keys: every ConfigMap key is a valid variable name since Kubernetes 1.32", () => {
  const built = container("c").image("a").envFromKeys(configMap("files").data({ "1st.conf": "x" })).build();
  assert.equal(built.env, [{ name: "1st.conf", valueFrom: { configMapKeyRef: { name: "files", key: "1st.conf" } } }]);
});


test("run time: a divisor is compared in its canonical form, which keeps how it was written (\"1e3\" is not \"1k\")", () => {
  for (const divisor of ["1Ei", "1000", "1Ki ", "1e0"]) assert.ok(container("c").image("a").env({ M: resourceFieldRef("limits.memory", { divisor: divisor as "1" }) }).build(), divisor);
  for (const [resource, divisor] of [["limits.memory", "1e3"], ["limits.cpu", "1e-3"]] as const) {
    assert.is(validationError(() => container("c").image("a").env({ M: resourceFieldRef(resource, { divisor: divisor as "1" }) }).build()).problems[0]!.path, "env[0].valueFrom.resourceFieldRef.divisor");
  }
});

test.run();
