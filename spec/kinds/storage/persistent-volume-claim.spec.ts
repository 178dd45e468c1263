import { test } from "uvu";
import * as assert from "uvu/assert";
import { persistentVolumeClaim, type PersistentVolumeClaimManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const STORAGE = 'a quantity greater than zero such as "500Mi" or "10Gi"';
const MODES = 'one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"';

test("a minimal PersistentVolumeClaim: a name, a size, ReadWriteOnce", () => {
  const built = persistentVolumeClaim("data", "10Gi").build();
  const expected: PersistentVolumeClaimManifest = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every PersistentVolumeClaim method sets its field", () => {
  const built = persistentVolumeClaim("media", "500Gi")
    .namespace("shop")
    .labels({ app: "media" })
    .annotations({ "example.com/backup": "daily" })
    .accessModes("ReadWriteMany", "ReadOnlyMany")
    .storageClassName("nfs")
    .volumeMode("Filesystem")
    .volumeName("shared-media")
    .selector({ tier: "bulk" })
    .build();
  const expected: PersistentVolumeClaimManifest = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "media", namespace: "shop", labels: { app: "media" }, annotations: { "example.com/backup": "daily" } },
    spec: {
      accessModes: ["ReadWriteMany", "ReadOnlyMany"],
      storageClassName: "nfs",
      volumeMode: "Filesystem",
      volumeName: "shared-media",
      selector: { matchLabels: { tier: "bulk" } },
      resources: { requests: { storage: "500Gi" } },
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test('storageClassName("") asks for a volume with no class; Block volumes', () => {
  const built = persistentVolumeClaim("raw", "1Ti").storageClassName("").volumeMode("Block").accessModes("ReadWriteOncePod").build();
  assert.equal(built.spec, { accessModes: ["ReadWriteOncePod"], storageClassName: "", volumeMode: "Block", resources: { requests: { storage: "1Ti" } } });
  assertSchemaValid(built);
});

test("immutability: deriving never changes the base builder", () => {
  const base = persistentVolumeClaim("data", "1Gi");
  const derived = base.accessModes("ReadWriteMany").storageClassName("fast").selector({ a: "b" });
  assert.equal(base.build().spec, { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } });
  assert.equal(derived.build().spec, {
    accessModes: ["ReadWriteMany"],
    storageClassName: "fast",
    selector: { matchLabels: { a: "b" } },
    resources: { requests: { storage: "1Gi" } },
  });
});

test("immutability: build() returns a fresh object each call", () => {
  const builder = persistentVolumeClaim("data", "1Gi").selector({ a: "b" });
  const first = builder.build();
  first.spec.accessModes!.push("ReadOnlyMany");
  first.spec.resources!.requests!.storage = "2Gi";
  first.spec.selector!.matchLabels!.a = "changed";
  assert.equal(builder.build().spec, { accessModes: ["ReadWriteOnce"], selector: { matchLabels: { a: "b" } }, resources: { requests: { storage: "1Gi" } } });
});

test("run time: the storage size is a quantity greater than zero", () => {
  for (const good of ["1Gi", "500M", "0.5Gi", "1e9"]) assert.ok(persistentVolumeClaim("d", good as any).build(), good);
  for (const bad of ["XX", "1Yi", "1 Gi", "-1Gi", "0", "0Gi", ""]) {
    assertProblems(() => persistentVolumeClaim("d", bad as any).build(), [{ path: "spec.resources.requests.storage", expected: STORAGE, received: bad }]);
  }
});

test("run time: access modes: at least one, each known, ReadWriteOncePod alone", () => {
  assertProblems(() => persistentVolumeClaim("d", "1Gi").accessModes().build(), [{ path: "spec.accessModes", expected: "at least one access mode", received: [] }]);
  assertProblems(() => persistentVolumeClaim("d", "1Gi").accessModes("ReadWriteOnce", "ReadWriteSometimes" as any).build(), [
    { path: "spec.accessModes[1]", expected: MODES, received: "ReadWriteSometimes" },
  ]);
  assertProblems(() => persistentVolumeClaim("d", "1Gi").accessModes("ReadWriteOncePod", "ReadOnlyMany").build(), [
    { path: "spec.accessModes", expected: "ReadWriteOncePod alone (it can't be combined with other access modes)", received: ["ReadWriteOncePod", "ReadOnlyMany"] },
  ]);
  assert.ok(persistentVolumeClaim("d", "1Gi").accessModes("ReadWriteOnce", "ReadOnlyMany").build());
});

test("run time: names, class, volume name, volume mode and selector", () => {
  const subdomain = 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)';
  assertProblems(() => persistentVolumeClaim("Data", "1Gi").storageClassName("Fast SSD").volumeName("PV_1").volumeMode("Raw" as any).selector({ "bad key": "x" }).build(), [
    { path: "metadata.name", expected: subdomain, received: "Data" },
    { path: "spec.storageClassName", expected: subdomain, received: "Fast SSD" },
    { path: "spec.volumeMode", expected: 'one of "Filesystem", "Block"', received: "Raw" },
    { path: "spec.volumeName", expected: subdomain, received: "PV_1" },
    {
      path: "spec.selector.matchLabels",
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "bad key",
    },
  ]);
});

test("immutability: one base varied two ways gives two independent claims", () => {
  const base = persistentVolumeClaim("data", "1Gi").namespace("shop");
  const one = base.storageClassName("fast").accessModes("ReadWriteMany");
  const two = base.volumeMode("Block").selector({ tier: "db" });
  const metadata = { name: "data", namespace: "shop" };
  const resources = { requests: { storage: "1Gi" } };
  assert.equal(one.build(), { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata, spec: { accessModes: ["ReadWriteMany"], storageClassName: "fast", resources } });
  assert.equal(two.build(), { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata, spec: { accessModes: ["ReadWriteOnce"], volumeMode: "Block", selector: { matchLabels: { tier: "db" } }, resources } });
  assert.equal(base.build(), { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata, spec: { accessModes: ["ReadWriteOnce"], resources } });
});

test.run();
