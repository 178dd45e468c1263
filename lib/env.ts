import type { V1EnvVarSource } from "@kubernetes/client-node";
import type { Quantity } from "./quantity.js";

/** An environment variable's value taken from elsewhere (`env[].valueFrom`). */
export interface EnvRef {
  readonly valueFrom: V1EnvVarSource;
}

/** What `.env()` accepts per variable: a string, or a reference. */
export type EnvValue = string | EnvRef;

/** Pod fields a container can read through the downward API. */
export type PodFieldPath =
  | "metadata.name"
  | "metadata.namespace"
  | "metadata.uid"
  | `metadata.labels['${string}']`
  | `metadata.annotations['${string}']`
  | "spec.nodeName"
  | "spec.serviceAccountName"
  | "status.hostIP"
  | "status.hostIPs"
  | "status.podIP"
  | "status.podIPs";

/** Container resources a container can read through the downward API. */
export type ResourceFieldPath =
  | `${"limits" | "requests"}.${"cpu" | "memory" | "ephemeral-storage"}`
  | `${"limits" | "requests"}.hugepages-${string}`;

/**
 * A value from the pod's own fields (`valueFrom.fieldRef`).
 * @example container("app").env({ POD_NAME: fieldRef("metadata.name") })
 */
export function fieldRef(fieldPath: PodFieldPath): EnvRef {
  return Object.freeze({ valueFrom: { fieldRef: { fieldPath } } });
}

/**
 * A value from a container's resources (`valueFrom.resourceFieldRef`), in units of `divisor`.
 * @example container("app").env({ MEMORY_MB: resourceFieldRef("limits.memory", { divisor: "1Mi" }) })
 */
export function resourceFieldRef(resource: ResourceFieldPath, options: { divisor?: Quantity; containerName?: string } = {}): EnvRef {
  return Object.freeze({ valueFrom: { resourceFieldRef: { resource, ...options } } });
}
