// Volumes: names chosen by the user, ConfigMap and Secret modes and items, claim templates' metadata.
import {
  claimTemplate, configMap, deployment, downwardAPI, hostPath, persistentVolumeClaim, projectClusterTrustBundle, projectConfigMap, projectDownwardAPI, projected, projectSecret,
  projectServiceAccountToken, secret, statefulSet, volume, type DownwardAPIFile, type Projection, type VolumeFields,
} from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { IMAGE } from "./values.js";

const MODES = [0, 0o400, 0o600, 0o644, 0o777, 0o1000, -1, 1.5];
const VOLUME_NAMES = ["varlog", "Varlog", "a.b", "a_b", "", "a".repeat(63), "a".repeat(64), "-a"];
const tls = secret("tls").stringData({ "tls.crt": "c", "tls.key": "k" });
const settings = configMap("settings").data({ "app.yaml": "a: 1\n" });
const FILE_PATHS = ["a", "a/b", "a/", "a..b", "a/..b", "", "/a", "..", "..a", "a/../b", "a/..", "./a", "a//b"];
const FIELDS = ["metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels", "metadata.annotations", "metadata.labels['team']", "metadata.labels['a b']",
  "metadata.annotations['Example.com/owner']", "metadata.annotations['-x']", "spec.nodeName", "status.podIP", "metadata.generateName", ""];
const mounting = (volume: Parameters<typeof projected>[1] | Readonly<Record<string, DownwardAPIFile>>, kind: "projected" | "downwardAPI", defaultMode?: number) =>
  deployment("d").container((c) => c.image(IMAGE).mount("/etc/files", kind === "projected"
    ? projected("files", volume as Projection[], defaultMode === undefined ? {} : { defaultMode })
    : downwardAPI("files", volume as Record<string, DownwardAPIFile>, defaultMode === undefined ? {} : { defaultMode })));
const RESOURCE_REFS: unknown[] = [
  { containerName: "d", resource: "limits.cpu", divisor: "1m" }, { containerName: "d", resource: "requests.memory", divisor: "1Mi" }, { resource: "limits.cpu" },
  { containerName: "D", resource: "limits.cpu" }, { containerName: "d", resource: "limits.gpu" }, { containerName: "d", resource: "limits.cpu", divisor: "1Mi" },
];
// the server drops the source unless both beta gates are on (and then checks it): the cases agree either way only with them on
const TRUST_GATES = "the beta ClusterTrustBundle and ClusterTrustBundleProjection feature gates (off by default in 1.36: the server then drops the source)";
const TRUST_BUNDLES: unknown[] = [
  { name: "ca" }, { name: "example.com:ca:v1" }, { name: "A_B:x" }, { name: "a/b:c" }, { name: "x:" }, { name: ":x" }, { name: "a:B" }, { name: "Ca" }, { name: "" },
  { signerName: "example.com/ca" }, { signerName: "example.com/a.b-c" }, { signerName: "kubernetes.io/kube-apiserver-client" }, { signerName: "example.com/a/b" },
  { signerName: "com/a" }, { signerName: "Example.com/a" }, { signerName: "example.com/A" }, { signerName: "example.com/a_b" }, { signerName: "example.com/" },
  { signerName: "" }, { signerName: `example.com/${"a".repeat(64)}` }, { signerName: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}/x` },
  { name: "ca", signerName: "example.com/ca" }, {}, { name: "ca", labelSelector: { matchLabels: { a: "b" } } },
  { signerName: "example.com/ca", labelSelector: {} }, { signerName: "example.com/ca", labelSelector: { matchLabels: { "a b": "c" } } },
  { signerName: "example.com/ca", labelSelector: { matchExpressions: [{ key: "a", operator: "In", values: [] }] } },
  { name: "ca", optional: true }, { name: "ca", optional: false },
];
const data = (options: object) => statefulSet("db").container((c) => c.image(IMAGE).mount("/data", claimTemplate("data", "1Gi", untyped(options))));

export const volumeCases: Case[] = [
  ...each("volumes", "Deployment", "mount name option (hostPath)", VOLUME_NAMES, (name) => deployment("d").container((c) => c.image(IMAGE).mount("/var/log", hostPath("/var/log"), { name }))),
  ...each("volumes", "Deployment", "mount name option (claim, ConfigMap, Secret)", ["data", "Data"], (name) => deployment("d").container((c) => c.image(IMAGE)
    .mount("/a", persistentVolumeClaim("claim", "1Gi"), { name: `${name}-1` }).mount("/b", settings, { name: `${name}-2` }).mount("/c", tls, { name: `${name}-3` }))),
  // (two different definitions of one name are the DSL's to refuse: the manifest it writes has only one)
  ...each("volumes", "Deployment", "two mounts of one named volume", ["logs"], (name) => deployment("d").container((c) => c.image(IMAGE)
    .mount("/a", hostPath("/var/log"), { name }).mount("/b", hostPath("/var/log"), { name }))),
  ...each("volumes", "Deployment", "secret defaultMode (unset: 0o600)", [undefined, ...MODES], (defaultMode) => deployment("d").container((c) => c.image(IMAGE)
    .mount("/tls", tls, defaultMode === undefined ? {} : { defaultMode }))),
  // volume() writes its source as given (the server checks what is inside); the DSL checks the name and that there is one source
  ...each("volumes", "Deployment", "volume() source", [
    { image: { reference: "quay.io/crio/artifact:v2", pullPolicy: "IfNotPresent" } }, { nfs: { server: "nfs.example.com", path: "/exports", readOnly: true } },
    { csi: { driver: "inline.storage.example.com" } }, { ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } } },
    {}, { image: { reference: "r" }, nfs: { server: "s", path: "/p" } },
  ] satisfies VolumeFields[], (source) => deployment("d").container((c) => c.image(IMAGE).mount("/v", volume("v", source)))),
  ...each("volumes", "Deployment", "volume() name", VOLUME_NAMES, (name) => deployment("d").container((c) => c.image(IMAGE).mount("/v", volume(name, { nfs: { server: "s", path: "/p" } })))),
  ...each("volumes", "Deployment", "mountPropagation (container not privileged)", ["None", "HostToContainer", "Bidirectional", "none", ""], (mode) =>
    deployment("d").container((c) => c.image(IMAGE).mount("/host", hostPath("/var/lib"), { name: "host", mountPropagation: untyped(mode) }))),
  ...each("volumes", "Deployment", "mountPropagation (privileged container)", ["None", "HostToContainer", "Bidirectional"], (mode) =>
    deployment("d").container((c) => c.image(IMAGE).securityContext({ privileged: true }).mount("/host", hostPath("/var/lib"), { name: "host", mountPropagation: untyped(mode) }))),
  ...each("volumes", "Deployment", "configMap and secret optional", [true, false, "true"], (optional) => deployment("d").container((c) => c.image(IMAGE)
    .mount("/etc/app", settings, { optional: untyped(optional) }).mount("/tls", tls, { optional: untyped(optional) }))),
  ...each("volumes", "Deployment", "configMap item path", FILE_PATHS, (path) => deployment("d").container((c) => c.image(IMAGE).mount("/etc/app", settings, { items: [{ key: "app.yaml", path }] }))),
  ...each("volumes", "Deployment", "secret item mode", MODES, (mode) => deployment("d").container((c) => c.image(IMAGE).mount("/tls", tls, { items: [{ key: "tls.key", path: "k", mode }] }))),
  ...each("volumes", "Deployment", "configMap defaultMode", MODES, (defaultMode) => deployment("d").container((c) => c.image(IMAGE).mount("/etc/app", settings, { defaultMode }))),
  ...each("projected volumes", "Deployment", "downwardAPI file path", FILE_PATHS, (path) => mounting({ [path]: { fieldRef: "metadata.name" } }, "downwardAPI")),
  ...each("projected volumes", "Deployment", "downwardAPI fieldRef", FIELDS, (field) => mounting({ f: { fieldRef: untyped(field) } }, "downwardAPI")),
  ...each("projected volumes", "Deployment", "downwardAPI resourceFieldRef", RESOURCE_REFS, (ref) => mounting({ f: { resourceFieldRef: untyped(ref) } }, "downwardAPI")),
  ...each("projected volumes", "Deployment", "downwardAPI mode / defaultMode", MODES, (mode) => mounting({ f: { fieldRef: "metadata.name", mode } }, "downwardAPI", mode)),
  ...each("projected volumes", "Deployment", "downwardAPI file", [{}, { fieldRef: "metadata.name", resourceFieldRef: { containerName: "d", resource: "limits.cpu" } }], (file) => mounting({ f: untyped(file) }, "downwardAPI")),
  ...each("projected volumes", "Deployment", "projected configMap item path", FILE_PATHS, (path) => mounting([projectConfigMap(settings, { items: [{ key: "app.yaml", path }] })], "projected")),
  ...each("projected volumes", "Deployment", "projected secret item mode / defaultMode", MODES, (mode) => mounting([projectSecret(tls, { items: [{ key: "tls.key", path: "k", mode }] })], "projected", mode)),
  ...each("projected volumes", "Deployment", "projected token path", FILE_PATHS, (path) => mounting([projectServiceAccountToken(path)], "projected")),
  ...each("projected volumes", "Deployment", "projected token expirationSeconds", [599, 600, 3600, 2 ** 32, 2 ** 32 + 1, -1, 1.5], (expirationSeconds) =>
    mounting([projectServiceAccountToken("token", { audience: "vault", expirationSeconds })], "projected")),
  ...each("projected volumes", "Deployment", "projected token audience", ["", "vault", "https://kubernetes.default.svc"], (audience) => mounting([projectServiceAccountToken("token", { audience })], "projected")),
  ...each("projected volumes", "Deployment", "projected sources", [
    [], [projectConfigMap(settings), projectSecret(tls)], [projectConfigMap(settings), projectSecret(tls, { items: [{ key: "tls.key", path: "app.yaml" }] })],
    [projectConfigMap(settings, { items: [{ key: "app.yaml", path: "x" }] }), projectDownwardAPI({ x: { fieldRef: "metadata.name" } })],
    [projectSecret(tls, { items: [{ key: "tls.key", path: "x" }] }), projectServiceAccountToken("x")],
    [projectDownwardAPI({ x: { fieldRef: "metadata.name" } }), projectServiceAccountToken("x")],
    [projectConfigMap(settings, { optional: true }), projectDownwardAPI({ labels: { fieldRef: "metadata.labels" } }), projectServiceAccountToken("token")],
  ] as Projection[][], (sources) => mounting(sources, "projected")),
  ...each("projected volumes", "Deployment", "projected clusterTrustBundle", TRUST_BUNDLES, (bundle) => mounting([projectClusterTrustBundle("ca.pem", untyped(bundle))], "projected"), TRUST_GATES),
  ...each("projected volumes", "Deployment", "projected clusterTrustBundle path", FILE_PATHS, (path) => mounting([projectClusterTrustBundle(path, { name: "ca" })], "projected"), TRUST_GATES),
  ...each("projected volumes", "Deployment", "projected clusterTrustBundle path twice", ["x"], (path) =>
    mounting([projectClusterTrustBundle(path, { name: "ca" }), projectServiceAccountToken(path)], "projected"), TRUST_GATES),
  ...each("volumes", "StatefulSet", "volumeClaimTemplates[].metadata", [
    { labels: { backup: "daily" } }, { annotations: { "backup.example.com/schedule": "@daily" } }, { labels: { "a b": "x" } }, { labels: { a: "-x" } },
    { annotations: { "-a": "x" } }, { annotations: { "Example.com/a": "x" } }, { annotations: { big: "x".repeat(256 * 1024) } },
  ], data),
];
