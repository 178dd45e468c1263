import { cloned } from "../internal/cloned.js";
import type { V1EnvVarSource } from "@kubernetes/client-node";
import type { Problems } from "../internal/errors.js";
import type { Referenced } from "../kinds/metadata.js";
import { parseQuantity, quantity, type Quantity } from "../values/quantity.js";
import { checkFields } from "../internal/fields.js";
import { boolean, configKey, dnsLabel, dnsSubdomain, qualifiedName } from "../validation/rules.js";

/** An environment variable's value taken from elsewhere (`env[].valueFrom`). */
export interface EnvRef {
  readonly valueFrom: V1EnvVarSource;
}

/** The ConfigMap or Secret builder a `.key()` reference reads, kept out of the manifest (not enumerable). */
const SOURCE = Symbol("piceli.envSource");

/**
 * A `valueFrom` reference that remembers the builder it reads (`configMap.key()`, `secret.key()`): on the reference
 * and on its `valueFrom`, which a spread into an entry of the YAML shape (`{ name, ...cm.key("k") }`) keeps.
 */
export function keyRef(valueFrom: V1EnvVarSource, source: Referenced): EnvRef {
  Object.defineProperty(valueFrom, SOURCE, { value: source, enumerable: false });
  const ref = { valueFrom };
  Object.defineProperty(ref, SOURCE, { value: source, enumerable: false });
  return Object.freeze(ref);
}

/** The builder an env value reads, if it came from `.key()`. */
export function envSourceOf(value: EnvValue): Referenced | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as { [SOURCE]?: Referenced })[SOURCE] ?? (value.valueFrom as { [SOURCE]?: Referenced } | undefined)?.[SOURCE];
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

/** The divisors Kubernetes accepts for CPU: millicores or cores. */
export type CpuDivisor = "1m" | "1";

/** The divisors Kubernetes accepts for memory, ephemeral storage and huge pages. */
export type ByteDivisor = "1" | "1k" | "1M" | "1G" | "1T" | "1P" | "1E" | "1Ki" | "1Mi" | "1Gi" | "1Ti" | "1Pi" | "1Ei";

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
export function resourceFieldRef<R extends ResourceFieldPath>(
  resource: R,
  options: { divisor?: R extends `${string}.cpu` ? CpuDivisor : ByteDivisor; containerName?: string } = {},
): EnvRef {
  return Object.freeze({ valueFrom: { resourceFieldRef: { resource, ...options } } });
}

/**
 * A value from a key of a ConfigMap that piceli does not make (one made by another tool, or by hand):
 * `valueFrom.configMapKeyRef`. Nothing is added to the output; `optional: true` lets the pod start without it. For a
 * ConfigMap piceli makes, use its builder's `.key()`, which checks the key and brings the ConfigMap along.
 * @example container("app").env({ REGION: configMapKeyRef("cluster-info", "region", { optional: true }) })
 */
export function configMapKeyRef(name: string, key: string, options: { readonly optional?: boolean } = {}): EnvRef {
  return Object.freeze({ valueFrom: { configMapKeyRef: namedKeyRef(name, key, options) } });
}

/**
 * A value from a key of a Secret that piceli does not make (an operator's, or one made by hand):
 * `valueFrom.secretKeyRef`. Nothing is added to the output; `optional: true` lets the pod start without it. For a
 * Secret piceli makes, use its builder's `.key()`, which checks the key and brings the Secret along.
 * @example container("app").env({ DB_PASSWORD: secretKeyRef("db-credentials", "password") })
 */
export function secretKeyRef(name: string, key: string, options: { readonly optional?: boolean } = {}): EnvRef {
  return Object.freeze({ valueFrom: { secretKeyRef: namedKeyRef(name, key, options) } });
}

/** A `configMapKeyRef` or `secretKeyRef`: `optional` only when given; an untyped caller's other options kept, to be reported. */
function namedKeyRef(name: string, key: string, options: { readonly optional?: boolean }): { name: string; key: string; optional?: boolean } {
  const { optional, ...others } = options;
  return { name, key, ...others, ...(optional !== undefined && { optional }) };
}

const POD_FIELDS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.*)'\]$/;
const RESOURCES = ["limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage"];
const SOURCES = "a string, or a reference from fieldRef(), resourceFieldRef(), configMap.key(), secret.key(), configMapKeyRef() or secretKeyRef()";

/** Writes the `valueFrom` of the `env` entry at `path` (e.g. `env[0]`), checking what Kubernetes checks of each kind of reference. */
export function emitEnvRef(value: unknown, path: string, problems: Problems): V1EnvVarSource | undefined {
  const from = (value as EnvRef | undefined)?.valueFrom;
  const kinds = typeof from === "object" && from !== null ? Object.keys(from) : [];
  const kind = kinds[0];
  if (kinds.length !== 1 || !["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].includes(kind!)) {
    problems.add(`${path}.value`, SOURCES, value);
    return undefined;
  }
  const at = `${path}.valueFrom.${kind}`;
  const ref = (from as Record<string, Record<string, unknown>>)[kind!]!;
  if (kind === "fieldRef") {
    const fieldPath = ref.fieldPath;
    const subscript = typeof fieldPath === "string" ? SUBSCRIPTED.exec(fieldPath) : null;
    if (subscript) problems.check(`${at}.fieldPath`, subscript[2], qualifiedName);
    else if (!POD_FIELDS.includes(fieldPath as string)) {
      problems.add(`${at}.fieldPath`, `one of ${POD_FIELDS.join(", ")}, metadata.labels['<key>'] or metadata.annotations['<key>']`, fieldPath);
    }
  } else if (kind === "resourceFieldRef") {
    checkResourceFieldRef(ref, at, problems);
  } else {
    checkFields(ref, ["name", "key", "optional"], `a ${kind}`, at, problems);
    problems.check(`${at}.name`, ref.name, dnsSubdomain);
    problems.check(`${at}.key`, ref.key, configKey);
    if (ref.optional !== undefined) problems.check(`${at}.optional`, ref.optional, boolean);
  }
  return cloned(from) as V1EnvVarSource;
}

/** Checks a `resourceFieldRef` (of an env variable or a volume file) at `at`: the resource, its divisor, the container's name. */
export function checkResourceFieldRef(ref: { readonly resource?: unknown; readonly divisor?: unknown; readonly containerName?: unknown } | undefined, at: string, problems: Problems): void {
  const resource = ref?.resource as string;
  if (!RESOURCES.includes(resource) && !/^(limits|requests)\.hugepages-./.test(resource)) {
    problems.add(`${at}.resource`, `one of ${RESOURCES.join(", ")}, limits.hugepages-<size> or requests.hugepages-<size>`, resource);
  }
  if (ref?.divisor !== undefined && problems.check(`${at}.divisor`, ref.divisor, quantity) && !divisorFits(resource, ref.divisor as string)) {
    problems.add(`${at}.divisor`, typeof resource === "string" && resource.endsWith(".cpu") ? '"1m" or "1" for cpu' : 'one of "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"', ref.divisor);
  }
  if (ref?.containerName !== undefined) problems.check(`${at}.containerName`, ref.containerName, dnsLabel);
}

/**
 * Kubernetes compares the divisor's canonical form (which keeps how it was written: "1e3" stays "1e3"): 1m or 1
 * for cpu; 1 or one unit of a suffix for bytes.
 */
function divisorFits(resource: string, divisor: string): boolean {
  const { value, format } = parseQuantity(divisor)!;
  if (value === 1) return true;
  if (resource.endsWith(".cpu")) return value === 0.001 && format === "DecimalSI";
  const base = format === "BinarySI" ? 1024 : format === "DecimalSI" ? 1000 : 0;
  return [1, 2, 3, 4, 5, 6].some((power) => value === base ** power);
}
