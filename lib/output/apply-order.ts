import type { KubernetesObject } from "@kubernetes/client-node";
import { manifestsOf, type YamlInput } from "./yaml.js";

/**
 * Apply order by kind: what others refer to comes first. Namespaces; definitions and cluster setup; identities
 * and permissions; configuration, storage and Services (a Service before its pods gives them its environment
 * variables); then LimitRanges, ResourceQuotas and kinds piceli doesn't know (custom resources, …: after their
 * definitions, before the workloads they may constrain); workloads; what acts on workloads last.
 */
const RANKS: Readonly<Record<string, number>> = {
  Namespace: 0,
  CustomResourceDefinition: 1, StorageClass: 1, PriorityClass: 1, IngressClass: 1,
  ServiceAccount: 2, Role: 2, ClusterRole: 2,
  RoleBinding: 3, ClusterRoleBinding: 3,
  Secret: 4, ConfigMap: 4, PersistentVolume: 4,
  PersistentVolumeClaim: 5, Service: 5,
  LimitRange: 6, ResourceQuota: 6,
  Deployment: 7, Pod: 7, StatefulSet: 7, DaemonSet: 7, Job: 7, CronJob: 7,
  Ingress: 8, NetworkPolicy: 8, PodDisruptionBudget: 8, HorizontalPodAutoscaler: 8, VerticalPodAutoscaler: 8,
};
const UNKNOWN_KIND = 6;

/** The apply rank of a kind (lower first); kinds piceli does not know rank just before workloads. */
export function applyRank(kind: string | undefined): number {
  return RANKS[kind ?? ""] ?? UNKNOWN_KIND;
}

/**
 * The manifests of `items` (builders with their companions, manifests, nested arrays) in a safe apply order,
 * keeping the given order within a rank.
 * @example process.stdout.write(toYaml(inApplyOrder(app, config, account, binding)))
 */
export function inApplyOrder(...items: YamlInput[]): KubernetesObject[] {
  return manifestsOf(items)
    .map((manifest, index) => ({ manifest, index, rank: applyRank(manifest.kind) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ manifest }) => manifest);
}
