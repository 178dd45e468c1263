import { load, loadAll, YAML11_SCHEMA } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { job, toYaml } from "../lib/index.js";

const hello = job("hello").image("busybox").container((c) => c.command("echo", "hi"));

test("a Job as YAML: conventional key order, block style", () => {
  assert.is(
    toYaml(hello.labels({ app: "hello" }).namespace("demo")),
    `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
  namespace: demo
  labels:
    app: hello
spec:
  template:
    metadata:
      name: hello
    spec:
      containers:
        - name: hello
          image: busybox
          command:
            - echo
            - hi
      restartPolicy: Never
`,
  );
});

test("loading the YAML back gives exactly build()", () => {
  const builder = job("test-job").imagePullSecrets("creds").backoff(1).cleanupAfter("1h").labels({ "app.kubernetes.io/name": "x" })
    .container((c) => c.image("img").env({ A: "1" }).requests({ cpu: "100m" }).livenessCommand("sh", "-c", "x"));
  assert.equal(load(toYaml(builder)), builder.build());
});

test("several objects become one document each, separated by ---; arrays are flattened", () => {
  const a = job("a").image("x");
  const b = job("b").image("y");
  const c = job("c").image("z").build();
  const text = toYaml(a, [b, [c]]);
  assert.equal(loadAll(text), [a.build(), b.build(), c]);
  assert.is(text.split(/^---$/m).length, 3);
});

test("plain manifests are reordered: apiVersion, kind, metadata (name, namespace, labels, annotations) first", () => {
  const text = toYaml({
    data: { b: "2", a: "1" },
    metadata: { annotations: { x: "y" }, labels: { l: "v" }, namespace: "ns", name: "cfg", uid: "u" },
    kind: "ConfigMap",
    apiVersion: "v1",
  } as object);
  assert.is(text, `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns
  labels:
    l: v
  annotations:
    x: 'y'
  uid: u
data:
  b: '2'
  a: '1'
`);
});

test("strings a YAML 1.1 reader would misread stay strings, for both YAML 1.1 and 1.2 readers", () => {
  const tricky = ["yes", "no", "on", "off", "y", "n", "Y", "NO", "True", "~", "null", "Null", "0777", "0o17", "0x1F", "0b101",
    "12:30", "1:20:30", "1e3", "1_000", ".5", "+1", "-.inf", ".NaN", "2001-12-14", "=", "<<", "", " lead", "trail ", "#x", "a: b",
    "- x", "@x", "`x", "%x", "!x", "*x", "&x", "? x", "|", ">", "{a}", "[a]", "'q'", '"d"', "multi\nline", "tab\there"];
  const env = Object.fromEntries(tricky.map((value, i) => [`V${i}`, value]));
  const builder = job("x").image("a").container((c) => c.env(env));
  const text = toYaml(builder);
  assert.equal(load(text), builder.build());
  assert.equal(load(text, { schema: YAML11_SCHEMA }), builder.build());
});

test("long strings are never folded", () => {
  const long = `${"word ".repeat(60)}end`;
  const text = toYaml(job("x").image("a").container((c) => c.args(long)));
  assert.ok(text.includes(`- ${long}\n`));
});

test("deterministic: the same input gives the same bytes", () => {
  const make = () => job("x").image("a").labels({ b: "2", a: "1" }).container((c) => c.env({ Z: "1", A: "2" }));
  assert.is(toYaml(make()), toYaml(make()));
});

test("shared objects are written out in full, never as YAML anchors", () => {
  const labels = { app: "x" };
  const manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", labels }, data: { copy: "1" }, extra: labels };
  const text = toYaml(manifest as object);
  assert.not.match(text, /[&*]ref/);
  assert.equal(load(text), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", labels }, data: { copy: "1" }, extra: labels });
});

test("builders are built by toYaml, so their validation applies", () => {
  assert.throws(() => toYaml(job("x").image("a").backoff(-1)), /spec.backoffLimit: expected an integer >= 0, received -1/);
});

test.run();
