import { test } from "uvu";
import * as assert from "uvu/assert";
import { configMap, deployment } from "../../lib/index.js";
import { assertProblems } from "../helpers.js";

test("annotation keys: the prefix may have capitals, as the API server lowercases it to check; label keys may not", () => {
  assert.ok(configMap("c").annotations({ "Example.com/Owner": "x" }).build());
  assertProblems(() => configMap("c").labels({ "Example.com/owner": "x" }).build(), [
    {
      path: "metadata.labels",
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "Example.com/owner",
    },
  ]);
});

test("annotations: at most 256 KiB of keys and values in all, in metadata and pod templates", () => {
  const limit = 256 * 1024;
  assert.ok(configMap("c").annotations({ a: "x".repeat(limit - 1) }).build());
  assertProblems(() => configMap("c").annotations({ a: "x".repeat(limit) }).build(), [
    { path: "metadata.annotations", expected: "at most 262144 bytes of keys and values in all (Kubernetes' limit)", received: "262145 bytes" },
  ]);
  assertProblems(() => deployment("web").image("a").templateAnnotations({ a: "é".repeat(limit / 2) }).build(), [
    { path: "spec.template.metadata.annotations", expected: "at most 262144 bytes of keys and values in all (Kubernetes' limit)", received: "262145 bytes" },
  ]);
});

test.run();
