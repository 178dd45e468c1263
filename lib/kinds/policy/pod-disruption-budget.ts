import type { V1PodDisruptionBudget, V1PodDisruptionBudgetSpec } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitLabelSelector, selectorOf, type LabelSelector, type PodSelectable } from "../label-selector.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { intOrPercentTo100, type IntOrPercent } from "../../values/int-or-percent.js";
import { oneOf, pathSegmentName } from "../../validation/rules.js";

/** A `policy/v1` PodDisruptionBudget as piceli builds it. */
export type PodDisruptionBudgetManifest = V1PodDisruptionBudget & {
  apiVersion: "policy/v1";
  kind: "PodDisruptionBudget";
  metadata: NamedMetadata;
  spec: V1PodDisruptionBudgetSpec;
};

/**
 * How many pods a voluntary disruption (a node drain, an eviction) must leave: `minAvailable` or
 * `maxUnavailable`, never both; each a number of pods or a percentage such as `"50%"`.
 */
export type DisruptionBudget =
  | { readonly minAvailable: IntOrPercent; readonly maxUnavailable?: never }
  | { readonly maxUnavailable: IntOrPercent; readonly minAvailable?: never };

/** When unhealthy (running but not ready) pods may be evicted: only while the budget allows, or always. */
export type UnhealthyPodEvictionPolicy = "IfHealthyBudget" | "AlwaysAllow";

/** The budget and options of a workload's `.disruptionBudget()` companion. */
export type DisruptionBudgetOptions = DisruptionBudget & { readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy };

interface PodDisruptionBudgetProps extends ObjectProps {
  readonly selector: LabelSelector;
  readonly budget: DisruptionBudget;
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/** An immutable builder of a `policy/v1` PodDisruptionBudget: how many pods of a workload evictions must spare. */
export class PodDisruptionBudgetBuilder extends ObjectBuilder<PodDisruptionBudgetProps> {
  protected readonly kindName = "PodDisruptionBudget";

  /** @internal Use {@link podDisruptionBudget}. */
  constructor(props: PodDisruptionBudgetProps) {
    super(props);
  }

  protected with(p: PodDisruptionBudgetProps, metadata = p.metadata): this {
    return new PodDisruptionBudgetBuilder({
      metadata, selector: p.selector, budget: p.budget, unhealthyPodEvictionPolicy: p.unhealthyPodEvictionPolicy, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<PodDisruptionBudgetProps>) as this;
  }

  /** Sets `spec.minAvailable` (and removes `maxUnavailable`): pods that must stay available. */
  minAvailable(minAvailable: IntOrPercent): this {
    return this.with({ ...this.props, budget: { minAvailable } });
  }

  /** Sets `spec.maxUnavailable` (and removes `minAvailable`): pods that may be unavailable at once. */
  maxUnavailable(maxUnavailable: IntOrPercent): this {
    return this.with({ ...this.props, budget: { maxUnavailable } });
  }

  /** Sets `spec.unhealthyPodEvictionPolicy`. @default "IfHealthyBudget" (Kubernetes) */
  unhealthyPodEvictionPolicy(policy: UnhealthyPodEvictionPolicy): this {
    return this.with({ ...this.props, unhealthyPodEvictionPolicy: policy });
  }

  /** Returns a fresh `PodDisruptionBudgetManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): PodDisruptionBudgetManifest {
    return this.checked(emitPodDisruptionBudget);
  }
}

/**
 * Starts a PodDisruptionBudget named `name` for the pods of `target` (a workload builder: its pods' labels become
 * `spec.selector.matchLabels`; or a label selector). Deployments and StatefulSets have a shortcut: `.disruptionBudget()`.
 * @example podDisruptionBudget("web", web, { minAvailable: 1 })
 */
export function podDisruptionBudget(name: string, target: PodSelectable | LabelSelector, budget: DisruptionBudget): PodDisruptionBudgetBuilder {
  const { minAvailable, maxUnavailable } = budget as { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };
  // both are kept when an untyped caller gives both, for build() to report
  const copy = { ...(minAvailable !== undefined && { minAvailable }), ...(maxUnavailable !== undefined && { maxUnavailable }) } as DisruptionBudget;
  return new PodDisruptionBudgetBuilder({ metadata: startMetadata(name), selector: selectorOf(target), budget: copy, unhealthyPodEvictionPolicy: undefined, [PATCHES]: undefined } satisfies AllKeys<PodDisruptionBudgetProps>);
}

const EVICTION_POLICY = oneOf(["IfHealthyBudget", "AlwaysAllow"]);

function emitPodDisruptionBudget(p: PodDisruptionBudgetProps, problems: Problems): PodDisruptionBudgetManifest {
  // the API server checks a PodDisruptionBudget's name as a URL path segment only
  const metadata = emitMetadata(p.metadata, pathSegmentName, problems);
  const spec: V1PodDisruptionBudgetSpec = {};
  const { minAvailable, maxUnavailable } = p.budget as { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };
  if (minAvailable !== undefined) {
    problems.check("spec.minAvailable", minAvailable, intOrPercentTo100);
    spec.minAvailable = minAvailable;
  }
  if (maxUnavailable !== undefined) {
    problems.check("spec.maxUnavailable", maxUnavailable, intOrPercentTo100);
    if (minAvailable !== undefined) problems.add("spec.maxUnavailable", "nothing when minAvailable is set (one or the other)", maxUnavailable);
    spec.maxUnavailable = maxUnavailable;
  }
  if (minAvailable === undefined && maxUnavailable === undefined) problems.add("spec.minAvailable", "minAvailable or maxUnavailable: a budget", undefined);
  spec.selector = emitLabelSelector(p.selector, "spec.selector", problems);
  if (p.unhealthyPodEvictionPolicy !== undefined) {
    problems.check("spec.unhealthyPodEvictionPolicy", p.unhealthyPodEvictionPolicy, EVICTION_POLICY);
    spec.unhealthyPodEvictionPolicy = p.unhealthyPodEvictionPolicy;
  }
  return { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata, spec };
}
