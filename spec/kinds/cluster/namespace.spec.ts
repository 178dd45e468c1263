import { test } from "uvu";
import * as assert from "uvu/assert";
import { namespace, type NamespaceManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("a minimal Namespace: a name and nothing else", () => {
  const built = namespace("shop").build();
  const expected: NamespaceManifest = { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every Namespace method sets its field", () => {
  const built = namespace("shop")
    .labels({ "pod-security.kubernetes.io/enforce": "restricted" })
    .annotations({ "example.com/owner": "shop team" })
    .build();
  const expected: NamespaceManifest = {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: "shop",
      labels: { "pod-security.kubernetes.io/enforce": "restricted" },
      annotations: { "example.com/owner": "shop team" },
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("immutability: deriving never changes the base builder; build() returns a fresh object each call", () => {
  const base = namespace("shop").labels({ a: "1" });
  const derived = base.labels({ b: "2" });
  assert.equal(base.build().metadata, { name: "shop", labels: { a: "1" } });
  assert.equal(derived.build().metadata, { name: "shop", labels: { a: "1", b: "2" } });
  const first = base.build();
  first.metadata.labels!.a = "changed";
  assert.equal(base.build().metadata, { name: "shop", labels: { a: "1" } });
});

test("run time: a Namespace is cluster-scoped, so it has no namespace", () => {
  assertProblems(() => namespace("shop").namespace("other").build(), [
    { path: "metadata.namespace", expected: "nothing: a Namespace is cluster-scoped", received: "other" },
  ]);
});

test("run time: the name is a DNS-1123 label (no dots)", () => {
  assert.ok(namespace("a".repeat(63)).build());
  const label = 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)';
  assertProblems(() => namespace("team.shop").build(), [{ path: "metadata.name", expected: label, received: "team.shop" }]);
  assertProblems(() => namespace("a".repeat(64)).build(), [{ path: "metadata.name", expected: label, received: "a".repeat(64) }]);
  assertProblems(() => namespace(42 as any).build(), [{ path: "metadata.name", expected: label, received: 42 }]);
});

test.run();
