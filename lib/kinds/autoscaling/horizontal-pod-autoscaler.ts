import type { V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerBehavior, V2HorizontalPodAutoscalerSpec, V2MetricSpec } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import { emitMetadata, ObjectBuilder, type MetadataProps, type NamedMetadata } from "../metadata.js";
import { dnsSubdomain, integerAtLeast, integerBetween, nonEmptyString } from "../../validation/rules.js";

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

interface HorizontalPodAutoscalerProps {
  readonly metadata: MetadataProps;
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

  protected with(props: HorizontalPodAutoscalerProps): this {
    return new HorizontalPodAutoscalerBuilder(props) as this;
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
    return this.with({ ...this.props, metrics: [...this.props.metrics, structuredClone(metric)] });
  }

  /** Sets `spec.behavior`: scale-up and scale-down rates and stabilization windows. */
  behavior(behavior: V2HorizontalPodAutoscalerBehavior): this {
    return this.with({ ...this.props, behavior: structuredClone(behavior) });
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
  return new HorizontalPodAutoscalerBuilder({ metadata: { name }, target: { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name }, maxReplicas, metrics: [] });
}

function resourceMetric(name: "cpu" | "memory", averageUtilization: number): V2MetricSpec {
  return { type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } };
}

function emitHorizontalPodAutoscaler(p: HorizontalPodAutoscalerProps, problems: Problems): HorizontalPodAutoscalerManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  for (const field of ["apiVersion", "kind", "name"] as const) problems.check(`spec.scaleTargetRef.${field}`, p.target[field], nonEmptyString);
  const spec: V2HorizontalPodAutoscalerSpec = { scaleTargetRef: { ...p.target }, maxReplicas: p.maxReplicas };
  const replicas = integerBetween(1, 2_147_483_647);
  if (p.minReplicas !== undefined) {
    problems.check("spec.minReplicas", p.minReplicas, replicas);
    spec.minReplicas = p.minReplicas;
  }
  // an invalid minReplicas is reported above; maxReplicas is then held to Kubernetes' own floor, 1
  const min = p.minReplicas !== undefined && replicas.test(p.minReplicas) ? p.minReplicas : 1;
  problems.check("spec.maxReplicas", p.maxReplicas, { expected: `an integer >= minReplicas (${min})`, test: (v) => Number.isInteger(v) && (v as number) >= min });
  if (p.metrics.length > 0) {
    spec.metrics = p.metrics.map((metric, i) => {
      const utilization = metric.resource?.target.averageUtilization;
      if (utilization !== undefined) problems.check(`spec.metrics[${i}].resource.target.averageUtilization`, utilization, integerAtLeast(1));
      return structuredClone(metric);
    });
  }
  if (p.behavior) spec.behavior = structuredClone(p.behavior);
  return { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata, spec };
}
