// Compile-only type specs for the kinds besides workloads: `npm test` runs tsc over this file; each
// `@ts-expect-error` line must fail to compile (tsc reports an unused directive otherwise), and each
// positive twin beside it must compile.
import {
  clusterRole, clusterRoleBinding, configMap, container, cronJob, deployment, dockerConfigSecret, horizontalPodAutoscaler,
  job, namespace, persistentVolume, persistentVolumeClaim, role, roleBinding, roleFor, secret, service, serviceAccount,
  storageClass, toYaml, verticalPodAutoscaler,
  type ClusterRoleBindingManifest, type ConfigMapBuilder, type RoleBindingBuilder, type SecretBuilder,
} from "../../lib/index.js";

// ConfigMap and Secret keys: only keys that exist can be read.
configMap("c").data({ a: "1" }).key("a");
// @ts-expect-error "b" is not a key of the ConfigMap
configMap("c").data({ a: "1" }).key("b");
configMap("c").data({ a: "1" }).binaryData({ bin: "AA==" }).key("a");
// @ts-expect-error binaryData keys can't be read as variables: the kubelet reads only data
configMap("c").data({ a: "1" }).binaryData({ bin: "AA==" }).key("bin");
// @ts-expect-error a ConfigMap with no data has no keys
configMap("c").key("a");
export const keyed: ConfigMapBuilder<"a" | "b"> = configMap("c").data({ a: "1" }).data({ b: "2" }).labels({ x: "y" });
secret("s").stringData({ u: "x" }).key("u");
// @ts-expect-error "p" is not a key of the Secret
secret("s").stringData({ u: "x" }).key("p");
secret("s").stringData({ u: "x" }).data({ p: "cA==" }).key("p");
dockerConfigSecret("r", { registry: "ghcr.io", username: "u", password: "p" }).key(".dockerconfigjson");
// @ts-expect-error a docker config Secret has only ".dockerconfigjson"
dockerConfigSecret("r", { registry: "ghcr.io", username: "u", password: "p" }).key("password");
export const secretKeys: SecretBuilder<"u"> = secret("s").stringData({ u: "x" }).namespace("ns");
container("c").image("a").env({ A: configMap("c").data({ a: "1" }).key("a"), B: secret("s").data({ b: "Yg==" }).key("b") });

// Secret types: the built-in ones, or a domain-prefixed one of your own.
secret("s").type("kubernetes.io/tls");
secret("s").type("example.com/custom");
// @ts-expect-error "generic" is kubectl's subcommand, not a Secret type (it is "Opaque")
secret("s").type("generic");

// Claims and volumes: sizes are Quantities, access modes and policies named unions.
persistentVolumeClaim("p", "10Gi");
// @ts-expect-error "lots" is not a Quantity
persistentVolumeClaim("p", "lots");
// @ts-expect-error "1Yi" is not a Quantity: Yi is no suffix Kubernetes knows
persistentVolume("p", "1Yi");
persistentVolumeClaim("p", "1Gi").accessModes("ReadWriteMany").volumeMode("Block");
// @ts-expect-error "Raw" is not a VolumeMode
persistentVolumeClaim("p", "1Gi").volumeMode("Raw");
persistentVolume("p", "1Gi").accessModes("ReadWriteMany");
// @ts-expect-error "ReadWriteSometimes" is not an AccessMode
persistentVolume("p", "1Gi").accessModes("ReadWriteSometimes");
persistentVolume("p", "1Gi").reclaimPolicy("Recycle");
// @ts-expect-error "Keep" is not a ReclaimPolicy
persistentVolume("p", "1Gi").reclaimPolicy("Keep");
persistentVolume("p", "1Gi").source({ nfs: { server: "s", path: "/p" } });
// @ts-expect-error "emptyDir" is no PersistentVolume source
persistentVolume("p", "1Gi").source({ emptyDir: {} });

// StorageClasses reclaim Retain or Delete only.
storageClass("s", "p").reclaimPolicy("Retain").volumeBindingMode("WaitForFirstConsumer");
// @ts-expect-error a StorageClass can't Recycle
storageClass("s", "p").reclaimPolicy("Recycle");
// @ts-expect-error "Later" is not a VolumeBindingMode
storageClass("s", "p").volumeBindingMode("Later");

// Services.
service("s").type("NodePort");
// @ts-expect-error "Internal" is not a ServiceType
service("s").type("Internal");
service("s").port("dns", 53, { protocol: "UDP", targetPort: "dns" });
// @ts-expect-error "ICMP" is not a Protocol
service("s").port("ping", 7, { protocol: "ICMP" });
service("s").selecting(deployment("web").image("nginx"));
// @ts-expect-error a ConfigMap has no pods to select
service("s").selecting(configMap("c"));

// RBAC: roles, and bindings that need a role first.
role("r").rule({ apiGroups: [""], resources: ["pods"], verbs: ["get", "use"] });
// @ts-expect-error a rule needs verbs
role("r").rule({ apiGroups: [""], resources: ["pods"] });
roleFor(cronJob("backup", "@daily").image("b"));
// @ts-expect-error a CronJob without an image can't build, so its kind can't be read
roleFor(cronJob("backup", "@daily"));
role("r").allow(["get"], job("x").image("a"), { apiVersion: "v1", kind: "Pod" });
clusterRoleBinding("x").role(clusterRole("r"));
// @ts-expect-error a ClusterRoleBinding grants a ClusterRole, not a Role
clusterRoleBinding("x").role(role("r"));
clusterRoleBinding("x").role({ kind: "ClusterRole", name: "view" });
// @ts-expect-error a reference to a Role won't do either
clusterRoleBinding("x").role({ kind: "Role", name: "r" });
export const bound: RoleBindingBuilder = roleBinding("x").role(role("r")).subject(serviceAccount("sa"));
roleBinding("x").role(clusterRole("r")).subject({ kind: "User", name: "jane" });
// @ts-expect-error no .subject() before .role()
roleBinding("x").subject(serviceAccount("sa"));
// @ts-expect-error no .build() before .role()
roleBinding("x").build();
// @ts-expect-error "Robot" is not a subject kind
roleBinding("x").role(role("r")).subject({ kind: "Robot", name: "r2" });
export const clusterBound: ClusterRoleBindingManifest = clusterRoleBinding("x").role(clusterRole("r")).build();

// Autoscalers: targets are workload builders or complete references.
horizontalPodAutoscaler("h", deployment("web").image("x"), 3).cpuUtilization(70);
horizontalPodAutoscaler("h", { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, 3);
// @ts-expect-error a reference needs its apiVersion
horizontalPodAutoscaler("h", { kind: "Deployment", name: "web" }, 3);
// @ts-expect-error a percentage is a number
horizontalPodAutoscaler("h", deployment("web").image("x"), 3).cpuUtilization("70%");
verticalPodAutoscaler("v", deployment("web").image("x")).updateMode("Off").containerPolicy({ containerName: "*", minAllowed: { cpu: "100m" } });
// @ts-expect-error "Sometimes" is not a VpaUpdateMode
verticalPodAutoscaler("v", deployment("web").image("x")).updateMode("Sometimes");
// @ts-expect-error "lots" is not a Quantity
verticalPodAutoscaler("v", deployment("web").image("x")).containerPolicy({ containerName: "*", minAllowed: { cpu: "lots" } });

// Every kind here can be written as YAML.
toYaml(namespace("n"), configMap("c"), secret("s"), serviceAccount("sa"), persistentVolumeClaim("p", "1Gi"), persistentVolume("v", "1Gi"),
  storageClass("s", "p"), role("r"), clusterRole("c"), roleBinding("b").role(role("r")), clusterRoleBinding("b").role(clusterRole("c")),
  service("s"), horizontalPodAutoscaler("h", deployment("w").image("x"), 2), verticalPodAutoscaler("v", deployment("w").image("x")));
// @ts-expect-error an unbound RoleBinding can't be written
toYaml(roleBinding("b"));
