import type { KubernetesObject, V1LabelSelector } from "@kubernetes/client-node";
import { horizontalPodAutoscaler, type HorizontalPodAutoscalerBuilder, type ScaleTargetRef } from "../autoscaling/horizontal-pod-autoscaler.js";
import type { Problems } from "../../internal/errors.js";
import { emitLabels, type StringMap } from "../metadata.js";
import { WorkloadBuilder, type BuildableState, type PodProps, type PodState, type WorkloadProps } from "../../pod/pod.js";
import { service, type ServiceBuilder } from "../network/service.js";

/** Piceli's `hpa`: replicas between `min` and `max`, keeping average CPU (and/or memory) use at a percentage of requests. */
export interface AutoscaleOptions {
  /** `minReplicas`. @default 1 */
  readonly min?: number;
  /** `maxReplicas`. */
  readonly max: number;
  /** Target average CPU utilization, percent of requests. */
  readonly cpu?: number;
  /** Target average memory utilization, percent of requests. */
  readonly memory?: number;
}

/** What Deployments, StatefulSets and DaemonSets hold besides the pod template. */
export interface LongRunningProps extends WorkloadProps {
  readonly selector?: StringMap;
  readonly service?: (service: ServiceBuilder) => ServiceBuilder;
  readonly autoscale?: AutoscaleOptions;
}

/**
 * Shared by Deployments, StatefulSets and DaemonSets: pods that run until replaced (`restartPolicy: Always`),
 * selected by their labels, optionally with a Service and an autoscaler created alongside.
 */
export abstract class LongRunningBuilder<K extends "Deployment" | "StatefulSet" | "DaemonSet", S extends PodState, Named extends string, Props extends LongRunningProps>
  extends WorkloadBuilder<K, S, Named, Props> {
  /**
   * The pods' labels: those given with `.templateLabels()`, or `app.kubernetes.io/name: <name>` when none are,
   * since a selector needs at least one.
   */
  override get podLabels(): StringMap {
    return this.props.pod.labels ?? { "app.kubernetes.io/name": this.props.metadata.name };
  }

  /** `{ apiVersion, kind, name }`: what autoscalers and owner references point at. */
  get scaleTargetRef(): ScaleTargetRef {
    return { apiVersion: "apps/v1", kind: this.kindName, name: this.props.metadata.name };
  }

  /** Sets `spec.template.spec.restartPolicy`; Kubernetes accepts only `Always` for these workloads. @default "Always" */
  restartPolicy(restartPolicy: "Always"): this {
    return this.withRestartPolicy(restartPolicy);
  }

  /** Sets `spec.selector.matchLabels`; must be a subset of the pods' labels. @default the pods' labels */
  selector(matchLabels: StringMap): this {
    return this.with({ ...this.props, selector: matchLabels });
  }

  /**
   * Creates a Service named like the workload alongside it (Piceli's `create_service`): it selects the pods'
   * labels and exposes every container port (`port` = `targetPort` = the container port). `configure` adjusts it.
   * `toYaml(workload)` and `.manifests()` emit it; `.build()` still returns the workload alone.
   */
  service(configure: (service: ServiceBuilder) => ServiceBuilder = (s) => s): this {
    return this.with({ ...this.props, service: configure });
  }

  /** The companion objects (`.service()`, `.autoscale()`), built from the workload as it is now. */
  get companions(): (ServiceBuilder | HorizontalPodAutoscalerBuilder)[] {
    const out: (ServiceBuilder | HorizontalPodAutoscalerBuilder)[] = [];
    if (this.props.service) out.push(this.props.service(this.defaultService()));
    if (this.props.autoscale) out.push(autoscaler(this.props.metadata.name, this.props.metadata.namespace, this.scaleTargetRef, this.props.autoscale));
    return out;
  }

  /** The workload, then its companion objects, as fresh manifests. Compiles only once every container has an image. */
  manifests(this: { readonly "~state": BuildableState; build(): KubernetesObject; companions: { build(): KubernetesObject }[] }): KubernetesObject[] {
    return [this.build(), ...this.companions.map((c) => c.build())];
  }

  /** The Service `.service()` starts from. */
  protected defaultService(): ServiceBuilder {
    const ports = this.containers.flatMap((c) => c.ports);
    const { namespace } = this.props.metadata;
    const start = service(this.companionServiceName()).selector(this.podLabels);
    return ports.reduce(
      (s, p) => (p.name !== undefined
        ? s.port(p.name, p.containerPort, { targetPort: p.containerPort, ...(p.protocol && { protocol: p.protocol }) })
        : s.port(p.containerPort, { targetPort: p.containerPort, ...(p.protocol && { protocol: p.protocol }) })),
      namespace === undefined ? start : start.namespace(namespace),
    );
  }

  /** The name of the Service `.service()` creates. */
  protected companionServiceName(): string {
    return this.props.metadata.name;
  }

  /** The pod template with its labels defaulted and `restartPolicy: Always`, for emitting. */
  protected podToEmit(): PodProps {
    return { ...this.props.pod, labels: this.podLabels, restartPolicy: this.props.pod.restartPolicy ?? "Always" };
  }
}

function autoscaler(name: string, namespace: string | undefined, target: ScaleTargetRef, { min, max, cpu, memory }: AutoscaleOptions): HorizontalPodAutoscalerBuilder {
  // an autoscaler only finds its target in its own namespace
  let hpa = horizontalPodAutoscaler(name, target, max);
  if (namespace !== undefined) hpa = hpa.namespace(namespace);
  if (min !== undefined) hpa = hpa.minReplicas(min);
  if (cpu !== undefined) hpa = hpa.cpuUtilization(cpu);
  if (memory !== undefined) hpa = hpa.memoryUtilization(memory);
  return hpa;
}

/** Writes `spec.selector` and checks it selects the pods: every label it requires must be on the pod template. */
export function emitSelector(props: LongRunningProps, podLabels: StringMap, problems: Problems): V1LabelSelector {
  const matchLabels = emitLabels(props.selector ?? podLabels, "spec.selector.matchLabels", problems);
  if (Object.keys(matchLabels).length === 0) problems.add("spec.selector.matchLabels", "at least one label", matchLabels);
  for (const [key, value] of Object.entries(matchLabels)) {
    if (podLabels[key] !== value) {
      problems.add(`spec.selector.matchLabels[${JSON.stringify(key)}]`, `a label the pod template has (spec.template.metadata.labels: ${JSON.stringify(podLabels)})`, value);
    }
  }
  return { matchLabels };
}
