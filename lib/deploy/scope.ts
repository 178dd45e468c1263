import { at, stringAt, type Manifest } from "./manifest.js";
import { groupOf } from "./object-id.js";

/** Whether objects of a kind live in a namespace. */
export type Scope = "Namespaced" | "Cluster";

/** Tells the scope of a kind, or `undefined` when it does not know the kind. */
export type ScopeLookup = (apiVersion: string, kind: string) => Scope | undefined;

/** Built-in kinds that are cluster-scoped, by `group/kind` (the core group is empty). */
const CLUSTER_SCOPED = new Set([
  "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
  "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
  "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode", "storage.k8s.io/VolumeAttachment",
  "storage.k8s.io/VolumeAttributesClass",
  "apiextensions.k8s.io/CustomResourceDefinition", "apiregistration.k8s.io/APIService",
  "scheduling.k8s.io/PriorityClass", "node.k8s.io/RuntimeClass",
  "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress", "networking.k8s.io/ServiceCIDR",
  "admissionregistration.k8s.io/MutatingWebhookConfiguration", "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy", "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
  "admissionregistration.k8s.io/MutatingAdmissionPolicy", "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
  "certificates.k8s.io/CertificateSigningRequest", "certificates.k8s.io/ClusterTrustBundle",
  "flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
  "resource.k8s.io/DeviceClass", "resource.k8s.io/ResourceSlice",
]);

/** Groups whose every kind Kubernetes serves itself; a kind of theirs not in {@link CLUSTER_SCOPED} is namespaced. */
const BUILT_IN_GROUPS = new Set([
  "", "apps", "batch", "autoscaling", "policy", "rbac.authorization.k8s.io", "networking.k8s.io", "storage.k8s.io",
  "discovery.k8s.io", "coordination.k8s.io", "events.k8s.io", "scheduling.k8s.io", "node.k8s.io", "apiextensions.k8s.io",
  "admissionregistration.k8s.io", "certificates.k8s.io", "flowcontrol.apiserver.k8s.io", "resource.k8s.io",
]);

/** The scope of Kubernetes' own kinds, known without a cluster. */
export const builtInScope: ScopeLookup = (apiVersion, kind) => {
  const group = groupOf(apiVersion);
  if (CLUSTER_SCOPED.has(`${group}/${kind}`)) return "Cluster";
  return BUILT_IN_GROUPS.has(group) ? "Namespaced" : undefined;
};

/** The scope of custom kinds defined by CustomResourceDefinitions among `manifests` (`spec.scope`). */
export function scopeFromDefinitions(manifests: readonly Manifest[]): ScopeLookup {
  const scopes = new Map<string, Scope>();
  for (const manifest of manifests) {
    if (manifest.kind !== "CustomResourceDefinition") continue;
    const group = stringAt(manifest, "spec", "group");
    const kind = stringAt(manifest, "spec", "names", "kind");
    const scope = at(manifest, "spec", "scope");
    if (group !== undefined && kind !== undefined && (scope === "Namespaced" || scope === "Cluster")) scopes.set(`${group}/${kind}`, scope);
  }
  return (apiVersion, kind) => scopes.get(`${groupOf(apiVersion)}/${kind}`);
}

/** Asks each lookup in turn; the first that knows the kind answers. */
export function firstKnown(...lookups: readonly ScopeLookup[]): ScopeLookup {
  return (apiVersion, kind) => {
    for (const lookup of lookups) {
      const scope = lookup(apiVersion, kind);
      if (scope !== undefined) return scope;
    }
    return undefined;
  };
}
