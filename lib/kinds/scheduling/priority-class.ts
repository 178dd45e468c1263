import type { V1PriorityClass } from "@kubernetes/client-node";
import type { Problems, Rule } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitClusterMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { anyString, boolean, dnsSubdomain, oneOf } from "../../validation/rules.js";

/** A `scheduling.k8s.io/v1` PriorityClass as piceli builds it. */
export type PriorityClassManifest = V1PriorityClass & { apiVersion: "scheduling.k8s.io/v1"; kind: "PriorityClass"; metadata: NamedMetadata };

/** Whether pods of a class may evict lower-priority pods to be scheduled. */
export type PreemptionPolicy = "PreemptLowerPriority" | "Never";

interface PriorityClassProps extends ObjectProps {
  readonly value: number;
  readonly globalDefault?: boolean;
  readonly description?: string;
  readonly preemptionPolicy?: PreemptionPolicy;
}

/** An immutable builder of a `scheduling.k8s.io/v1` PriorityClass: a priority pods name with `priorityClassName`. Cluster-scoped. */
export class PriorityClassBuilder extends ObjectBuilder<PriorityClassProps> {
  protected readonly kindName = "PriorityClass";

  /** @internal Use {@link priorityClass}. */
  constructor(props: PriorityClassProps) {
    super(props);
  }

  protected with(p: PriorityClassProps, metadata = p.metadata): this {
    return new PriorityClassBuilder({
      metadata, value: p.value, globalDefault: p.globalDefault, description: p.description, preemptionPolicy: p.preemptionPolicy, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<PriorityClassProps>) as this;
  }

  /** Sets `globalDefault`: pods that name no class get this one (one class of the cluster at most). @default false */
  globalDefault(globalDefault = true): this {
    return this.with({ ...this.props, globalDefault });
  }

  /** Sets `description`: when to use this class. */
  description(description: string): this {
    return this.with({ ...this.props, description });
  }

  /** Sets `preemptionPolicy`. @default "PreemptLowerPriority" (Kubernetes) */
  preemptionPolicy(preemptionPolicy: PreemptionPolicy): this {
    return this.with({ ...this.props, preemptionPolicy });
  }

  /** Returns a fresh `PriorityClassManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): PriorityClassManifest {
    return this.checked(emitPriorityClass);
  }
}

/**
 * Starts a PriorityClass named `name` with priority `value` (higher schedules first; at most 1,000,000,000 for
 * classes of your own: the rest is for `system-` classes).
 * @example priorityClass("critical-web", 100000).description("customer-facing").preemptionPolicy("Never")
 */
export function priorityClass(name: string, value: number): PriorityClassBuilder {
  return new PriorityClassBuilder({ metadata: startMetadata(name), value, globalDefault: undefined, description: undefined, preemptionPolicy: undefined, [PATCHES]: undefined } satisfies AllKeys<PriorityClassProps>);
}

/** A class name of your own: a DNS-1123 subdomain not starting with `system-` (reserved for Kubernetes' classes). */
const className: Rule = {
  expected: 'a DNS-1123 subdomain not starting with "system-" (reserved for Kubernetes\' own classes)',
  test: (v) => dnsSubdomain.test(v) && !(v as string).startsWith("system-"),
};

/** A user-definable priority. */
const priority: Rule = {
  expected: "an integer from -2147483648 to 1000000000 (higher values are reserved for system classes)",
  test: (v) => Number.isInteger(v) && (v as number) >= -2_147_483_648 && (v as number) <= 1_000_000_000,
};

const PREEMPTION_POLICY = oneOf(["PreemptLowerPriority", "Never"]);

function emitPriorityClass(p: PriorityClassProps, problems: Problems): PriorityClassManifest {
  const metadata = emitClusterMetadata(p.metadata, "PriorityClass", className, problems);
  problems.check("value", p.value, priority);
  const out: PriorityClassManifest = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata, value: p.value };
  if (p.globalDefault !== undefined) {
    problems.check("globalDefault", p.globalDefault, boolean);
    out.globalDefault = p.globalDefault;
  }
  if (p.description !== undefined) {
    problems.check("description", p.description, anyString);
    out.description = p.description;
  }
  if (p.preemptionPolicy !== undefined) {
    problems.check("preemptionPolicy", p.preemptionPolicy, PREEMPTION_POLICY);
    out.preemptionPolicy = p.preemptionPolicy;
  }
  return out;
}
