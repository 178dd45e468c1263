import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  claimTemplate, configMap, container, daemonSet, deployment, emptyDir, hostPath, job, persistentVolumeClaim, secret, volume,
} from "../../lib/index.js";
import { assertProblems } from "../helpers.js";
import { podOf } from "../schema.js";

const DNS_LABEL = 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)';
const pvc = persistentVolumeClaim("db-data", "1Gi");
const dbConfig = configMap("db-config").data({ "postgresql.conf": "a", "pg_hba.conf": "b" }).binaryData({ "logo.png": "iVBORw0KGgo=" });
const dbSecret = secret("db-secret").stringData({ "server.key": "k", "server.crt": "c" });

test("every kind of volume, named <container>-data-<index of the mount in the container> (Piceli's naming)", () => {
  const pod = podOf(deployment("db").container((c) =>
    c.image("postgres")
      .mount("/var/lib/postgresql/data", pvc, { subPath: "postgres" })
      .mount("/etc/postgresql", dbConfig, { items: ["postgresql.conf", "pg_hba.conf"], defaultMode: 0o777 })
      .mount("/etc/ssl/db", dbSecret, { items: ["server.key"], defaultMode: 0o600, readOnly: true })
      .mount("/var/run/postgresql", emptyDir("pg-socket"))
      .mount("/cache", emptyDir("cache", { medium: "Memory", sizeLimit: "64Mi" }))
      .mount("/host/log", hostPath("/var/log", "DirectoryOrCreate"))
      .mount("/etc/all-config", dbConfig)
      .mount("/etc/all-secret", dbSecret)));
  assert.equal(pod.containers[0]!.volumeMounts, [
    { name: "db-data-0", mountPath: "/var/lib/postgresql/data", subPath: "postgres" },
    { name: "db-data-1", mountPath: "/etc/postgresql" },
    { name: "db-data-2", mountPath: "/etc/ssl/db", readOnly: true },
    { name: "pg-socket", mountPath: "/var/run/postgresql" },
    { name: "cache", mountPath: "/cache" },
    { name: "db-data-5", mountPath: "/host/log" },
    { name: "db-data-6", mountPath: "/etc/all-config" },
    { name: "db-data-7", mountPath: "/etc/all-secret" },
  ]);
  assert.equal(pod.volumes, [
    { name: "db-data-0", persistentVolumeClaim: { claimName: "db-data" } },
    {
      name: "db-data-1",
      configMap: { name: "db-config", items: [{ key: "postgresql.conf", path: "postgresql.conf" }, { key: "pg_hba.conf", path: "pg_hba.conf" }], defaultMode: 0o777 },
    },
    { name: "db-data-2", secret: { secretName: "db-secret", items: [{ key: "server.key", path: "server.key" }], defaultMode: 0o600 } },
    { name: "pg-socket", emptyDir: {} },
    { name: "cache", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
    { name: "db-data-5", hostPath: { path: "/var/log", type: "DirectoryOrCreate" } },
    { name: "db-data-6", configMap: { name: "db-config" } },
    { name: "db-data-7", secret: { secretName: "db-secret", defaultMode: 0o600 } },
  ]);
});

test("a Secret's files are the owner's only (defaultMode 0o600, as Piceli writes it) unless the mount says otherwise", () => {
  const pod = podOf(job("x").container((c) => c.image("a").mount("/a", dbSecret).mount("/b", dbSecret, { defaultMode: 0o440 }).mount("/c", dbSecret, { defaultMode: 0o644, items: ["server.crt"] })));
  assert.equal(pod.volumes, [
    { name: "x-data-0", secret: { secretName: "db-secret", defaultMode: 0o600 } },
    { name: "x-data-1", secret: { secretName: "db-secret", defaultMode: 0o440 } },
    { name: "x-data-2", secret: { secretName: "db-secret", items: [{ key: "server.crt", path: "server.crt" }], defaultMode: 0o644 } },
  ]);
  // a ConfigMap keeps Kubernetes' default (0o644): nothing written
  assert.equal(podOf(job("x").container((c) => c.image("a").mount("/a", dbConfig))).volumes, [{ name: "x-data-0", configMap: { name: "db-config" } }]);
});

test("volume names chosen by the user: the mount's name option, shared by containers mounting the same name", () => {
  const pod = podOf(deployment("fluentd", { container: "agent" })
    .container((c) => c.image("fluentd:v1").mount("/var/log", hostPath("/var/log"), { name: "varlog", readOnly: true }).mount("/etc/fluent", dbConfig, { name: "config" }))
    .container("tail", (c) => c.image("busybox:1.36").mount("/logs", hostPath("/var/log"), { name: "varlog" }).mount("/data", pvc, { name: "data", subPath: "x" }).mount("/s", dbSecret, { name: "tls" })));
  assert.equal(pod.containers.map((c) => c.volumeMounts), [
    [{ name: "varlog", mountPath: "/var/log", readOnly: true }, { name: "config", mountPath: "/etc/fluent" }],
    [{ name: "varlog", mountPath: "/logs" }, { name: "data", mountPath: "/data", subPath: "x" }, { name: "tls", mountPath: "/s" }],
  ]);
  assert.equal(pod.volumes, [
    { name: "varlog", hostPath: { path: "/var/log" } },
    { name: "config", configMap: { name: "db-config" } },
    { name: "data", persistentVolumeClaim: { claimName: "db-data" } },
    { name: "tls", secret: { secretName: "db-secret", defaultMode: 0o600 } },
  ]);
});

test("run time: a volume name must be a DNS-1123 label, defined once, and emptyDir()/claimTemplate() mounts take their name from the source", () => {
  const at = "spec.template.spec";
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", hostPath("/var/log"), { name: "Var_Log" })).build(), [
    { path: `${at}.volumes[0].name`, expected: DNS_LABEL, received: "Var_Log" },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", hostPath("/var/log"), { name: "logs" }).mount("/b", pvc, { name: "logs" })).build(), [
    { path: `${at}.containers[0].volumeMounts[1].name`, expected: 'one definition per volume name; "logs" is defined twice differently', received: "logs" },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", emptyDir("scratch"), { name: "other" } as never)).build(), [
    { path: `${at}.containers[0].volumeMounts[0]`, expected: "a field of the options of a mount of emptyDir() (it names the volume itself) (subPath, readOnly, mountPropagation)", received: "name" },
  ]);
  // types: the name comes from emptyDir() and claimTemplate() themselves
  () => {
    job("x").container((c) => c.image("a").mount("/a", hostPath("/var/log"), { name: "varlog" }));
    // @ts-expect-error an emptyDir() names its volume itself: no name option
    job("x").container((c) => c.image("a").mount("/a", emptyDir("scratch"), { name: "other" }));
  };
});

test("a ConfigMap's items may name its binaryData keys; defaultMode 0 and 0o777 are the bounds", () => {
  const pod = podOf(job("x").container((c) => c.image("a").mount("/a", dbConfig, { items: ["logo.png"], defaultMode: 0 })));
  assert.equal(pod.volumes, [{ name: "x-data-0", configMap: { name: "db-config", items: [{ key: "logo.png", path: "logo.png" }], defaultMode: 0 } }]);
});

test("an emptyDir mounted by several containers is one volume, shared by name", () => {
  const socket = emptyDir("socket");
  const pod = podOf(deployment("app")
    .container((c) => c.image("app").mount("/run/app", socket))
    .container("proxy", (c) => c.image("proxy").mount("/run/proxy", emptyDir("socket")).mount("/data", pvc))
    .initContainer("init", (c) => c.image("busybox").mount("/run/init", socket)));
  assert.equal(pod.volumes, [
    { name: "socket", emptyDir: {} },
    { name: "proxy-data-1", persistentVolumeClaim: { claimName: "db-data" } },
  ]);
  assert.equal(pod.initContainers![0]!.volumeMounts, [{ name: "socket", mountPath: "/run/init" }]);
});

test("run time: one definition per volume name", () => {
  assertProblems(() => deployment("app")
    .container((c) => c.image("app").mount("/a", emptyDir("scratch")))
    .container("b", (c) => c.image("b").mount("/b", emptyDir("scratch", { medium: "Memory" })))
    .build(), [
    { path: "spec.template.spec.containers[1].volumeMounts[0].name", expected: 'one definition per volume name; "scratch" is defined twice differently', received: "scratch" },
  ]);
  assertProblems(() => job("app").container((c) => c.image("a").mount("/a", pvc).mount("/b", emptyDir("app-data-0"))).build(), [
    { path: "spec.template.spec.containers[0].volumeMounts[1].name", expected: 'one definition per volume name; "app-data-0" is defined twice differently', received: "app-data-0" },
  ]);
});

test("ConfigMap and Secret items: a key at its own name, or { key, path, mode } at a path of its own", () => {
  const pod = podOf(deployment("db").container((c) => c.image("postgres")
    .mount("/etc/postgresql", dbConfig, { items: ["pg_hba.conf", { key: "postgresql.conf", path: "conf.d/main.conf" }] })
    .mount("/etc/ssl/db", dbSecret, { items: [{ key: "server.key", path: "key.pem", mode: 0o400 }], name: "tls" })));
  assert.equal(pod.volumes, [
    { name: "db-data-0", configMap: { name: "db-config", items: [{ key: "pg_hba.conf", path: "pg_hba.conf" }, { key: "postgresql.conf", path: "conf.d/main.conf" }] } },
    { name: "tls", secret: { secretName: "db-secret", items: [{ key: "server.key", path: "key.pem", mode: 0o400 }], defaultMode: 0o600 } },
  ]);
  // types: an item's key is one of the builder's keys, as a string item's is
  () => deployment("db").container((c) => c.image("a").mount("/a", dbConfig, { items: [{ key: "logo.png", path: "logo" }] }));
  // @ts-expect-error "missing" is not one of the ConfigMap's keys
  () => deployment("db").container((c) => c.image("a").mount("/a", dbConfig, { items: [{ key: "missing", path: "x" }] }));
  () => deployment("db").container((c) => c.image("a").mount("/a", dbSecret, { items: [{ key: "server.key", path: "k", mode: 0o400 }] }));
  // @ts-expect-error an item has key, path and mode; "file" is none of them
  () => deployment("db").container((c) => c.image("a").mount("/a", dbSecret, { items: [{ key: "server.key", file: "k" }] }));
});

test("volume(name, source): a volume type piceli has no helper for, written as given and shared by name", () => {
  const artifact = volume("artifact", { image: { reference: "quay.io/crio/artifact:v2", pullPolicy: "IfNotPresent" } });
  const scratch = volume("scratch", { ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } } });
  const pod = podOf(deployment("app").container((c) => c.image("a").mount("/artifact", artifact, { subPath: "bin", readOnly: true }).mount("/scratch", scratch))
    .container("side", (c) => c.image("b").mount("/shared", volume("shared", { nfs: { server: "nfs.example.com", path: "/exports" } })).mount("/artifact", artifact)));
  assert.equal(pod.containers.map((c) => c.volumeMounts), [
    [{ name: "artifact", mountPath: "/artifact", subPath: "bin", readOnly: true }, { name: "scratch", mountPath: "/scratch" }],
    [{ name: "shared", mountPath: "/shared" }, { name: "artifact", mountPath: "/artifact" }],
  ]);
  assert.equal(pod.volumes, [
    { name: "artifact", image: { reference: "quay.io/crio/artifact:v2", pullPolicy: "IfNotPresent" } },
    { name: "scratch", ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } } },
    { name: "shared", nfs: { server: "nfs.example.com", path: "/exports" } },
  ]);
  // build() copies the source: changing the manifest never changes the builder's volume
  pod.volumes![0]!.image!.reference = "changed";
  assert.equal(artifact.source.image?.reference, "quay.io/crio/artifact:v2");
  // types: the volume names itself (no name option), and its source has no name
  // @ts-expect-error a volume() names itself: the mount takes no name
  () => deployment("app").container((c) => c.image("a").mount("/a", artifact, { name: "other" }));
  // @ts-expect-error the name is volume()'s first argument, not a field of the source
  () => volume("a", { name: "a", nfs: { server: "s", path: "/p" } });
  () => volume("a", { csi: { driver: "inline.storage.example.com", volumeAttributes: { size: "1Gi" } } });
});

test("run time: volume() has a DNS-1123 label name and at most one source (none is an emptyDir, as the API server defaults it)", () => {
  const at = "spec.template.spec.volumes";
  const expected = "one volume source besides the name, such as { image: { reference } } or { nfs: { server, path } } (or none: Kubernetes makes that an emptyDir)";
  assertProblems(() => job("x").container((c) => c.image("a")
    .mount("/a", volume("Bad_Name", { image: { reference: "r" } }))
    .mount("/b", volume("two", { image: { reference: "r" }, nfs: { server: "s", path: "/p" } }))
    .mount("/c", volume("none", null as never))
    .mount("/d", volume("named", { name: "x" } as never))).build(), [
    { path: `${at}[0].name`, expected: DNS_LABEL, received: "Bad_Name" },
    { path: `${at}[1]`, expected, received: { image: { reference: "r" }, nfs: { server: "s", path: "/p" } } },
    { path: `${at}[2]`, expected, received: null },
    { path: `${at}[3]`, expected, received: { name: "x" } },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", volume("v", { image: { reference: "r" } }), { name: "w" } as never)).build(), [
    { path: "spec.template.spec.containers[0].volumeMounts[0]", expected: "a field of the options of a mount of volume() (it names the volume itself) (subPath, readOnly, mountPropagation)", received: "name" },
  ]);
});

test("ConfigMap and Secret mounts may be optional: the pod starts without them", () => {
  const pod = podOf(deployment("app").container((c) => c.image("a")
    .mount("/etc/app", dbConfig, { optional: true, items: ["pg_hba.conf"] }).mount("/etc/tls", dbSecret, { optional: false, name: "tls" })));
  assert.equal(pod.volumes, [
    { name: "app-data-0", configMap: { name: "db-config", items: [{ key: "pg_hba.conf", path: "pg_hba.conf" }], optional: true } },
    { name: "tls", secret: { secretName: "db-secret", defaultMode: 0o600, optional: false } },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", dbSecret, { optional: "yes" as never })).build(), [
    { path: "spec.template.spec.volumes[0].secret.optional", expected: "true or false", received: "yes" },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", pvc, { optional: true } as never)).build(), [
    { path: "spec.template.spec.containers[0].volumeMounts[0]", expected: "a field of a mount's options (subPath, readOnly, mountPropagation, name)", received: "optional" },
  ]);
  // types: only a ConfigMap's or Secret's mount can be optional
  () => deployment("app").container((c) => c.image("a").mount("/a", dbConfig, { optional: true }));
  // @ts-expect-error a claim is never optional: optional is a ConfigMap or Secret mount's option
  () => deployment("app").container((c) => c.image("a").mount("/a", pvc, { optional: true }));
});

test("mountPropagation: HostToContainer for any container, Bidirectional for privileged ones", () => {
  const pod = podOf(daemonSet("agent").container((c) => c.image("a").mount("/host/proc", hostPath("/proc"), { name: "proc", readOnly: true, mountPropagation: "HostToContainer" }))
    .container("csi", (c) => c.image("b").securityContext({ privileged: true }).mount("/var/lib/kubelet", hostPath("/var/lib/kubelet"), { name: "kubelet", mountPropagation: "Bidirectional" })
      .mount("/cache", emptyDir("cache"), { mountPropagation: "None" })));
  assert.equal(pod.containers.map((c) => c.volumeMounts), [
    [{ name: "proc", mountPath: "/host/proc", readOnly: true, mountPropagation: "HostToContainer" }],
    [{ name: "kubelet", mountPath: "/var/lib/kubelet", mountPropagation: "Bidirectional" }, { name: "cache", mountPath: "/cache", mountPropagation: "None" }],
  ]);
  const at = "spec.template.spec";
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", hostPath("/a"), { mountPropagation: "Bidirectional" }))
    .initContainer("init", (c) => c.image("a").securityContext({ privileged: false }).mount("/b", emptyDir("b"), { mountPropagation: "Bidirectional" }).mount("/c", dbConfig, { mountPropagation: "Both" as never })).build(), [
    { path: `${at}.initContainers[0].volumeMounts[0].mountPropagation`, expected: '"None" or "HostToContainer" ("Bidirectional" needs a privileged container: securityContext({ privileged: true }))', received: "Bidirectional" },
    { path: `${at}.initContainers[0].volumeMounts[1].mountPropagation`, expected: 'one of "None", "HostToContainer", "Bidirectional"', received: "Both" },
    { path: `${at}.containers[0].volumeMounts[0].mountPropagation`, expected: '"None" or "HostToContainer" ("Bidirectional" needs a privileged container: securityContext({ privileged: true }))', received: "Bidirectional" },
  ]);
  // types: the three modes only
  () => job("x").container((c) => c.image("a").mount("/a", emptyDir("a"), { mountPropagation: "HostToContainer" }));
  // @ts-expect-error "Both" is not a MountPropagation
  () => job("x").container((c) => c.image("a").mount("/a", emptyDir("a"), { mountPropagation: "Both" }));
});

test("run time: an item's key, path, mode and fields", () => {
  const at = "spec.template.spec.volumes[0].secret.items";
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", dbSecret, { items: [
    { key: "nope" as never, path: "/abs" }, { key: "server.key", path: "a/../b", mode: 0o1000 }, { key: "server.crt", path: "", file: "x" } as never, 7 as never,
  ] })).build(), [
    { path: `${at}[0].key`, expected: 'one of the keys ["server.key","server.crt"]', received: "nope" },
    { path: `${at}[0].path`, expected: 'a relative path (not empty, no leading "/", no ".." part, not starting with "..")', received: "/abs" },
    { path: `${at}[1].path`, expected: 'a relative path (not empty, no leading "/", no ".." part, not starting with "..")', received: "a/../b" },
    { path: `${at}[1].mode`, expected: "an integer from 0 to 511", received: 0o1000 },
    { path: `${at}[2]`, expected: "a field of an item (key, path, mode)", received: "file" },
    { path: `${at}[2].path`, expected: 'a relative path (not empty, no leading "/", no ".." part, not starting with "..")', received: "" },
    { path: `${at}[3]`, expected: "a key, or { key, path, mode }", received: 7 },
  ]);
});

test("run time: ConfigMap and Secret items and modes", () => {
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", dbConfig, { items: ["missing" as never] })).build(), [
    { path: "spec.template.spec.volumes[0].configMap.items[0].key", expected: 'one of the keys ["postgresql.conf","pg_hba.conf","logo.png"]', received: "missing" },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", dbSecret, { items: [] })).build(), [
    { path: "spec.template.spec.volumes[0].secret.items", expected: "at least one key, or no items option to mount every key", received: [] },
  ]);
  for (const mode of [-1, 0o1000, 1.5]) {
    assertProblems(() => job("x").container((c) => c.image("a").mount("/a", dbSecret, { defaultMode: mode })).build(), [
      { path: "spec.template.spec.volumes[0].secret.defaultMode", expected: "an integer from 0 to 511", received: mode },
    ]);
  }
});

test("run time: mount paths are given and unique in a container; subPaths stay inside the volume", () => {
  const at = "spec.template.spec.containers[0].volumeMounts";
  assertProblems(() => job("x").container((c) => c.image("a").mount("", pvc).mount("/a", pvc).mount("/a", emptyDir("e"))).build(), [
    { path: `${at}[0].mountPath`, expected: "a non-empty string", received: "" },
    { path: `${at}[2].mountPath`, expected: "a path no other mount of this container uses", received: "/a" },
  ]);
  // the API server takes any path: a Windows node's, or a relative one the runtime reads from "/"; "" is no subPath
  assert.ok(job("x").container((c) => c.image("a").mount("C:\\data", pvc).mount("data", emptyDir("e"), { subPath: "" })).build());
  for (const subPath of ["/abs", "../up", "a/../../b"]) {
    assertProblems(() => job("x").container((c) => c.image("a").mount("/a", pvc, { subPath })).build(), [
      { path: `${at}[0].subPath`, expected: 'a relative path inside the volume (no leading "/", no "..")', received: subPath },
    ]);
  }
  assert.equal(podOf(job("x").container((c) => c.image("a").mount("/a", pvc, { subPath: "a/b..c" }))).containers[0]!.volumeMounts, [
    { name: "x-data-0", mountPath: "/a", subPath: "a/b..c" },
  ]);
  assert.ok(podOf(job("x").image("a").container("b", (c) => c.image("b").mount("/a", pvc)).container("c", (c) => c.image("c").mount("/a", pvc))), "another container may use the same path");
});

test("run time: emptyDir, hostPath and mount options from untyped callers", () => {
  const at = "spec.template.spec";
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", emptyDir("Scratch", { medium: "Disk" as any, sizeLimit: "1 GB" as any }))).build(), [
    { path: `${at}.volumes[0].name`, expected: DNS_LABEL, received: "Scratch" },
    { path: `${at}.volumes[0].emptyDir.medium`, expected: 'one of "Memory"', received: "Disk" },
    { path: `${at}.volumes[0].emptyDir.sizeLimit`, expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: "1 GB" },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", hostPath("", "Folder" as any)).mount("/b", hostPath("/var/../etc"))).build(), [
    { path: `${at}.volumes[0].hostPath.path`, expected: 'a path on the node without ".." parts', received: "" },
    { path: `${at}.volumes[0].hostPath.type`, expected: 'one of "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"', received: "Folder" },
    { path: `${at}.volumes[1].hostPath.path`, expected: 'a path on the node without ".." parts', received: "/var/../etc" },
  ]);
  assert.ok(job("x").container((c) => c.image("a").mount("/a", hostPath("var/log")).mount("/b", hostPath("C:\\logs"))).build(), "the API server takes relative and Windows paths");
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", pvc, { readonly: true, items: ["a"] } as any).mount("/b", dbConfig, { readOnly: "yes" } as any)).build(), [
    { path: `${at}.containers[0].volumeMounts[0]`, expected: "a field of a mount's options (subPath, readOnly, mountPropagation, name)", received: "readonly" },
    { path: `${at}.containers[0].volumeMounts[0]`, expected: "a field of a mount's options (subPath, readOnly, mountPropagation, name)", received: "items" },
    { path: `${at}.containers[0].volumeMounts[1].readOnly`, expected: "true or false", received: "yes" },
  ]);
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", "my-pvc" as any)).build(), [
    { path: `${at}.volumes[0]`, expected: "a PersistentVolumeClaim, ConfigMap or Secret builder, emptyDir(), hostPath(), claimTemplate(), projected(), downwardAPI() or volume()", received: "my-pvc" },
  ]);
});

test("run time: generated volume names must be DNS labels too (a long container name)", () => {
  const name = "c".repeat(60);
  assertProblems(() => job("x").image("a").container(name, (c) => c.image("a").mount("/a", pvc)).build(), [
    { path: "spec.template.spec.volumes[0].name", expected: DNS_LABEL, received: `${name}-data-0` },
  ]);
});

test("run time: problems of a volume after a claim template point at the right volume", () => {
  assertProblems(() => deployment("x").container((c) => c.image("a").mount("/t", claimTemplate("data", "1Gi")).mount("/e", emptyDir("E"))).build(), [
    { path: "spec.template.spec.containers[0].volumeMounts[0]", expected: "a volume the pod can have: claimTemplate() mounts only work in a StatefulSet", received: "data" },
    { path: "spec.template.spec.volumes[0].name", expected: DNS_LABEL, received: "E" },
  ]);
});

test("a standalone container keeps its mounts; the pod that takes it gets the volumes", () => {
  const app = container("app").image("app").mount("/data", pvc);
  assert.equal(app.build().volumeMounts, [{ name: "app-data-0", mountPath: "/data" }]);
  assert.equal(podOf(job("x").container(app)).volumes, [{ name: "app-data-0", persistentVolumeClaim: { claimName: "db-data" } }]);
});

test("run time: a ConfigMap or Secret mount's options are checked too", () => {
  assertProblems(() => job("x").container((c) => c.image("a").mount("/a", dbConfig, { item: ["x"] } as any).mount("/b", dbSecret, { mode: 0o400, readOnly: true } as any)).build(), [
    { path: "spec.template.spec.containers[0].volumeMounts[0]", expected: "a field of a ConfigMap or Secret mount's options (subPath, readOnly, mountPropagation, name, items, defaultMode, optional)", received: "item" },
    { path: "spec.template.spec.containers[0].volumeMounts[1]", expected: "a field of a ConfigMap or Secret mount's options (subPath, readOnly, mountPropagation, name, items, defaultMode, optional)", received: "mode" },
  ]);
});

test.run();
