import { test } from "uvu";
import * as assert from "uvu/assert";
import { configMap, container, type ConfigMapManifest } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const KEY = 'a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")';
const BASE64 = "base64 text (standard alphabet, padded)";

test("a minimal ConfigMap: a name and nothing else", () => {
  const built = configMap("empty").build();
  const expected: ConfigMapManifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "empty" } };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every ConfigMap method sets its field", () => {
  const built = configMap("app-config")
    .namespace("shop")
    .labels({ "app.kubernetes.io/name": "shop" })
    .annotations({ "example.com/owner": "team a" })
    .data({ LOG_LEVEL: "info", "app.yaml": "port: 8080\n" })
    .binaryData({ "logo.png": "iVBORw0KGgo=" })
    .immutable()
    .build();
  const expected: ConfigMapManifest = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "app-config",
      namespace: "shop",
      labels: { "app.kubernetes.io/name": "shop" },
      annotations: { "example.com/owner": "team a" },
    },
    immutable: true,
    data: { LOG_LEVEL: "info", "app.yaml": "port: 8080\n" },
    binaryData: { "logo.png": "iVBORw0KGgo=" },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("data and binaryData merge; a key given again replaces its value; immutable(false) is written", () => {
  const built = configMap("c").data({ a: "1", b: "2" }).data({ b: "3" }).binaryData({ x: "AA==" }).binaryData({ y: "AQ==" }).immutable(false).build();
  assert.equal(built, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c" },
    immutable: false,
    data: { a: "1", b: "3" },
    binaryData: { x: "AA==", y: "AQ==" },
  });
});

test("key() reads a variable from the ConfigMap; keys lists data then binaryData", () => {
  const config = configMap("settings").binaryData({ blob: "AA==" }).data({ LOG_LEVEL: "info" });
  assert.equal(config.key("LOG_LEVEL"), { valueFrom: { configMapKeyRef: { name: "settings", key: "LOG_LEVEL" } } });
  assert.equal(config.keys, ["LOG_LEVEL", "blob"]);
  assert.equal(container("app").image("a").env({ LOG_LEVEL: config.key("LOG_LEVEL") }).build().env, [
    { name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: "settings", key: "LOG_LEVEL" } } },
  ]);
});

test("run time: an untyped caller's key() of a key the ConfigMap lacks", () => {
  assertProblems(() => configMap("settings").data({ a: "1" }).binaryData({ b: "AA==" }).key("b" as any), [
    { path: "data", expected: 'a key of its data ("a")', received: "b" },
  ]);
  assert.is(validationError(() => configMap("settings").key("a" as never)).message, [
    'ConfigMap "settings" is invalid:',
    '  data: expected a key of its data (it has none), received "a"',
  ].join("\n"));
});

test("immutability: deriving never changes the base builder", () => {
  const base = configMap("c").data({ a: "1" });
  const derived = base.data({ b: "2" }).binaryData({ c: "AA==" }).immutable().labels({ tier: "x" });
  assert.equal(base.build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } });
  assert.equal(base.keys, ["a"]);
  assert.equal(derived.keys, ["a", "b", "c"]);
  assert.is.not(derived, base);
});

test("immutability: build() returns a fresh object each call, and given maps are copied", () => {
  const data: Record<string, string> = { a: "1" };
  const builder = configMap("c").data(data).labels({ l: "1" });
  data.a = "changed";
  const first = builder.build();
  first.data!.a = "mutated";
  first.metadata.labels!.l = "mutated";
  assert.equal(builder.build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { l: "1" } }, data: { a: "1" } });
});

test("run time: keys are letters, digits, '-', '_' or '.', not '.' and not starting with '..' (as the API server checks)", () => {
  assert.ok(configMap("c").data({ "a-b_c.d": "x", ".hidden": "y", "x..": "z", A9: "w" }).build());
  assertProblems(() => configMap("c").data({ ".": "x", "..": "y", "..x": "u", "a/b": "z", "has space": "w", "": "v" }).build(), [
    { path: "data", expected: KEY, received: "." },
    { path: "data", expected: KEY, received: ".." },
    { path: "data", expected: KEY, received: "..x" },
    { path: "data", expected: KEY, received: "a/b" },
    { path: "data", expected: KEY, received: "has space" },
    { path: "data", expected: KEY, received: "" },
  ]);
  assert.ok(configMap("c").data({ ["k".repeat(253)]: "x" }).build());
  assertProblems(() => configMap("c").binaryData({ ["k".repeat(254)]: "AA==" }).build(), [
    { path: "binaryData", expected: KEY, received: "k".repeat(254) },
  ]);
});

test("run time: binaryData values are padded base64", () => {
  assert.ok(configMap("c").binaryData({ a: "", b: "AA==", c: "AAA=", d: "AAAA", e: "+/+/" }).build());
  assertProblems(() => configMap("c").binaryData({ a: "not base64!", b: "AA", c: "A===" }).build(), [
    { path: 'binaryData["a"]', expected: BASE64, received: "not base64!" },
    { path: 'binaryData["b"]', expected: BASE64, received: "AA" },
    { path: 'binaryData["c"]', expected: BASE64, received: "A===" },
  ]);
});

test("run time: a key may not be in both data and binaryData", () => {
  assertProblems(() => configMap("c").data({ a: "1", b: "2" }).binaryData({ b: "AA==" }).build(), [
    { path: "binaryData", expected: "keys not also in data", received: "b" },
  ]);
  // keys every object inherits are not in data
  assert.ok(configMap("c").data({ a: "1" }).binaryData({ constructor: "AA==", toString: "AA==" }).build());
});

test("run time: data and binaryData hold at most 1 MiB in all", () => {
  const half = "x".repeat(512 * 1024);
  assert.ok(configMap("c").data({ a: half, b: half }).build());
  assertProblems(() => configMap("c").data({ a: half, b: `${half}x` }).build(), [
    { path: "data", expected: "at most 1048576 bytes of values in all (Kubernetes' limit)", received: "1048577 bytes" },
  ]);
  // binaryData counts decoded: 4 base64 characters are 3 bytes, so 1 MiB is 1398104 characters
  const decoded1MiB = "AAAA".repeat(349525) + "AA==";
  assert.ok(configMap("c").binaryData({ a: decoded1MiB }).build());
  assertProblems(() => configMap("c").binaryData({ a: decoded1MiB }).data({ b: "x" }).build(), [
    { path: "data", expected: "at most 1048576 bytes of values in all (Kubernetes' limit)", received: "1048577 bytes" },
  ]);
});

test("run time: the name is a DNS-1123 subdomain", () => {
  assert.ok(configMap("app.config-1").build());
  assertProblems(() => configMap("App_Config").build(), [
    { path: "metadata.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "App_Config" },
  ]);
});

test("run time: an untyped caller's values", () => {
  assertProblems(() => configMap("c").data({ n: 1 } as any).binaryData({ b: 2 } as any).immutable("yes" as any).build(), [
    { path: "immutable", expected: "true or false", received: "yes" },
    { path: 'data["n"]', expected: "a string", received: 1 },
    { path: 'binaryData["b"]', expected: "a string", received: 2 },
  ]);
});

test("immutability: one base varied two ways gives two independent ConfigMaps", () => {
  const base = configMap("c").namespace("shop").data({ a: "1" });
  const one = base.data({ b: "2" }).immutable();
  const two = base.binaryData({ c: "AA==" }).labels({ tier: "x" });
  assert.equal(one.build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "shop" }, immutable: true, data: { a: "1", b: "2" } });
  assert.equal(two.build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "shop", labels: { tier: "x" } }, data: { a: "1" }, binaryData: { c: "AA==" } });
  assert.equal(base.build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "shop" }, data: { a: "1" } });
});

test.run();
