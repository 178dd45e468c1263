import type { KubernetesObject, V1LabelSelector } from "@kubernetes/client-node";
import { horizontalPodAutoscaler, type HorizontalPodAutoscalerBuilder, type ScaleTargetRef } from "../autoscaling/horizontal-pod-autoscaler.js";
import type { Problems } from "../../internal/errors.js";
import { emitLabels, type StringMap } from "../metadata.js";
import { WorkloadBuilder, type BuildableState, type PodProps, type PodState, type WorkloadProps } from "../../pod/pod.js";
import { companionService, type ServiceBuilder } from "../network/service.js";
import { ingress, type IngressBuilder, type PathType, type TlsSecret } from "../network/ingress.js";
import { podDisruptionBudget, type DisruptionBudgetOptions, type PodDisruptionBudgetBuilder } from "../policy/pod-disruption-budget.js";
import { verticalPodAutoscaler, type VerticalPodAutoscalerBuilder } from "../autoscaling/vertical-pod-autoscaler.js";
import { PiceliValidationError } from "../../internal/errors.js";

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

/** The route of a workload's `.ingress()` companion to its `.service()`. */
export interface IngressOptions {
  /** `spec.rules[].host`. @default every host */
  readonly host?: string;
  /** The path. @default "/" */
  readonly path?: string;
  /** @default "Prefix" */
  readonly pathType?: PathType;
  /** The Service port (number or name). @default the Service's only port */
  readonly port?: number | string;
  /** `spec.tls`: serve `host` over HTTPS with this `kubernetes.io/tls` Secret (a builder or a name). */
  readonly tls?: TlsSecret;
  /** `spec.ingressClassName`: an IngressClass builder or its name. @default the cluster's default class */
  readonly ingressClassName?: { readonly name: string } | string;
}

/** A companion object of a workload: what `.manifests()` builds after it. */
export type Companion = ServiceBuilder | IngressBuilder | HorizontalPodAutoscalerBuilder | VerticalPodAutoscalerBuilder | PodDisruptionBudgetBuilder;

/** What Deployments, StatefulSets and DaemonSets hold besides the pod template. */
export interface LongRunningProps extends WorkloadProps {
  readonly selector?: StringMap;
  readonly service?: (service: ServiceBuilder) => ServiceBuilder;
  readonly autoscale?: AutoscaleOptions;
  readonly ingress?: IngressOptions;
  readonly verticalAutoscale?: (vpa: VerticalPodAutoscalerBuilder) => VerticalPodAutoscalerBuilder;
  readonly disruptionBudget?: DisruptionBudgetOptions;
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

  /** Sets `spec.template.spec.restartPolicy`; Kubernetes accepts only `Always` for these workloads. @default "Always" (Kubernetes; not written unless set) */
  restartPolicy(restartPolicy: "Always"): this {
    return this.withRestartPolicy(restartPolicy);
  }

  /** Sets `spec.selector.matchLabels`; must be a subset of the pods' labels. @default the pods' labels */
  selector(matchLabels: StringMap): this {
    return this.with({ ...this.props, selector: matchLabels });
  }

  /**
   * Creates a Service named like the workload alongside it (Piceli's `create_service`): it selects the pods'
   * labels and exposes every container port (`port` = the container port, with its name and protocol; `targetPort`
   * left to Kubernetes, which makes it `port`). `configure` adjusts it: `.type()`, `.annotations()`, and `.port()`,
   * which replaces the port of the same name or of the container port it targets (80 → 8080, or to a port's name).
   * @example deployment("frontend", { container: "server" }).image("frontend:1").container(c => c.port(8080)).service(s => s.port("http", 80, { targetPort: 8080 }))
   * `toYaml(workload)` and `.manifests()` emit it; `.build()` still returns the workload alone.
   */
  service(configure: (service: ServiceBuilder) => ServiceBuilder = (s) => s): this {
    return this.with({ ...this.props, service: configure });
  }

  /**
   * Creates an Ingress named like the workload alongside it, routing `host` and `path` to the `.service()` companion
   * (which it needs); the port must be one of the Service's.
   * @example deployment("web").image("web:1").container(c => c.port("http", 8080)).service().ingress({ host: "shop.example.com", tls: "shop-tls" })
   */
  ingress(options: IngressOptions = {}): this {
    return this.with({ ...this.props, ingress: { ...options } });
  }

  /**
   * Creates a VerticalPodAutoscaler named like the workload alongside it, targeting it; `configure` adjusts it
   * (update mode, container policies). Needs the VPA installed in the cluster.
   * @example deployment("web").image("web:1").verticalAutoscale(v => v.updateMode("Off"))
   */
  verticalAutoscale(configure: (vpa: VerticalPodAutoscalerBuilder) => VerticalPodAutoscalerBuilder = (v) => v): this {
    return this.with({ ...this.props, verticalAutoscale: configure });
  }

  /** The companion objects (`.service()`, `.ingress()`, `.autoscale()`, `.verticalAutoscale()`, `.disruptionBudget()`), built from the workload as it is now. */
  get companions(): Companion[] {
    const { metadata } = this.props;
    const inNamespace = <B extends Companion>(b: B): B => (metadata.namespace === undefined ? b : b.namespace(metadata.namespace) as B);
    const out: Companion[] = [];
    const svc = this.props.service?.(this.defaultService());
    if (svc) out.push(svc);
    if (this.props.ingress) out.push(inNamespace(this.#ingress(this.props.ingress, svc)));
    if (this.props.autoscale) out.push(autoscaler(metadata.name, metadata.namespace, this.scaleTargetRef, this.props.autoscale));
    if (this.props.verticalAutoscale) out.push(this.props.verticalAutoscale(inNamespace(verticalPodAutoscaler(metadata.name, this))));
    if (this.props.disruptionBudget) {
      const { unhealthyPodEvictionPolicy, ...budget } = this.props.disruptionBudget;
      const pdb = inNamespace(podDisruptionBudget(metadata.name, { matchLabels: this.props.selector ?? this.podLabels }, budget as DisruptionBudgetOptions));
      out.push(unhealthyPodEvictionPolicy === undefined ? pdb : pdb.unhealthyPodEvictionPolicy(unhealthyPodEvictionPolicy));
    }
    return out;
  }

  #ingress(options: IngressOptions, svc: ServiceBuilder | undefined): IngressBuilder {
    if (!svc) throw new PiceliValidationError(this.describe(), [{ path: "ingress", expected: "a Service to route to: call .service() as well", received: undefined }]);
    const { host, path, pathType, port, tls, ingressClassName } = options;
    let out = ingress(this.props.metadata.name).route({
      service: svc, ...(host !== undefined && { host }), ...(path !== undefined && { path }), ...(pathType !== undefined && { pathType }), ...(port !== undefined && { port }),
    });
    if (tls !== undefined) out = host === undefined ? out.tls(tls) : out.tls(tls, host);
    return ingressClassName === undefined ? out : out.ingressClassName(ingressClassName);
  }

  /** The workload, then its companion objects, as fresh manifests. Compiles only once every container has an image. */
  manifests(this: { readonly "~state": BuildableState; build(): KubernetesObject; companions: readonly { build(): KubernetesObject }[] }): KubernetesObject[] {
    return [this.build(), ...this.companions.map((c) => c.build())];
  }

  /** The Service `.service()` starts from: a port per container port, selecting the pods. */
  protected defaultService(): ServiceBuilder {
    const { namespace } = this.props.metadata;
    const start = companionService(this.companionServiceName(), this.containers.flatMap((c) => c.ports)).selector(this.podLabels);
    return namespace === undefined ? start : start.namespace(namespace);
  }

  /** The name of the Service `.service()` creates. */
  protected companionServiceName(): string {
    return this.props.metadata.name;
  }

  /** The pod template with its labels defaulted (a selector needs one), for emitting. */
  protected podToEmit(): PodProps {
    return { ...this.props.pod, labels: this.podLabels };
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
