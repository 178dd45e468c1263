// The builders `piceli import` generates, from spec/kinds/custom/crds/widgets.yaml (a CRD written for these specs:
// every schema feature). The generated file is committed; spec/deploy/import.spec.ts checks it is what import writes.
import { readFileSync } from "node:fs";
import { load, loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { inApplyOrder, roleFor, toYaml, READ_ONLY_VERBS } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { gadget, widget, widgetV1alpha1, type Gadget, type Widget } from "./imports/test.piceli.dev.js";

const crds = loadAll(readFileSync(new URL("crds/widgets.yaml", import.meta.url), "utf8")) as { kind: string; metadata: { name: string } }[];
const minimal = () => widget("w", { image: "nginx", size: 1 });

test("a Widget with every field: apiVersion, kind, metadata, then spec exactly as given", () => {
  const spec = {
    image: "registry.example.com/w:1",
    size: 3,
    mode: "safe" as const,
    port: "http",
    ratio: 0.75,
    labels: { tier: "web" },
    settings: { anything: { goes: [1, "two"] } },
    note: null,
    tags: ["a", "b"],
    ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }],
    replicas: { min: 1, max: 3 },
    since: "2024-01-31T12:00:00Z",
    token: "aGVsbG8=",
    contact: "ops@example.com",
    "odd-name": true,
    immutableTag: "v1",
    minProps: { one: 1 },
  };
  const built = widget("w", spec).namespace("shop").labels({ app: "w" }).annotations({ "example.com/by": "specs" }).build();
  const expected: Widget = {
    apiVersion: "test.piceli.dev/v1",
    kind: "Widget",
    metadata: { name: "w", namespace: "shop", labels: { app: "w" }, annotations: { "example.com/by": "specs" } },
    spec,
  };
  assert.equal(built, expected);
  assert.equal(load(toYaml(widget("w", spec).namespace("shop").labels({ app: "w" }).annotations({ "example.com/by": "specs" }))), expected);
});

test("builders are immutable and build() returns fresh objects; given values are copied", () => {
  const spec = { image: "nginx", size: 1, tags: ["a"] };
  const base = widget("w", spec);
  const derived = base.labels({ a: "b" }).namespace("ns");
  spec.tags.push("changed later");
  assert.equal(base.build(), { apiVersion: "test.piceli.dev/v1", kind: "Widget", metadata: { name: "w" }, spec: { image: "nginx", size: 1, tags: ["a"] } });
  assert.equal(derived.build().metadata, { name: "w", namespace: "ns", labels: { a: "b" } });
  const first = base.build();
  first.spec.tags!.push("x");
  assert.equal(base.build().spec.tags, ["a"]);
  assert.is.not(base.build(), base.build());
});

test("a required field with a default may be left out (the API server fills it in); a required one without may not", () => {
  assert.equal(widget("w", { image: "nginx" }).build().spec, { image: "nginx" });
  assertProblems(() => widget("w", { size: 1 } as never).build(), [{ path: "spec.image", expected: "a value (the field is required)", received: undefined }]);
});

test(".spec() replaces the spec; other versions have their own factory and schema", () => {
  assert.equal(minimal().spec({ image: "busybox", size: 2 }).build().spec, { image: "busybox", size: 2 });
  assert.equal(widgetV1alpha1("old").build(), { apiVersion: "test.piceli.dev/v1alpha1", kind: "Widget", metadata: { name: "old" } });
  assert.equal(widgetV1alpha1("old", { image: "x" }).build().spec, { image: "x" });
});

test("a cluster-scoped kind whose content is not under spec: .field(), no namespace", () => {
  const built = gadget("g").field("data", { a: "1" }).field("colour", "red").field("choice", { a: "x" })
    .field("embedded", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "v" } })
    .build();
  const expected: Gadget = {
    apiVersion: "test.piceli.dev/v1",
    kind: "Gadget",
    metadata: { name: "g" },
    data: { a: "1" },
    colour: "red",
    choice: { a: "x" },
    embedded: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "v" } },
  };
  assert.equal(built, expected);
  const untyped = gadget("g") as unknown as { namespace(ns: string): { build(): unknown } };
  assertProblems(() => untyped.namespace("ns").build(), [{ path: "metadata.namespace", expected: "nothing: a Gadget is cluster-scoped", received: "ns" }]);
});

test("build() reports every problem of the schema with its path, as the API server would", () => {
  const bad = {
    image: "X", size: 11, mode: "slow", port: 1.5, ratio: 1, labels: { a: "way too long for twenty" }, settings: "no", note: 3,
    tags: ["a", "a", "b", "c"], ports: [{ name: "a", port: 0 }, { name: "a", port: 70000 }, { port: 1 }],
    replicas: { min: -1, max: "2" }, since: "2024-01-31", token: "not base64!", "odd-name": "yes", minProps: {}, extra: true,
  };
  const error = validationError(() => widget("Bad_Name", bad as never).build());
  assert.is(error.object, 'Widget "Bad_Name"');
  assert.equal(error.problems.map((p) => p.path), [
    "metadata.name",
    "spec.image", "spec.image",
    "spec.size",
    "spec.mode",
    "spec.port",
    "spec.ratio",
    "spec.labels[\"a\"]",
    "spec.settings",
    "spec.note",
    "spec.tags", "spec.tags[1]",
    "spec.ports[0].port", "spec.ports[1].port", "spec.ports[2].name", "spec.ports[1]",
    "spec.replicas.min", "spec.replicas.max",
    "spec.since",
    "spec.token",
    "spec.odd-name",
    "spec.minProps",
    "spec.extra",
  ]);
  assert.equal(error.problems[0], {
    path: "metadata.name",
    expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)',
    received: "Bad_Name",
  });
  assert.equal(error.problems.find((p) => p.path === "spec.mode"), { path: "spec.mode", expected: 'one of "fast", "safe"', received: "slow" });
  assert.equal(error.problems.find((p) => p.path === "spec.ports[1]"), {
    path: "spec.ports[1]", expected: "an item whose name differs from item 0's (a map keyed by name)", received: "a",
  });
  assert.equal(error.problems.at(-1), {
    path: "spec.extra",
    expected: "a field the schema declares in spec (contact, image, immutableTag, labels, minProps, mode, note, odd-name, port, ports, ratio, replicas, settings, since, size, tags, token); the API server would drop it",
    received: true,
  });
});

test("a missing required spec, and status (a subresource: writes ignore it) or metadata set as fields, are reported", () => {
  const untyped = widgetV1alpha1("w") as unknown as { field(name: string, value: unknown): { build(): unknown } };
  assertProblems(() => (widget as unknown as (name: string) => { build(): unknown })("w").build(), [
    { path: "spec", expected: "a value (the field is required)", received: undefined },
  ]);
  assertProblems(() => (minimal() as unknown as typeof untyped).field("status", { ready: true }).build(), [
    { path: "status", expected: "a field the schema declares in the object (spec); the API server would drop it", received: { ready: true } },
  ]);
  assertProblems(() => untyped.field("metadata", { name: "other" }).build(), [
    { path: "metadata", expected: "a field other than apiVersion, kind and metadata (the builder writes those; use .labels(), .annotations(), .namespace())", received: "metadata" },
  ]);
});

test(".patch() edits are checked against the schema too", () => {
  const patched = minimal().patch((m) => {
    m.spec.size = 4;
  });
  assert.is(patched.build().spec.size, 4);
  assertProblems(() => minimal().patch((m) => {
    m.spec.size = 99;
    (m.spec as unknown as Record<string, unknown>)["extra"] = 1;
  }).build(), [
    { path: "spec.size", expected: "an integer <= 10", received: 99 },
    {
      path: "spec.extra",
      expected: "a field the schema declares in spec (contact, image, immutableTag, labels, minProps, mode, note, odd-name, port, ports, ratio, replicas, settings, since, size, tags, token); the API server would drop it",
      received: 1,
    },
  ]);
});

test("x-kubernetes-validations rules that can be evaluated are; the others are left to the API server", () => {
  assertProblems(() => widget("w", { image: "docker.io/w", size: 1, mode: "safe", replicas: { min: 3, max: 2 } }).build(), [
    {
      path: "spec",
      expected: "a value for which the rule !has(self.replicas) || self.replicas.min <= self.replicas.max holds (replicas.min must not exceed replicas.max)",
      received: { image: "docker.io/w", size: 1, mode: "safe", replicas: { min: 3, max: 2 } },
    },
    {
      path: "spec",
      expected: "a value for which the rule self.image.startsWith('registry.example.com/') || self.mode != 'safe' holds (safe widgets come from registry.example.com)",
      received: { image: "docker.io/w", size: 1, mode: "safe", replicas: { min: 3, max: 2 } },
    },
  ]);
  // `self == oldSelf` and `lowerAscii()` are not evaluated here: no problem is reported for them.
  assert.equal(widget("w", { image: "nginx", size: 1, immutableTag: "UPPER" }).build().spec.immutableTag, "UPPER");
});

test("roleFor and .allow() use the definition's group and plural (not an English plural of the kind)", () => {
  assert.equal(roleFor(gadget("g"), READ_ONLY_VERBS).build().rules, [{ verbs: ["get", "list", "watch"], apiGroups: ["test.piceli.dev"], resources: ["gizmos"] }]);
  assert.equal(roleFor(minimal(), ["get"]).build(), {
    apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "widget-get" },
    rules: [{ verbs: ["get"], apiGroups: ["test.piceli.dev"], resources: ["widgets"] }],
  });
});

test("inApplyOrder puts custom resources after their CustomResourceDefinitions", () => {
  const ordered = inApplyOrder(minimal(), gadget("g"), ...(crds as never[]));
  assert.equal(ordered.map((m) => `${m.kind}/${m.metadata!.name}`), [
    "CustomResourceDefinition/widgets.test.piceli.dev", "CustomResourceDefinition/gizmos.test.piceli.dev", "Widget/w", "Gadget/g",
  ]);
});

test.run();
