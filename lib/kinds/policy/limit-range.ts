import type { V1LimitRange, V1LimitRangeItem } from "@kubernetes/client-node";
import { cloned } from "../../internal/cloned.js";
import type { Problems } from "../../internal/errors.js";
import { checkFields } from "../../internal/fields.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { AllKeys } from "../../internal/types.js";
import { emitResourceList, type Resources } from "../../pod/container.js";
import { quantity, quantityValue, type Quantity } from "../../values/quantity.js";
import { dnsSubdomain } from "../../validation/rules.js";

/**
 * One entry of a LimitRange's `spec.limits`, with its `default` under that name (client-node's class calls it
 * `_default` and renames it when it serializes; piceli's manifests are the YAML's shape).
 */
export type LimitRangeItem = Omit<V1LimitRangeItem, "_default"> & { default?: { [resource: string]: string } };

/** A `v1` LimitRange as piceli builds it. */
export type LimitRangeManifest = Omit<V1LimitRange, "spec"> & { apiVersion: "v1"; kind: "LimitRange"; metadata: NamedMetadata; spec: { limits: LimitRangeItem[] } };

/** Bounds of each container's resources, and what containers that set none get. */
export interface ContainerLimits {
  /** `default`: the limits of containers that set none. */
  readonly default?: Resources;
  /** `defaultRequest`: the requests of containers that set none. */
  readonly defaultRequest?: Resources;
  readonly max?: Resources;
  readonly min?: Resources;
  /** `maxLimitRequestRatio`: how far a limit may exceed its request, e.g. `{ cpu: "4" }`. */
  readonly maxLimitRequestRatio?: Resources;
}

/** Bounds of the sum of a pod's containers' resources (a pod has no defaults). */
export type PodLimits = Omit<ContainerLimits, "default" | "defaultRequest">;

/** Bounds of a PersistentVolumeClaim's requested `storage` (a minimum or a maximum, at least). */
export type ClaimLimits =
  & { readonly default?: { readonly storage: Quantity }; readonly defaultRequest?: { readonly storage: Quantity } }
  & ({ readonly min: { readonly storage: Quantity }; readonly max?: { readonly storage: Quantity } } | { readonly min?: { readonly storage: Quantity }; readonly max: { readonly storage: Quantity } });

type LimitType = "Container" | "Pod" | "PersistentVolumeClaim";
type Bound = "default" | "defaultRequest" | "max" | "min" | "maxLimitRequestRatio";
interface LimitProps {
  readonly type: LimitType;
  readonly limits: Readonly<Partial<Record<Bound, Resources | { readonly storage: Quantity }>>>;
}

interface LimitRangeProps extends ObjectProps {
  readonly limits: readonly LimitProps[];
}

/** An immutable builder of a `v1` LimitRange: per-namespace bounds and defaults of containers', pods' and claims' resources. */
export class LimitRangeBuilder extends ObjectBuilder<LimitRangeProps> {
  protected readonly kindName = "LimitRange";

  /** @internal Use {@link limitRange}. */
  constructor(props: LimitRangeProps) {
    super(props);
  }

  protected with(p: LimitRangeProps, metadata = p.metadata): this {
    return new LimitRangeBuilder({ metadata, limits: p.limits, [PATCHES]: p[PATCHES] } satisfies AllKeys<LimitRangeProps>) as this;
  }

  /**
   * Adds a `spec.limits[]` entry of `type: Container`: bounds and defaults of each container's resources.
   * @example limitRange("defaults").container({ defaultRequest: { cpu: "100m", memory: "128Mi" }, max: { memory: "2Gi" } })
   */
  container(limits: ContainerLimits): this {
    return this.#add("Container", limits);
  }

  /** Adds a `spec.limits[]` entry of `type: Pod`: bounds of the sum over a pod's containers. */
  pod(limits: PodLimits): this {
    return this.#add("Pod", limits);
  }

  /** Adds a `spec.limits[]` entry of `type: PersistentVolumeClaim`: bounds of a claim's requested storage. */
  persistentVolumeClaim(limits: ClaimLimits): this {
    return this.#add("PersistentVolumeClaim", limits);
  }

  #add(type: LimitType, limits: object): this {
    return this.with({ ...this.props, limits: [...this.props.limits, { type, limits: cloned(limits) }] });
  }

  /** Returns a fresh `LimitRangeManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): LimitRangeManifest {
    return this.checked(emitLimitRange);
  }
}

/**
 * Starts a LimitRange named `name`; add entries with `.container()`, `.pod()` and `.persistentVolumeClaim()`.
 * @example limitRange("defaults").namespace("shop").container({ defaultRequest: { cpu: "100m", memory: "128Mi" } })
 */
export function limitRange(name: string): LimitRangeBuilder {
  return new LimitRangeBuilder({ metadata: startMetadata(name), limits: [], [PATCHES]: undefined } satisfies AllKeys<LimitRangeProps>);
}

const BOUNDS: readonly Bound[] = ["default", "defaultRequest", "max", "min", "maxLimitRequestRatio"];

function emitLimitRange(p: LimitRangeProps, problems: Problems): LimitRangeManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  if (p.limits.length === 0) problems.add("spec.limits", "at least one entry: call .container(), .pod() or .persistentVolumeClaim()", []);
  const limits = p.limits.map((item, i) => emitItem(item, `spec.limits[${i}]`, problems));
  return { apiVersion: "v1", kind: "LimitRange", metadata, spec: { limits } };
}

function emitItem({ type, limits }: LimitProps, path: string, problems: Problems): LimitRangeItem {
  const allowed = type === "Pod" ? ["max", "min", "maxLimitRequestRatio"] : BOUNDS;
  checkFields(limits, allowed, `a ${type} limit`, path, problems);
  const out: LimitRangeItem = { type };
  for (const bound of BOUNDS) {
    const list = limits[bound];
    if (list === undefined) continue;
    out[bound] = type === "PersistentVolumeClaim" ? emitStorage(list, `${path}.${bound}`, problems) : emitResourceList(list, `${path}.${bound}`, problems, false);
  }
  if (type === "PersistentVolumeClaim" && out.min?.storage === undefined && out.max?.storage === undefined) {
    problems.add(`${path}.max`, "a minimum or maximum storage (a claim limit needs one)", undefined);
  }
  checkOrder(out, path, problems);
  return out;
}

function emitStorage(list: object, path: string, problems: Problems): Record<string, string> {
  checkFields(list, ["storage"], "a PersistentVolumeClaim limit", path, problems);
  const { storage } = list as { storage?: unknown };
  if (storage === undefined) return {};
  problems.check(`${path}.storage`, storage, quantity);
  return { storage: storage as string };
}

/** The value of `resource` in `bound` of `item`, if it is a valid quantity. */
function boundValue(item: LimitRangeItem, bound: Bound, resource: string): number | undefined {
  const text = item[bound]?.[resource];
  return text !== undefined && quantity.test(text) ? quantityValue(text) : undefined;
}

/** Kubernetes' order: min <= defaultRequest <= default <= max, and 1 <= maxLimitRequestRatio <= max / min. */
function checkOrder(item: LimitRangeItem, path: string, problems: Problems): void {
  const pairs: readonly (readonly [Bound, Bound])[] = [["min", "max"], ["min", "defaultRequest"], ["defaultRequest", "max"], ["defaultRequest", "default"], ["min", "default"], ["default", "max"]];
  const resources = new Set(BOUNDS.flatMap((bound) => Object.keys(item[bound] ?? {})));
  for (const resource of resources) {
    for (const [low, high] of pairs) {
      const [a, b] = [boundValue(item, low, resource), boundValue(item, high, resource)];
      if (a !== undefined && b !== undefined && a > b) problems.add(`${path}.${low}.${resource}`, `at most ${high}.${resource} (${item[high]![resource]})`, item[low]![resource]);
    }
    const ratio = boundValue(item, "maxLimitRequestRatio", resource);
    if (ratio === undefined) continue;
    const [min, max] = [boundValue(item, "min", resource), boundValue(item, "max", resource)];
    if (ratio < 1) problems.add(`${path}.maxLimitRequestRatio.${resource}`, "a ratio of at least 1", item.maxLimitRequestRatio![resource]);
    else if (min !== undefined && max !== undefined && min > 0 && ratio > max / min) {
      problems.add(`${path}.maxLimitRequestRatio.${resource}`, `a ratio of at most max / min (${max / min})`, item.maxLimitRequestRatio![resource]);
    }
  }
}
