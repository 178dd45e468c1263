import { test } from "uvu";
import * as assert from "uvu/assert";
import { storageClass, type StorageClassManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("a minimal StorageClass: a name and a provisioner", () => {
  const built = storageClass("standard", "kubernetes.io/no-provisioner").build();
  const expected: StorageClassManifest = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "standard" }, provisioner: "kubernetes.io/no-provisioner" };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every StorageClass method sets its field", () => {
  const built = storageClass("fast", "pd.csi.storage.gke.io")
    .labels({ tier: "fast" })
    .annotations({ "storageclass.kubernetes.io/is-default-class": "true" })
    .parameters({ type: "pd-ssd" })
    .parameters({ "replication-type": "regional-pd" })
    .reclaimPolicy("Retain")
    .volumeBindingMode("WaitForFirstConsumer")
    .allowVolumeExpansion()
    .mountOptions("debug", "nfsvers=4.1")
    .allowedTopologies({ "topology.kubernetes.io/zone": ["europe-west1-b", "europe-west1-c"] })
    .allowedTopologies({ "topology.kubernetes.io/zone": ["europe-west1-d"], "example.com/disk": ["ssd"] })
    .build();
  const expected: StorageClassManifest = {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "fast", labels: { tier: "fast" }, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "pd.csi.storage.gke.io",
    parameters: { type: "pd-ssd", "replication-type": "regional-pd" },
    reclaimPolicy: "Retain",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
    mountOptions: ["debug", "nfsvers=4.1"],
    allowedTopologies: [
      { matchLabelExpressions: [{ key: "topology.kubernetes.io/zone", values: ["europe-west1-b", "europe-west1-c"] }] },
      { matchLabelExpressions: [{ key: "topology.kubernetes.io/zone", values: ["europe-west1-d"] }, { key: "example.com/disk", values: ["ssd"] }] },
    ],
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("immutability: deriving never changes the base builder; build() returns a fresh object each call", () => {
  const base = storageClass("sc", "example.com/p").parameters({ a: "1" }).mountOptions("ro");
  const derived = base.parameters({ b: "2" }).reclaimPolicy("Delete").allowVolumeExpansion(false).mountOptions("rw");
  assert.equal(base.build(), {
    apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "sc" }, provisioner: "example.com/p", parameters: { a: "1" }, mountOptions: ["ro"],
  });
  assert.equal(derived.build(), {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "sc" },
    provisioner: "example.com/p",
    parameters: { a: "1", b: "2" },
    reclaimPolicy: "Delete",
    allowVolumeExpansion: false,
    mountOptions: ["rw"],
  });
  const first = base.build();
  first.parameters!.a = "changed";
  first.mountOptions!.push("more");
  assert.equal(base.build().parameters, { a: "1" });
  assert.equal(base.build().mountOptions, ["ro"]);
});

test("run time: a StorageClass is cluster-scoped, so it has no namespace", () => {
  assertProblems(() => storageClass("sc", "example.com/p").namespace("shop").build(), [
    { path: "metadata.namespace", expected: "nothing: a StorageClass is cluster-scoped", received: "shop" },
  ]);
});

test("run time: the provisioner is a qualified name; the name a DNS-1123 subdomain", () => {
  assertProblems(() => storageClass("Fast", "not a provisioner").build(), [
    { path: "metadata.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Fast" },
    {
      path: "provisioner",
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "not a provisioner",
    },
  ]);
  assert.ok(storageClass("fast", "ebs.csi.aws.com").build());
});

test("run time: an untyped caller's reclaim policy, binding mode, expansion flag, parameters and mount options", () => {
  assertProblems(() => storageClass("sc", "example.com/p")
    .reclaimPolicy("Recycle" as any).volumeBindingMode("Later" as any).allowVolumeExpansion("yes" as any)
    .parameters({ "": "x", size: 10 } as any).mountOptions(1 as any).build(), [
    { path: "parameters", expected: "a non-empty string", received: "" },
    { path: 'parameters["size"]', expected: "a string", received: 10 },
    { path: "reclaimPolicy", expected: 'one of "Retain", "Delete"', received: "Recycle" },
    { path: "volumeBindingMode", expected: 'one of "Immediate", "WaitForFirstConsumer"', received: "Later" },
    { path: "allowVolumeExpansion", expected: "true or false", received: "yes" },
    { path: "mountOptions[0]", expected: "a string", received: 1 },
  ]);
  assert.ok(storageClass("sc", "example.com/p").mountOptions("").build());
});

test("run time: at most 512 parameters and 256 KiB of them, as the API server allows", () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
  assert.ok(storageClass("sc", "example.com/p").parameters(many(512)).build());
  assertProblems(() => storageClass("sc", "example.com/p").parameters(many(513)).build(), [{ path: "parameters", expected: "at most 512 parameters", received: 513 }]);
  assertProblems(() => storageClass("sc", "example.com/p").parameters({ a: "x".repeat(256 * 1024) }).build(), [
    { path: "parameters", expected: "at most 262144 bytes of keys and values in all", received: "262145 bytes" },
  ]);
});


test("run time: allowedTopologies as the API server checks them: label keys, a value at least, each value once, each term once", () => {
  const sc = storageClass("sc", "example.com/p");
  const at = "allowedTopologies";
  assertProblems(() => sc.allowedTopologies({ "a b": ["x"] }, { zone: [] as never }, { zone: ["a", "a"] }).build(), [
    { path: `${at}[0].matchLabelExpressions[0].key`, expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "a b" },
    { path: `${at}[1].matchLabelExpressions[0].values`, expected: "at least one value", received: [] },
    { path: `${at}[2].matchLabelExpressions[0].values[1]`, expected: "each value once", received: "a" },
  ]);
  // the same keys and values in another order are the same term; an empty term is refused ("Duplicate value" on the server)
  assertProblems(() => sc.allowedTopologies({ zone: ["a", "b"], disk: ["ssd"] }, { disk: ["ssd"], zone: ["b", "a"] }, {}).build(), [
    { path: `${at}[1].matchLabelExpressions`, expected: "a term not given before", received: { disk: ["ssd"], zone: ["b", "a"] } },
    { path: `${at}[2].matchLabelExpressions`, expected: "at least one label key with its values", received: {} },
  ]);
  // values are not label values: the server takes any string
  assert.equal(sc.allowedTopologies({ zone: ["", "a b"] }).build().allowedTopologies, [{ matchLabelExpressions: [{ key: "zone", values: ["", "a b"] }] }]);
  () => {
    sc.allowedTopologies({ zone: ["a"] });
    // @ts-expect-error a topology key needs at least one value
    sc.allowedTopologies({ zone: [] });
  };
});

test("immutability: one base varied two ways gives two independent StorageClasses", () => {
  const base = storageClass("fast", "pd.csi.storage.gke.io").parameters({ type: "pd-ssd" });
  const one = base.parameters({ "replication-type": "regional-pd" }).reclaimPolicy("Retain");
  const two = base.volumeBindingMode("WaitForFirstConsumer").mountOptions("debug");
  const start = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "pd.csi.storage.gke.io" } as const;
  assert.equal(one.build(), { ...start, parameters: { type: "pd-ssd", "replication-type": "regional-pd" }, reclaimPolicy: "Retain" });
  assert.equal(two.build(), { ...start, parameters: { type: "pd-ssd" }, volumeBindingMode: "WaitForFirstConsumer", mountOptions: ["debug"] });
  assert.equal(base.build(), { ...start, parameters: { type: "pd-ssd" } });
});

test.run();
