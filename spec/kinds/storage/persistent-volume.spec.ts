import { test } from "uvu";
import * as assert from "uvu/assert";
import { persistentVolume, type PersistentVolumeManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const ONE_SOURCE = "exactly one volume source (.gcePersistentDisk(), .hostPath(), .nfs(), .csi() or .source())";
const NODE = { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] }] }] };

test("a minimal PersistentVolume: a name, a size, ReadWriteOnce and a source", () => {
  const built = persistentVolume("disk", "10Gi").hostPath("/mnt/disk").build();
  const expected: PersistentVolumeManifest = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "disk" },
    spec: { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/mnt/disk" } },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every PersistentVolume method sets its field", () => {
  const built = persistentVolume("local-ssd", "100Gi")
    .labels({ tier: "fast" })
    .annotations({ "example.com/rack": "r1" })
    .accessModes("ReadWriteOncePod")
    .storageClassName("local")
    .reclaimPolicy("Delete")
    .volumeMode("Block")
    .source({ local: { path: "/dev/nvme0n1" } })
    .nodeAffinity(NODE)
    .build();
  const expected: PersistentVolumeManifest = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "local-ssd", labels: { tier: "fast" }, annotations: { "example.com/rack": "r1" } },
    spec: {
      capacity: { storage: "100Gi" },
      storageClassName: "local",
      accessModes: ["ReadWriteOncePod"],
      persistentVolumeReclaimPolicy: "Delete",
      volumeMode: "Block",
      nodeAffinity: { required: NODE },
      local: { path: "/dev/nvme0n1" },
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("each source method sets its source, replacing the one before", () => {
  const base = persistentVolume("pv", "1Gi");
  const source = (b: typeof base) => {
    const { capacity, accessModes, ...rest } = b.build().spec;
    return rest;
  };
  assert.equal(source(base.gcePersistentDisk("disk-1")), { gcePersistentDisk: { pdName: "disk-1", fsType: "ext4" } });
  assert.equal(source(base.gcePersistentDisk("disk-1", "xfs")), { gcePersistentDisk: { pdName: "disk-1", fsType: "xfs" } });
  assert.equal(source(base.hostPath("/data")), { hostPath: { path: "/data" } });
  assert.equal(source(base.nfs("nfs.local", "/exports/data")), { nfs: { server: "nfs.local", path: "/exports/data" } });
  assert.equal(source(base.csi("pd.csi.storage.gke.io", "projects/p/disks/d")), { csi: { driver: "pd.csi.storage.gke.io", volumeHandle: "projects/p/disks/d" } });
  assert.equal(source(base.csi("ebs.csi.aws.com", "vol-1", "ext4")), { csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-1", fsType: "ext4" } });
  assert.equal(source(base.nfs("nfs.local", "/a").hostPath("/b")), { hostPath: { path: "/b" } });
  for (const pv of [base.gcePersistentDisk("d"), base.nfs("s", "/p"), base.csi("c.io", "h"), base.source({ iscsi: { targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0 } })]) {
    assertSchemaValid(pv.build());
  }
});

test("immutability: deriving never changes the base builder", () => {
  const base = persistentVolume("pv", "1Gi").hostPath("/a");
  const derived = base.accessModes("ReadWriteMany").storageClassName("x").reclaimPolicy("Retain").nfs("s", "/p");
  assert.equal(base.build().spec, { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/a" } });
  assert.equal(derived.build().spec, {
    capacity: { storage: "1Gi" },
    storageClassName: "x",
    accessModes: ["ReadWriteMany"],
    persistentVolumeReclaimPolicy: "Retain",
    nfs: { server: "s", path: "/p" },
  });
});

test("immutability: build() returns a fresh object each call, and a given source is copied", () => {
  const source = { local: { path: "/mnt/a" } };
  const affinity = structuredClone(NODE);
  const builder = persistentVolume("pv", "1Gi").source(source).nodeAffinity(affinity);
  source.local.path = "/mnt/changed";
  affinity.nodeSelectorTerms[0]!.matchExpressions[0]!.values.push("node-2");
  const first = builder.build();
  first.spec.local!.path = "/mutated";
  first.spec.accessModes!.push("ReadOnlyMany");
  first.spec.nodeAffinity!.required!.nodeSelectorTerms[0]!.matchExpressions![0]!.values!.push("node-3");
  assert.equal(builder.build().spec, { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], nodeAffinity: { required: NODE }, local: { path: "/mnt/a" } });
});

test("run time: exactly one volume source", () => {
  assertProblems(() => persistentVolume("pv", "1Gi").build(), [{ path: "spec", expected: ONE_SOURCE, received: [] }]);
  assertProblems(() => persistentVolume("pv", "1Gi").source({ hostPath: { path: "/a" }, nfs: { server: "s", path: "/p" } }).build(), [
    { path: "spec", expected: ONE_SOURCE, received: ["hostPath", "nfs"] },
  ]);
  assert.ok(persistentVolume("pv", "1Gi").source({ hostPath: { path: "/a" }, nfs: undefined }).build());
  // an untyped caller's unknown source
  assertProblems(() => persistentVolume("pv", "1Gi").source({ hostpath: { path: "/a" } } as any).build(), [
    { path: "spec", expected: 'one of "gcePersistentDisk", "hostPath", "nfs", "csi", "local", "awsElasticBlockStore", "azureDisk", "iscsi", "fc"', received: "hostpath" },
  ]);
});

test("run time: the sources' required fields and their form", () => {
  assertProblems(() => persistentVolume("pv", "1Gi").nfs("", "exports").build(), [
    { path: "spec.nfs.server", expected: "a non-empty string", received: "" },
    { path: "spec.nfs.path", expected: 'an absolute path (starting with "/")', received: "exports" },
  ]);
  assertProblems(() => persistentVolume("pv", "1Gi").hostPath("/data/../etc").build(), [
    { path: "spec.hostPath.path", expected: 'a path without ".." parts', received: "/data/../etc" },
  ]);
  assertProblems(() => persistentVolume("pv", "1Gi").csi("my_driver!", "").build(), [
    { path: "spec.csi.driver", expected: 'a CSI driver name (at most 63 letters, digits, "-" or ".", starting and ending with a letter or digit), e.g. "pd.csi.storage.gke.io"', received: "my_driver!" },
    { path: "spec.csi.volumeHandle", expected: "a non-empty string", received: "" },
  ]);
  assertProblems(() => persistentVolume("pv", "1Gi").gcePersistentDisk("").build(), [{ path: "spec.gcePersistentDisk.pdName", expected: "a non-empty string", received: "" }]);
  assertProblems(() => persistentVolume("pv", "1Gi").source({ nfs: { path: "/p" } } as any).build(), [{ path: "spec.nfs.server", expected: "a non-empty string", received: undefined }]);
  // the good twins
  assert.ok(persistentVolume("pv", "1Gi").nfs("10.0.0.2", "/exports").build());
  assert.ok(persistentVolume("pv", "1Gi").hostPath("/data/..cache").build());
  assert.ok(persistentVolume("pv", "1Gi").csi("Driver.Example.COM", "h").build());
});

test("run time: a local volume needs node affinity, with at least one term", () => {
  assertProblems(() => persistentVolume("pv", "1Gi").source({ local: { path: "/mnt/ssd" } }).build(), [
    { path: "spec.nodeAffinity", expected: "the nodes holding the local volume: call .nodeAffinity()", received: undefined },
  ]);
  assertProblems(() => persistentVolume("pv", "1Gi").hostPath("/a").nodeAffinity({ nodeSelectorTerms: [] }).build(), [
    { path: "spec.nodeAffinity.required.nodeSelectorTerms", expected: "at least one node selector term", received: [] },
  ]);
  assertSchemaValid(persistentVolume("pv", "1Gi").source({ local: { path: "/mnt/ssd" } }).nodeAffinity(NODE).build());
});

test("run time: capacity is a quantity greater than zero", () => {
  assert.ok(persistentVolume("pv", "1Gi").hostPath("/a").build());
  for (const bad of ["XX", "1Yi", "0", "-5Gi"]) {
    assertProblems(() => persistentVolume("pv", bad as any).hostPath("/a").build(), [
      { path: "spec.capacity.storage", expected: 'a quantity greater than zero such as "500Mi" or "10Gi"', received: bad },
    ]);
  }
});

test("run time: access modes, reclaim policy, volume mode and class", () => {
  assertProblems(() => persistentVolume("pv", "1Gi").hostPath("/a").accessModes().build(), [{ path: "spec.accessModes", expected: "at least one access mode", received: [] }]);
  assertProblems(() => persistentVolume("pv", "1Gi").hostPath("/a").accessModes("ReadWriteOncePod", "ReadWriteOnce").build(), [
    { path: "spec.accessModes", expected: "ReadWriteOncePod alone (it can't be combined with other access modes)", received: ["ReadWriteOncePod", "ReadWriteOnce"] },
  ]);
  assertProblems(() => persistentVolume("pv", "1Gi").hostPath("/a")
    .accessModes("ReadWriteSometimes" as any).reclaimPolicy("Keep" as any).volumeMode("Raw" as any).storageClassName("Fast").build(), [
    { path: "spec.storageClassName", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Fast" },
    { path: "spec.accessModes[0]", expected: 'one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"', received: "ReadWriteSometimes" },
    { path: "spec.persistentVolumeReclaimPolicy", expected: 'one of "Retain", "Delete", "Recycle"', received: "Keep" },
    { path: "spec.volumeMode", expected: 'one of "Filesystem", "Block"', received: "Raw" },
  ]);
  // "" is no class: it binds to claims that ask for none
  const noClass = persistentVolume("pv", "1Gi").hostPath("/a").storageClassName("").reclaimPolicy("Recycle").build();
  assert.equal(noClass.spec.storageClassName, "");
  assertSchemaValid(noClass);
});

test("run time: a PersistentVolume is cluster-scoped, so it has no namespace", () => {
  assertProblems(() => persistentVolume("pv", "1Gi").hostPath("/a").namespace("shop").build(), [
    { path: "metadata.namespace", expected: "nothing: a PersistentVolume is cluster-scoped", received: "shop" },
  ]);
  assertProblems(() => persistentVolume("PV", "1Gi").hostPath("/a").build(), [
    { path: "metadata.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "PV" },
  ]);
});


test("run time: a capacity in plain digits is at most 2^63-1 (the API server wraps larger ones around); suffixes are capped, not wrapped", () => {
  assert.ok(persistentVolume("v", "9223372036854775807").hostPath("/d").build());
  for (const size of ["9223372036854775808", "20000000000000000000"] as const) {
    assertProblems(() => persistentVolume("v", size).hostPath("/d").build(), [
      { path: "spec.capacity.storage", expected: "at most 9223372036854775807 bytes when written in digits (a larger number wraps around)", received: size },
    ]);
  }
  assert.ok(persistentVolume("v", "8Ei").hostPath("/d").build());
  assert.ok(persistentVolume("v", "1n").hostPath("/d").build(), "any positive size, rounded up to 1n");
});

test("immutability: one base varied two ways gives two independent volumes", () => {
  const base = persistentVolume("media", "10Gi").storageClassName("nfs");
  const one = base.nfs("nfs.example.com", "/exports/media").accessModes("ReadWriteMany");
  const two = base.hostPath("/data/media").reclaimPolicy("Delete");
  const spec = { capacity: { storage: "10Gi" }, storageClassName: "nfs" };
  assert.equal(one.build().spec, { ...spec, accessModes: ["ReadWriteMany"], nfs: { server: "nfs.example.com", path: "/exports/media" } });
  assert.equal(two.build().spec, { ...spec, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Delete", hostPath: { path: "/data/media" } });
  assertProblems(() => base.build(), [{ path: "spec", expected: ONE_SOURCE, received: [] }]);
});

test.run();
