import type { V1ResourceQuota, V1ResourceQuotaSpec, V1ScopedResourceSelectorRequirement } from "@kubernetes/client-node";
import { cloned } from "../../internal/cloned.js";
import type { Problems, Rule } from "../../internal/errors.js";
import { checkFields } from "../../internal/fields.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { AllKeys } from "../../internal/types.js";
import { isExtendedResource } from "../../pod/container.js";
import { milliValue, parseQuantity, quantity, quantityValue, type Quantity } from "../../values/quantity.js";
import { dnsSubdomain, nonEmptyString, oneOf } from "../../validation/rules.js";

/** A `v1` ResourceQuota as piceli builds it. */
export type ResourceQuotaManifest = V1ResourceQuota & { apiVersion: "v1"; kind: "ResourceQuota"; metadata: NamedMetadata; spec: V1ResourceQuotaSpec };

/**
 * What a quota can cap: compute (`requests.cpu`, `limits.memory`, …), object counts (`pods`, `count/deployments.apps`),
 * storage (`requests.storage`, `<class>.storageclass.storage.k8s.io/requests.storage`) and extended resources
 * (`requests.nvidia.com/gpu`).
 */
export type QuotaResource =
  | "pods" | "services" | "services.loadbalancers" | "services.nodeports" | "replicationcontrollers" | "resourcequotas"
  | "secrets" | "configmaps" | "persistentvolumeclaims"
  | "cpu" | "memory" | "ephemeral-storage" | "requests.cpu" | "requests.memory" | "requests.storage" | "requests.ephemeral-storage"
  | "limits.cpu" | "limits.memory" | "limits.ephemeral-storage"
  | `hugepages-${string}` | `requests.hugepages-${string}` | `${string}/${string}`;

/** Which objects a quota counts: pods that terminate or not, best-effort pods or not, and those selected by priority class, … */
export type QuotaScope = "Terminating" | "NotTerminating" | "BestEffort" | "NotBestEffort" | "PriorityClass" | "CrossNamespacePodAffinity" | "VolumeAttributesClass";

/** A `spec.scopeSelector.matchExpressions[]` entry: `In`/`NotIn` values (PriorityClass, VolumeAttributesClass), or `Exists`/`DoesNotExist`. */
export type QuotaScopeRequirement =
  | { readonly scopeName: "PriorityClass" | "VolumeAttributesClass"; readonly operator: "In" | "NotIn"; readonly values: readonly string[] }
  | { readonly scopeName: QuotaScope; readonly operator: "Exists"; readonly values?: readonly [] }
  | { readonly scopeName: "PriorityClass" | "VolumeAttributesClass"; readonly operator: "DoesNotExist"; readonly values?: readonly [] };

interface ResourceQuotaProps extends ObjectProps {
  readonly hard: Readonly<Partial<Record<QuotaResource, Quantity>>>;
  readonly scopes: readonly QuotaScope[];
  readonly scopeSelector: readonly QuotaScopeRequirement[];
}

/** An immutable builder of a `v1` ResourceQuota: caps on what a namespace may request and hold. */
export class ResourceQuotaBuilder extends ObjectBuilder<ResourceQuotaProps> {
  protected readonly kindName = "ResourceQuota";

  /** @internal Use {@link resourceQuota}. */
  constructor(props: ResourceQuotaProps) {
    super(props);
  }

  protected with(p: ResourceQuotaProps, metadata = p.metadata): this {
    return new ResourceQuotaBuilder({
      metadata, hard: p.hard, scopes: p.scopes, scopeSelector: p.scopeSelector, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<ResourceQuotaProps>) as this;
  }

  /**
   * Adds to `spec.hard`: the caps. Keys given again replace earlier values.
   * @example resourceQuota("team").hard({ "requests.cpu": "4", "limits.memory": "16Gi", pods: "50", "count/jobs.batch": "10" })
   */
  hard(hard: Readonly<Partial<Record<QuotaResource, Quantity>>>): this {
    return this.with({ ...this.props, hard: { ...this.props.hard, ...hard } });
  }

  /** Adds to `spec.scopes`: the quota counts only objects in every scope. */
  scopes(...scopes: QuotaScope[]): this {
    return this.with({ ...this.props, scopes: [...this.props.scopes, ...scopes] });
  }

  /**
   * Adds to `spec.scopeSelector.matchExpressions`.
   * @example resourceQuota("high").hard({ pods: "10" }).scopeSelector({ scopeName: "PriorityClass", operator: "In", values: ["high"] })
   */
  scopeSelector(...requirements: QuotaScopeRequirement[]): this {
    return this.with({ ...this.props, scopeSelector: [...this.props.scopeSelector, ...requirements.map((r) => cloned(r))] });
  }

  /** Returns a fresh `ResourceQuotaManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): ResourceQuotaManifest {
    return this.checked(emitResourceQuota);
  }
}

/**
 * Starts a ResourceQuota named `name`.
 * @example resourceQuota("compute").namespace("team-a").hard({ "requests.cpu": "10", "requests.memory": "20Gi" })
 */
export function resourceQuota(name: string): ResourceQuotaBuilder {
  return new ResourceQuotaBuilder({ metadata: startMetadata(name), hard: {}, scopes: [], scopeSelector: [], [PATCHES]: undefined } satisfies AllKeys<ResourceQuotaProps>);
}

const SCOPES: readonly QuotaScope[] = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"];
const STANDARD = new Set<string>([
  "pods", "services", "services.loadbalancers", "services.nodeports", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
  "persistentvolumeclaims", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
  "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
]);

/** A quota resource name: a standard one, or fully qualified (with a `/`). */
const quotaResource: Rule = {
  expected: 'a standard quota resource (pods, requests.cpu, limits.memory, …) or a fully qualified one such as "count/deployments.apps"',
  test: (v) => typeof v === "string" && (STANDARD.has(v) || /^(requests\.)?hugepages-.+$/.test(v) || /^[^/\s]+\/[^/\s]+$/.test(v)),
};

/** The resources each scope can count (the API server's rule); scopes not listed count anything. */
function scopeAllows(scope: QuotaScope, resource: string): boolean {
  switch (scope) {
    case "BestEffort":
      return resource === "pods" || resource === "count/pods";
    case "VolumeAttributesClass":
      return ["requests.storage", "persistentvolumeclaims", "count/persistentvolumeclaims"].includes(resource);
    default:
      return ["pods", "count/pods", "cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"].includes(resource)
        || (resource.startsWith("requests.") && resource.includes("/"));
  }
}

/** Resources a quota counts in whole units: objects, and extended resources. */
const isCounted = (resource: string) => COUNTED.includes(resource) || isExtendedResource(resource);
const COUNTED = ["pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"];

/**
 * A whole number, as the API server reads it: in thousandths, rounded up; written in digits or a binary suffix, those
 * must fit an int64 (the server's multiplication overflows; a decimal suffix or exponent it scales without overflow).
 */
const wholeCount: Rule = {
  expected: "a whole number",
  test: (v) => {
    const text = (v as string).trim();
    const overflows = (/^\+?[\d.]+$/.test(text) || parseQuantity(text)?.format === "BinarySI") && quantityValue(text) * 1000 > 2 ** 63 - 1;
    const milli = milliValue(text);
    return (milli % 1000 === 0 || milli === Infinity) && !overflows;
  },
};

/** Scopes that can only be matched with `Exists`. */
const SCOPE = oneOf(SCOPES);
const EXISTS = oneOf(["Exists"]);
const OPERATOR = oneOf(["In", "NotIn", "Exists", "DoesNotExist"]);

const EXISTS_ONLY: readonly string[] = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "CrossNamespacePodAffinity"];

function emitResourceQuota(p: ResourceQuotaProps, problems: Problems): ResourceQuotaManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  const spec: V1ResourceQuotaSpec = {};
  const resources = Object.keys(p.hard);
  if (resources.length > 0) {
    const hard: Record<string, string> = {};
    for (const [resource, value] of Object.entries(p.hard)) {
      if (problems.check("spec.hard", resource, quotaResource) && problems.check(`spec.hard[${JSON.stringify(resource)}]`, value, quantity) && isCounted(resource)) {
        problems.check(`spec.hard[${JSON.stringify(resource)}]`, value, wholeCount);
      }
      hard[resource] = value as string;
    }
    spec.hard = hard;
  }
  const scopes = [...p.scopes, ...p.scopeSelector.map((r) => r.scopeName)];
  if (p.scopes.length > 0) {
    p.scopes.forEach((scope, i) => {
      // the path is written only when it is reported
      if (!SCOPE.test(scope)) problems.check(`spec.scopes[${i}]`, scope, SCOPE);
    });
    spec.scopes = [...p.scopes];
  }
  if (p.scopeSelector.length > 0) {
    spec.scopeSelector = { matchExpressions: p.scopeSelector.map((r, i) => emitScopeRequirement(r, `spec.scopeSelector.matchExpressions[${i}]`, problems)) };
  }
  for (const [a, b] of [["Terminating", "NotTerminating"], ["BestEffort", "NotBestEffort"]] as const) {
    if (scopes.includes(a) && scopes.includes(b)) problems.add("spec.scopes", `not both ${a} and ${b} (they conflict)`, scopes);
  }
  for (const scope of new Set(scopes)) {
    if (!SCOPES.includes(scope)) continue;
    const unsupported = resources.filter((resource) => !scopeAllows(scope, resource));
    if (unsupported.length > 0) problems.add("spec.hard", `only resources the scope ${scope} can count`, unsupported);
  }
  return { apiVersion: "v1", kind: "ResourceQuota", metadata, spec };
}

function emitScopeRequirement(r: QuotaScopeRequirement, path: string, problems: Problems): V1ScopedResourceSelectorRequirement {
  checkFields(r, ["scopeName", "operator", "values"], "a scope selector requirement", path, problems);
  problems.checkField(path, "scopeName", r.scopeName, SCOPE);
  problems.checkField(path, "operator", r.operator, EXISTS_ONLY.includes(r.scopeName) ? EXISTS : OPERATOR);
  const values = r.values ?? [];
  if ((r.operator === "In" || r.operator === "NotIn") && values.length === 0) problems.add(`${path}.values`, `at least one value for operator ${r.operator}`, r.values);
  if ((r.operator === "Exists" || r.operator === "DoesNotExist") && values.length > 0) problems.add(`${path}.values`, `no values for operator ${r.operator}`, r.values);
  values.forEach((v, i) => problems.check(`${path}.values[${i}]`, v, nonEmptyString));
  return r.values === undefined ? { scopeName: r.scopeName, operator: r.operator } : { scopeName: r.scopeName, operator: r.operator, values: [...r.values] };
}
