import type { V1Deployment, V1DeploymentSpec, V1DeploymentStrategy } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import type { DisruptionBudgetOptions } from "../policy/pod-disruption-budget.js";
import { emitSelector, LongRunningBuilder, type AutoscaleOptions, type LongRunningProps } from "./long-running.js";
import { emitMetadata, startMetadata, type NamedMetadata } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { emitPodTemplate, startPod, type BuildableState, type NoContainer, type NoNamedContainer, type NoContainerYet, type WorkloadOptions, type MainContainerNamed, type PodState } from "../../pod/pod.js";
import { dnsSubdomain, integerAtLeast, oneOf } from "../../validation/rules.js";
import { intOrPercent, intOrPercentTo100, type IntOrPercent } from "../../values/int-or-percent.js";

declare module "../../pod/pod.js" {
  interface WorkloadBuilders<S extends PodState, Named extends string> {
    Deployment: DeploymentBuilder<S, Named>;
  }
}

/** An `apps/v1` Deployment as piceli builds it. */
export type DeploymentManifest = V1Deployment & { apiVersion: "apps/v1"; kind: "Deployment"; metadata: NamedMetadata; spec: V1DeploymentSpec };

export type { IntOrPercent } from "../../values/int-or-percent.js";

interface DeploymentProps extends LongRunningProps {
  readonly replicas?: number;
  readonly strategy?: { readonly type: "Recreate" } | { readonly type: "RollingUpdate"; readonly maxSurge?: IntOrPercent; readonly maxUnavailable?: IntOrPercent };
  readonly minReadySeconds?: number;
  readonly revisionHistoryLimit?: number;
  readonly progressDeadlineSeconds?: number;
}

/**
 * An immutable builder of an `apps/v1` Deployment: replicas of a pod, replaced by rolling updates.
 * `S` records whether the containers can run (see {@link PodState}); `Named` the names of containers added by name and the main container's if the factory named it (the default, `string`, takes any: write `DeploymentBuilder<"ready">` in a helper's parameter).
 */
export class DeploymentBuilder<S extends PodState = PodState, Named extends string = string>
  extends LongRunningBuilder<"Deployment", S, Named, DeploymentProps> {
  protected readonly kindName = "Deployment";

  /** @internal Use {@link deployment}. */
  constructor(props: DeploymentProps) {
    super(props);
  }

  protected with(p: DeploymentProps, metadata = p.metadata, pod = p.pod): this {
    return new DeploymentBuilder({
      metadata, pod, selector: p.selector, service: p.service, autoscale: p.autoscale, ingress: p.ingress, verticalAutoscale: p.verticalAutoscale, disruptionBudget: p.disruptionBudget,
      replicas: p.replicas, strategy: p.strategy, minReadySeconds: p.minReadySeconds, revisionHistoryLimit: p.revisionHistoryLimit, progressDeadlineSeconds: p.progressDeadlineSeconds,
      [PATCHES]: p[PATCHES],
    } satisfies AllKeys<DeploymentProps>) as this;
  }

  /** Sets `spec.replicas`: how many pods run. @default 1 (Kubernetes) */
  replicas(replicas: number): this {
    return this.with({ ...this.props, replicas });
  }

  /** Sets `spec.strategy` to `Recreate`: all old pods stop before new ones start (downtime; for single-writer volumes). */
  recreate(): this {
    return this.with({ ...this.props, strategy: { type: "Recreate" } });
  }

  /** Sets `spec.strategy` to `RollingUpdate` with these limits. @default Kubernetes' RollingUpdate, 25% / 25% */
  rollingUpdate(options: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } = {}): this {
    return this.with({ ...this.props, strategy: { type: "RollingUpdate", ...options } });
  }

  /** Sets `spec.strategy.type` (Piceli's Deployments always used `Recreate`; Kubernetes defaults to `RollingUpdate`). */
  strategy(type: "Recreate" | "RollingUpdate"): this {
    // an untyped caller's other type is kept, for build() to report
    return type === "RollingUpdate" ? this.rollingUpdate() : this.with({ ...this.props, strategy: { type } as { type: "Recreate" } });
  }

  /** Sets `spec.minReadySeconds`: how long a new pod must be ready before it counts as available. @default 0 */
  minReadySeconds(seconds: number): this {
    return this.with({ ...this.props, minReadySeconds: seconds });
  }

  /** Sets `spec.revisionHistoryLimit`: old ReplicaSets kept for rollback. @default 10 (Kubernetes) */
  revisionHistoryLimit(limit: number): this {
    return this.with({ ...this.props, revisionHistoryLimit: limit });
  }

  /** Sets `spec.progressDeadlineSeconds`: when a stalled rollout is reported as failed. @default 600 (Kubernetes) */
  progressDeadlineSeconds(seconds: number): this {
    return this.with({ ...this.props, progressDeadlineSeconds: seconds });
  }

  /**
   * Creates a HorizontalPodAutoscaler named like the Deployment alongside it (Piceli's `hpa`), targeting it
   * with `scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name }`.
   * @example deployment("web").image("web:1").autoscale({ min: 2, max: 10, cpu: 70 })
   */
  autoscale(options: AutoscaleOptions): this {
    return this.with({ ...this.props, autoscale: options });
  }

  /**
   * Creates a PodDisruptionBudget named like the Deployment alongside it, selecting its pods: `minAvailable` or
   * `maxUnavailable` (a number of pods or a percentage), never both.
   * @example deployment("web").image("web:1").replicas(3).disruptionBudget({ minAvailable: 2 })
   */
  disruptionBudget(budget: DisruptionBudgetOptions): this {
    return this.with({ ...this.props, disruptionBudget: { ...budget } });
  }

  /**
   * Returns a fresh `DeploymentManifest` (the workload only; `.manifests()` adds its Service and autoscaler).
   * @throws {PiceliValidationError} listing every value Kubernetes would reject.
   */
  build(this: DeploymentBuilder<BuildableState>): DeploymentManifest {
    return this.checked((props, problems) => emitDeployment(props, this.podToEmit(), problems));
  }
}

/**
 * Starts a Deployment named `name` (a DNS-1123 subdomain). Its pods are labelled `app.kubernetes.io/name: <name>`
 * unless `.templateLabels()` says otherwise, and selected by those labels.
 * @example deployment("web").image("nginx:1.27").container(c => c.port("http", 80)).replicas(3).service()
 */
/** Starts a Deployment whose main container is named `options.container` (e.g. `"server"`). */
export function deployment<Main extends string>(name: string, options: WorkloadOptions<Main>): DeploymentBuilder<NoContainerYet, NoNamedContainer | MainContainerNamed<Main>>;
export function deployment(name: string): DeploymentBuilder<NoContainer, NoNamedContainer>;
export function deployment(name: string, options?: WorkloadOptions): DeploymentBuilder<NoContainer | NoContainerYet> {
  // written with all their keys, so every builder's props have one shape (see AllKeys)
  return new DeploymentBuilder({
    metadata: startMetadata(name), pod: startPod(options), selector: undefined, service: undefined, autoscale: undefined, ingress: undefined, verticalAutoscale: undefined, disruptionBudget: undefined,
    replicas: undefined, strategy: undefined, minReadySeconds: undefined, revisionHistoryLimit: undefined, progressDeadlineSeconds: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<DeploymentProps>);
}

function emitDeployment(p: DeploymentProps, pod: DeploymentProps["pod"], problems: Problems): DeploymentManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  const spec = {} as V1DeploymentSpec;
  if (p.replicas !== undefined) {
    problems.check("spec.replicas", p.replicas, integerAtLeast(0));
    spec.replicas = p.replicas;
  }
  if (p.strategy) spec.strategy = emitStrategy(p.strategy, problems);
  if (p.minReadySeconds !== undefined) {
    problems.check("spec.minReadySeconds", p.minReadySeconds, integerAtLeast(0));
    spec.minReadySeconds = p.minReadySeconds;
  }
  if (p.revisionHistoryLimit !== undefined) {
    problems.check("spec.revisionHistoryLimit", p.revisionHistoryLimit, integerAtLeast(0));
    spec.revisionHistoryLimit = p.revisionHistoryLimit;
  }
  if (p.progressDeadlineSeconds !== undefined) {
    problems.check("spec.progressDeadlineSeconds", p.progressDeadlineSeconds, integerAtLeast(1));
    spec.progressDeadlineSeconds = p.progressDeadlineSeconds;
  }
  // Kubernetes' default deadline, 600, must exceed minReadySeconds too
  const deadline = p.progressDeadlineSeconds ?? 600;
  if (p.minReadySeconds !== undefined && deadline <= p.minReadySeconds) {
    problems.add("spec.progressDeadlineSeconds", `more than minReadySeconds (${p.minReadySeconds})`, p.progressDeadlineSeconds ?? "600 (Kubernetes' default)");
  }
  spec.selector = emitSelector(p, pod.labels ?? {}, problems);
  if (pod.restartPolicy !== undefined) problems.check("spec.template.spec.restartPolicy", pod.restartPolicy, oneOf(["Always"]));
  spec.template = emitPodTemplate(pod, problems, "spec.template");
  return { apiVersion: "apps/v1", kind: "Deployment", metadata, spec };
}

/** Writes a rolling-update or recreate strategy, checking surge and unavailability. */
export function emitStrategy(strategy: NonNullable<DeploymentProps["strategy"]>, problems: Problems): V1DeploymentStrategy {
  if (strategy.type === "Recreate") return { type: "Recreate" };
  // an untyped caller's other type is written as given, for the error to show
  if (!problems.check("spec.strategy.type", strategy.type, oneOf(["Recreate", "RollingUpdate"]))) return { type: strategy.type };
  const rollingUpdate: NonNullable<V1DeploymentStrategy["rollingUpdate"]> = {};
  for (const field of ["maxSurge", "maxUnavailable"] as const) {
    const value = strategy[field];
    if (value === undefined) continue;
    // Kubernetes caps only the unavailable share at 100%: a surge may double the pods and more
    problems.check(`spec.strategy.rollingUpdate.${field}`, value, field === "maxUnavailable" ? intOrPercentTo100 : intOrPercent);
    rollingUpdate[field] = value as never;
  }
  if (isZero(strategy.maxSurge) && isZero(strategy.maxUnavailable)) {
    problems.add("spec.strategy.rollingUpdate.maxUnavailable", "more than 0 when maxSurge is 0", strategy.maxUnavailable);
  }
  return Object.keys(rollingUpdate).length > 0 ? { type: "RollingUpdate", rollingUpdate } : { type: "RollingUpdate" };
}

/** Whether an int-or-percent is zero (`0` or `"0%"`), as Kubernetes reads it. */
export const isZero = (v: unknown) => v === 0 || (typeof v === "string" && /^0+%$/.test(v));

