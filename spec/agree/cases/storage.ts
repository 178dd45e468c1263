// StorageClass provisioners and parameters, claims' access modes, volume sources.
import { persistentVolume, persistentVolumeClaim, storageClass } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { label, subdomain } from "./values.js";

const PROVISIONERS = ["kubernetes.io/gce-pd", "pd.csi.storage.gke.io", "a", "A", "example.com/Fast_1", "a/b/c", "", "-a", "/a", "a/", label(63), label(64), `${subdomain(253)}/a`, "ä"];
const ACCESS_MODES: unknown[][] = [
  ["ReadWriteOnce"], ["ReadOnlyMany"], ["ReadWriteMany"], ["ReadWriteOncePod"], ["ReadWriteOncePod", "ReadWriteOnce"], ["ReadWriteOnce", "ReadWriteOnce"], [], ["readwriteonce"], ["RWO"],
];
const vol = () => persistentVolume("v", "1Gi").hostPath("/data");

export const storageCases: Case[] = [
  ...each("storage classes", "StorageClass", "provisioner", PROVISIONERS, (p) => storageClass("s", p)),
  ...each("storage classes", "StorageClass", "parameters", [{ type: "pd-ssd" }, { "": "x" }, { a: "" }, { "a b": "x" }, { A_b: "x" }, Object.fromEntries(Array.from({ length: 512 }, (_, i) => [`k${i}`, "v"])),
    Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, "v"])), { big: "x".repeat(256 * 1024) }], (p) => storageClass("s", "example.com/fast").parameters(p)),
  ...each("storage classes", "StorageClass", "reclaimPolicy", ["Delete", "Retain", "Recycle", "delete"], (p) => storageClass("s", "example.com/fast").reclaimPolicy(untyped(p))),
  ...each("storage classes", "StorageClass", "volumeBindingMode", ["Immediate", "WaitForFirstConsumer", "immediate", ""], (m) => storageClass("s", "example.com/fast").volumeBindingMode(untyped(m))),
  ...each("storage classes", "StorageClass", "mountOptions", [["debug"], [""], ["nfsvers=4.1", "ro"], []], (o) => storageClass("s", "example.com/fast").mountOptions(...o)),
  ...each("storage classes", "StorageClass", "allowedTopologies", [
    [{ "topology.kubernetes.io/zone": ["a", "b"] }], [{ zone: ["a"], disk: ["ssd"] }, { zone: ["b"] }], [{}], [{ zone: [] }], [{ zone: ["a", "a"] }], [{ zone: ["", " a b", "ä"] }],
    [{ "a b": ["x"] }], [{ "Example.com/zone": ["x"] }], [{ zone: ["a", "b"] }, { zone: ["b", "a"] }], [{ zone: ["a"] }, { zone: ["a"], disk: ["x"] }],
  ], (t) => storageClass("s", "example.com/fast").allowedTopologies(...untyped<[]>(t))),
  ...each("storage classes", "StorageClass", "allowVolumeExpansion", [true, untyped("yes")], (a) => storageClass("s", "example.com/fast").allowVolumeExpansion(a)),
  ...each("storage claims", "PersistentVolumeClaim", "spec.accessModes", ACCESS_MODES, (m) => persistentVolumeClaim("c", "1Gi").accessModes(...untyped<[]>(m))),
  ...each("storage claims", "PersistentVolumeClaim", "spec.storageClassName", ["fast", "", "Fast", "a.b", "a_b", label(64)], (n) => persistentVolumeClaim("c", "1Gi").storageClassName(n)),
  ...each("storage claims", "PersistentVolumeClaim", "spec.volumeMode", ["Filesystem", "Block", "block", ""], (m) => persistentVolumeClaim("c", "1Gi").volumeMode(untyped(m))),
  ...each("storage claims", "PersistentVolumeClaim", "spec.volumeName", ["pv-1", "PV", "a.b", "a_b"], (n) => persistentVolumeClaim("c", "1Gi").volumeName(n)),
  ...each("storage volumes", "PersistentVolume", "spec.accessModes", ACCESS_MODES, (m) => vol().accessModes(...untyped<[]>(m))),
  ...each("storage volumes", "PersistentVolume", "spec.persistentVolumeReclaimPolicy (hostPath)", ["Retain", "Delete", "Recycle", "retain"], (p) => vol().reclaimPolicy(untyped(p))),
  ...each("storage volumes", "PersistentVolume", "spec.persistentVolumeReclaimPolicy Recycle (csi)", ["Recycle"], (p) => persistentVolume("v", "1Gi").csi("example.com", "h").reclaimPolicy(untyped(p))),
  ...each("storage volumes", "PersistentVolume", "spec.storageClassName", ["fast", "", "Fast", "a_b"], (n) => vol().storageClassName(n)),
  ...each("storage volumes", "PersistentVolume", "spec.volumeMode", ["Filesystem", "Block", "block"], (m) => vol().volumeMode(untyped(m))),
  ...each("storage volumes", "PersistentVolume", "spec.csi.driver", ["pd.csi.storage.gke.io", "Example.Com", "a", "a_b", "", "-a", label(63), label(64), "a/b"], (d) => persistentVolume("v", "1Gi").csi(d, "h")),
  ...each("storage volumes", "PersistentVolume", "spec.csi.volumeHandle", ["h", "", "a b", "a/b"], (h) => persistentVolume("v", "1Gi").csi("example.com", h)),
  ...each("storage volumes", "PersistentVolume", "spec.gcePersistentDisk", [["disk", "ext4"], ["", "ext4"], ["disk", ""]], ([pd, fs]) => persistentVolume("v", "1Gi").gcePersistentDisk(pd!, fs)),
  ...each("storage volumes", "PersistentVolume", "source", [{}, { hostPath: { path: "/a" }, nfs: { server: "s", path: "/a" } }, { local: { path: "/a" } }, { iscsi: { targetPortal: "1.2.3.4", iqn: "iqn.2001-04.com.example:storage", lun: 0 } }],
    (s) => persistentVolume("v", "1Gi").source(untyped(s))),
  ...each("storage volumes", "PersistentVolume", "spec.nodeAffinity", [{ nodeSelectorTerms: [] }, { nodeSelectorTerms: [{ matchExpressions: [{ key: "a", operator: "Exists" }] }] }], (a) => vol().nodeAffinity(a)),
];
