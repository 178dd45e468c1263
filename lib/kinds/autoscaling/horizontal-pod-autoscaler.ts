import type {
  V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerBehavior, V2HorizontalPodAutoscalerSpec, V2HPAScalingRules, V2MetricSpec, V2MetricTarget,
} from "@kubernetes/client-node";
import { cloned } from "../../internal/cloned.js";
import type { Problems, Rule } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { parseQuantity, quantity } from "../../values/quantity.js";
import { emitMetadata, ObjectBuilder, startMetadata, type NamedMetadata, type ObjectProps } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { dnsSubdomain, integerBetween, nonEmptyString, oneOf, pathSegmentName } from "../../validation/rules.js";

/** What an autoscaler scales: `apiVersion`, `kind` and `name` of a workload. */
export interface ScaleTargetRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/** A workload an autoscaler can target: a Deployment or StatefulSet builder, or a plain reference. */
export type ScaleTarget = ScaleTargetRef | { readonly scaleTargetRef: ScaleTargetRef };

/** An `autoscaling/v2` HorizontalPodAutoscaler as piceli builds it (with the `apiVersion` Piceli omits). */
export type HorizontalPodAutoscalerManifest = V2HorizontalPodAutoscaler & {
  apiVersion: "autoscaling/v2";
  kind: "HorizontalPodAutoscaler";
  metadata: NamedMetadata;
  spec: V2HorizontalPodAutoscalerSpec;
};

interface HorizontalPodAutoscalerProps extends ObjectProps {
  readonly target: ScaleTargetRef;
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  readonly metrics: readonly V2MetricSpec[];
  readonly behavior?: V2HorizontalPodAutoscalerBehavior;
}

/** An immutable builder of an `autoscaling/v2` HorizontalPodAutoscaler: adds and removes replicas with load. */
export class HorizontalPodAutoscalerBuilder extends ObjectBuilder<HorizontalPodAutoscalerProps> {
  protected readonly kindName = "HorizontalPodAutoscaler";

  /** @internal Use {@link horizontalPodAutoscaler}. */
  constructor(props: HorizontalPodAutoscalerProps) {
    super(props);
  }

  protected with(p: HorizontalPodAutoscalerProps, metadata = p.metadata): this {
    return new HorizontalPodAutoscalerBuilder({
      metadata, target: p.target, minReplicas: p.minReplicas, maxReplicas: p.maxReplicas, metrics: p.metrics, behavior: p.behavior, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<HorizontalPodAutoscalerProps>) as this;
  }

  /** Sets `spec.minReplicas`. @default 1 (Kubernetes) */
  minReplicas(minReplicas: number): this {
    return this.with({ ...this.props, minReplicas });
  }

  /** Sets `spec.maxReplicas`. */
  maxReplicas(maxReplicas: number): this {
    return this.with({ ...this.props, maxReplicas });
  }

  /** Adds a metric keeping the pods' average CPU use at `percent` of their requests. */
  cpuUtilization(percent: number): this {
    return this.metric(resourceMetric("cpu", percent));
  }

  /** Adds a metric keeping the pods' average memory use at `percent` of their requests. */
  memoryUtilization(percent: number): this {
    return this.metric(resourceMetric("memory", percent));
  }

  /** Adds any `spec.metrics` entry (Pods, Object, External, ContainerResource metrics). */
  metric(metric: V2MetricSpec): this {
    return this.with({ ...this.props, metrics: [...this.props.metrics, cloned(metric)] });
  }

  /** Sets `spec.behavior`: scale-up and scale-down rates and stabilization windows. */
  behavior(behavior: V2HorizontalPodAutoscalerBehavior): this {
    return this.with({ ...this.props, behavior: cloned(behavior) });
  }

  /** Returns a fresh `HorizontalPodAutoscalerManifest`. @throws {PiceliValidationError} listing every invalid value. */
  build(): HorizontalPodAutoscalerManifest {
    return this.checked(emitHorizontalPodAutoscaler);
  }
}

/**
 * Starts a HorizontalPodAutoscaler named `name` scaling `target` (a Deployment or StatefulSet builder, or a
 * `{ apiVersion, kind, name }` reference) up to `maxReplicas`. Workloads have a shortcut: `.autoscale()`.
 * @example horizontalPodAutoscaler("web", web, 10).minReplicas(2).cpuUtilization(70)
 */
export function horizontalPodAutoscaler(name: string, target: ScaleTarget, maxReplicas: number): HorizontalPodAutoscalerBuilder {
  const ref = "scaleTargetRef" in target ? target.scaleTargetRef : target;
  return new HorizontalPodAutoscalerBuilder({
    metadata: startMetadata(name), target: { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name }, minReplicas: undefined, maxReplicas, metrics: [], behavior: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<HorizontalPodAutoscalerProps>);
}

function resourceMetric(name: "cpu" | "memory", averageUtilization: number): V2MetricSpec {
  return { type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } };
}

const REPLICAS = integerBetween(1, 2_147_483_647);

function emitHorizontalPodAutoscaler(p: HorizontalPodAutoscalerProps, problems: Problems): HorizontalPodAutoscalerManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  problems.check("spec.scaleTargetRef.apiVersion", p.target.apiVersion, nonEmptyString);
  problems.check("spec.scaleTargetRef.kind", p.target.kind, pathSegmentName);
  problems.check("spec.scaleTargetRef.name", p.target.name, pathSegmentName);
  const spec: V2HorizontalPodAutoscalerSpec = { scaleTargetRef: { ...p.target }, maxReplicas: p.maxReplicas };
  if (p.minReplicas !== undefined) {
    problems.check("spec.minReplicas", p.minReplicas, REPLICAS);
    spec.minReplicas = p.minReplicas;
  }
  // an invalid minReplicas is reported above; maxReplicas is then held to Kubernetes' own floor, 1
  const min = p.minReplicas !== undefined && REPLICAS.test(p.minReplicas) ? p.minReplicas : 1;
  const maxReplicas = integerBetween(min, 2_147_483_647);
  // the message naming minReplicas is written only when it is reported
  if (!maxReplicas.test(p.maxReplicas)) problems.check("spec.maxReplicas", p.maxReplicas, { ...maxReplicas, expected: `an integer from minReplicas (${min}) to 2147483647` });
  if (p.metrics.length > 0) {
    spec.metrics = p.metrics.map((metric, i) => {
      checkMetric(metric, `spec.metrics[${i}]`, problems);
      return cloned(metric);
    });
  }
  if (p.behavior) {
    if (p.behavior.scaleUp) checkScalingRules(p.behavior.scaleUp, "spec.behavior.scaleUp", problems);
    if (p.behavior.scaleDown) checkScalingRules(p.behavior.scaleDown, "spec.behavior.scaleDown", problems);
    spec.behavior = cloned(p.behavior);
  }
  return { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata, spec };
}

/** Each metric type, the field holding its source, and the targets it takes. */
const SOURCES: Readonly<Record<string, { field: keyof V2MetricSpec; targets: "utilization or average value" | "average value" | "value or average value" }>> = {
  Resource: { field: "resource", targets: "utilization or average value" },
  ContainerResource: { field: "containerResource", targets: "utilization or average value" },
  Pods: { field: "pods", targets: "average value" },
  Object: { field: "object", targets: "value or average value" },
  External: { field: "external", targets: "value or average value" },
};

const METRIC_TYPE = oneOf(Object.keys(SOURCES));
/** The source fields of every metric type, in order. */
const SOURCE_FIELDS = Object.keys(SOURCES).map((type) => SOURCES[type]!.field);
const TARGET_TYPE = oneOf(["Utilization", "Value", "AverageValue"]);
const UTILIZATION = integerBetween(1, 2_147_483_647);

/** A metric's quantity target: one the API server can read, above zero. */
const positiveQuantity: Rule = { expected: 'a quantity above zero such as "500m" or "10"', test: (v) => (parseQuantity(v)?.value ?? 0) > 0 };

/** The API server's checks of a `spec.metrics` entry: its type, its one source, the source's names and its target. */
function checkMetric(metric: V2MetricSpec, at: string, problems: Problems): void {
  if (!problems.checkField(at, "type", metric.type, METRIC_TYPE)) return;
  const { field, targets } = SOURCES[metric.type]!;
  const other = SOURCE_FIELDS.find((f) => f !== field && metric[f] !== undefined);
  if (other !== undefined) problems.add(`${at}.${other}`, `nothing: a ${metric.type} metric reads ${field} only`, metric[other]);
  const source = metric[field] as { name?: string; container?: string; metric?: { name?: string }; describedObject?: { kind?: string; name?: string }; target?: V2MetricTarget } | undefined;
  if (typeof source !== "object" || source === null) return problems.add(`${at}.${field}`, `the ${metric.type} metric's source`, source);
  // paths under the source are written only when a problem is reported
  const path = `${at}.${field}`;
  if (field === "resource" || field === "containerResource") problems.checkField(path, "name", source.name, nonEmptyString);
  else problems.checkField(path, "metric.name", source.metric?.name, nonEmptyString);
  if (field === "containerResource") problems.checkField(path, "container", source.container, nonEmptyString);
  if (field === "object") {
    problems.checkField(path, "describedObject.kind", source.describedObject?.kind, pathSegmentName);
    problems.checkField(path, "describedObject.name", source.describedObject?.name, pathSegmentName);
  }
  const target = source.target;
  if (typeof target !== "object" || target === null) return problems.add(`${path}.target`, `a target (${targets})`, target);
  problems.checkField(path, "target.type", target.type, TARGET_TYPE);
  const utilization = target.averageUtilization !== undefined;
  const value = target.value !== undefined;
  const average = target.averageValue !== undefined;
  if (utilization) problems.checkField(path, "target.averageUtilization", target.averageUtilization, UTILIZATION);
  if (value) problems.checkField(path, "target.value", target.value, positiveQuantity);
  if (average) problems.checkField(path, "target.averageValue", target.averageValue, positiveQuantity);
  const fits = targets === "utilization or average value" ? utilization !== average : targets === "average value" ? average : value || average;
  if (!fits) problems.add(`${path}.target`, `a target of ${targets === "utilization or average value" ? "either averageUtilization or averageValue" : targets === "average value" ? "averageValue" : "value or averageValue"}`, target);
}

/** The API server's checks of `spec.behavior.scaleUp` / `scaleDown`. */
function checkScalingRules(rules: V2HPAScalingRules, at: string, problems: Problems): void {
  if (rules.stabilizationWindowSeconds !== undefined) problems.check(`${at}.stabilizationWindowSeconds`, rules.stabilizationWindowSeconds, integerBetween(0, 3600));
  if (rules.selectPolicy !== undefined) problems.check(`${at}.selectPolicy`, rules.selectPolicy, oneOf(["Max", "Min", "Disabled"]));
  if (rules.tolerance !== undefined) problems.check(`${at}.tolerance`, rules.tolerance, quantity);
  if (rules.policies === undefined) return;
  if (rules.policies.length === 0) problems.add(`${at}.policies`, "at least one policy (or no policies field)", []);
  rules.policies.forEach((policy, i) => {
    problems.check(`${at}.policies[${i}].type`, policy.type, oneOf(["Pods", "Percent"]));
    problems.check(`${at}.policies[${i}].value`, policy.value, integerBetween(1, 2_147_483_647));
    problems.check(`${at}.policies[${i}].periodSeconds`, policy.periodSeconds, integerBetween(1, 1800));
  });
}
