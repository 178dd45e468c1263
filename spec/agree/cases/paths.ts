// Paths: mount paths, subPaths, hostPath volumes, working directories, PersistentVolume paths.
import { deployment, emptyDir, hostPath, persistentVolume } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { IMAGE } from "./values.js";

const PATHS = ["/", "/data", "/a/b", "/a/../b", "/a/..b", "/..", "data", "./data", "", "/a:b", "C:\\data", "/a b", "/ä", "//data", "/data/"];
const SUB_PATHS = ["a", "a/b", "", "/a", "a/../b", "..", "../a", "a/..", "..a", "a..", "./a", "a//b", "a:b"];

const mounting = (mountPath: string, subPath?: string) =>
  deployment("d").container((c) => c.image(IMAGE).mount(mountPath, emptyDir("cache"), subPath === undefined ? {} : { subPath }));

export const pathCases: Case[] = [
  ...each("paths", "Deployment", "volumeMounts[].mountPath", PATHS, (p) => mounting(p)),
  ...each("paths", "Deployment", "volumeMounts[].subPath", SUB_PATHS, (p) => mounting("/data", p)),
  ...each("paths", "Deployment", "two mounts at one path", ["/data", "/data/"], (p) => deployment("d").container((c) => c.image(IMAGE).mount("/data", emptyDir("a")).mount(p, emptyDir("b")))),
  ...each("paths", "Deployment", "volumes[].hostPath.path", PATHS, (p) => deployment("d").container((c) => c.image(IMAGE).mount("/host", hostPath(p)))),
  ...each("paths", "Deployment", "volumes[].hostPath.type", ["", "Directory", "DirectoryOrCreate", "File", "Socket", "directory", "Foo"], (t) =>
    deployment("d").container((c) => c.image(IMAGE).mount("/host", hostPath("/data", untyped(t))))),
  ...each("paths", "Deployment", "workingDir", ["/work", "work", "", " ", "/a b", "C:\\work"], (p) => deployment("d").container((c) => c.image(IMAGE).workingDir(p))),
  ...each("paths", "PersistentVolume", "spec.hostPath.path", PATHS, (p) => persistentVolume("v", "1Gi").hostPath(p)),
  ...each("paths", "PersistentVolume", "spec.nfs.path", PATHS, (p) => persistentVolume("v", "1Gi").nfs("nfs.example.com", p)),
  ...each("paths", "PersistentVolume", "spec.nfs.server", ["nfs.example.com", "1.2.3.4", "", "a b"], (s) => persistentVolume("v", "1Gi").nfs(s, "/exports")),
  ...each("paths", "PersistentVolume", "spec.local.path (with node affinity)", PATHS, (p) => persistentVolume("v", "1Gi").source({ local: { path: p } })
    .nodeAffinity({ nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["n1"] }] }] })),
];
