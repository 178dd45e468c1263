import type { V1DaemonSet, V1DaemonSetSpec, V1DaemonSetUpdateStrategy } from "@kubernetes/client-node";
import { isZero } from "./deployment.js";
import { intOrPercentTo100, type IntOrPercent } from "../../values/int-or-percent.js";
import type { Problems } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitSelector, LongRunningBuilder, type LongRunningProps } from "./long-running.js";
import { emitMetadata, startMetadata, type NamedMetadata } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { emitPodTemplate, startPod, type BuildableState, type NoContainer, type NoNamedContainer, type NoContainerYet, type WorkloadOptions, type MainContainerNamed, type PodProps, type PodState } from "../../pod/pod.js";
import { dnsSubdomain, integerAtLeast, oneOf } from "../../validation/rules.js";

declare module "../../pod/pod.js" {
  interface WorkloadBuilders<S extends PodState, Named extends string> {
    DaemonSet: DaemonSetBuilder<S, Named>;
  }
}

/** An `apps/v1` DaemonSet as piceli builds it. */
export type DaemonSetManifest = V1DaemonSet & { apiVersion: "apps/v1"; kind: "DaemonSet"; metadata: NamedMetadata; spec: V1DaemonSetSpec };

interface DaemonSetProps extends LongRunningProps {
  readonly updateStrategy?: { readonly type: "OnDelete" } | { readonly type: "RollingUpdate"; readonly maxUnavailable?: IntOrPercent; readonly maxSurge?: IntOrPercent };
  readonly minReadySeconds?: number;
}

/** An immutable builder of an `apps/v1` DaemonSet: one pod on every (selected) node. */
export class DaemonSetBuilder<S extends PodState = PodState, Named extends string = string>
  extends LongRunningBuilder<"DaemonSet", S, Named, DaemonSetProps> {
  protected readonly kindName = "DaemonSet";

  /** @internal Use {@link daemonSet}. */
  constructor(props: DaemonSetProps) {
    super(props);
  }

  protected with(p: DaemonSetProps, metadata = p.metadata, pod = p.pod): this {
    return new DaemonSetBuilder({
      metadata, pod, selector: p.selector, service: p.service, autoscale: p.autoscale, ingress: p.ingress, verticalAutoscale: p.verticalAutoscale, disruptionBudget: p.disruptionBudget,
      updateStrategy: p.updateStrategy, minReadySeconds: p.minReadySeconds, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<DaemonSetProps>) as this;
  }

  /**
   * Sets `spec.updateStrategy` to `RollingUpdate` with these limits. Exactly one of them may be non-zero: replace
   * pods in place (`maxUnavailable`), or start the new pod first on each node (`maxSurge`, with `maxUnavailable: 0`).
   * @default Kubernetes' RollingUpdate: maxUnavailable 1, maxSurge 0
   */
  rollingUpdate(options?: { maxUnavailable?: IntOrPercent; maxSurge?: 0 | "0%" } | { maxUnavailable: 0 | "0%"; maxSurge: IntOrPercent }): this;
  rollingUpdate(options: { maxUnavailable?: IntOrPercent; maxSurge?: IntOrPercent } = {}): this {
    return this.with({ ...this.props, updateStrategy: { type: "RollingUpdate", ...options } });
  }

  /** Sets `spec.updateStrategy` to `OnDelete`: pods are replaced only when deleted by hand. */
  onDelete(): this {
    return this.with({ ...this.props, updateStrategy: { type: "OnDelete" } });
  }

  /** Sets `spec.minReadySeconds`. @default 0 */
  minReadySeconds(seconds: number): this {
    return this.with({ ...this.props, minReadySeconds: seconds });
  }

  /**
   * Returns a fresh `DaemonSetManifest` (the workload only; `.manifests()` adds its Service).
   * @throws {PiceliValidationError} listing every value Kubernetes would reject.
   */
  build(this: DaemonSetBuilder<BuildableState>): DaemonSetManifest {
    return this.checked((props, problems) => emitDaemonSet(props, this.podToEmit(), problems));
  }
}

/**
 * Starts a DaemonSet named `name`: a pod per node, e.g. a log collector.
 * @example daemonSet("node-exporter").image("prom/node-exporter:v1.8.0").tolerations({ operator: "Exists" })
 */
/** Starts a DaemonSet whose main container is named `options.container` (e.g. `"server"`). */
export function daemonSet<Main extends string>(name: string, options: WorkloadOptions<Main>): DaemonSetBuilder<NoContainerYet, NoNamedContainer | MainContainerNamed<Main>>;
export function daemonSet(name: string): DaemonSetBuilder<NoContainer, NoNamedContainer>;
export function daemonSet(name: string, options?: WorkloadOptions): DaemonSetBuilder<NoContainer | NoContainerYet> {
  // written with all their keys, so every builder's props have one shape (see AllKeys)
  return new DaemonSetBuilder({
    metadata: startMetadata(name), pod: startPod(options), selector: undefined, service: undefined, autoscale: undefined, ingress: undefined, verticalAutoscale: undefined, disruptionBudget: undefined,
    updateStrategy: undefined, minReadySeconds: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<DaemonSetProps>);
}

function emitDaemonSet(p: DaemonSetProps, pod: PodProps, problems: Problems): DaemonSetManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  const spec = {} as V1DaemonSetSpec;
  if (p.updateStrategy) spec.updateStrategy = emitUpdateStrategy(p.updateStrategy, problems);
  if (p.minReadySeconds !== undefined) {
    problems.check("spec.minReadySeconds", p.minReadySeconds, integerAtLeast(0));
    spec.minReadySeconds = p.minReadySeconds;
  }
  spec.selector = emitSelector(p, pod.labels ?? {}, problems);
  if (pod.restartPolicy !== undefined) problems.check("spec.template.spec.restartPolicy", pod.restartPolicy, oneOf(["Always"]));
  spec.template = emitPodTemplate(pod, problems, "spec.template");
  return { apiVersion: "apps/v1", kind: "DaemonSet", metadata, spec };
}

/** Writes `spec.updateStrategy`: exactly one of maxUnavailable (default 1) and maxSurge (default 0) is non-zero. */
function emitUpdateStrategy(strategy: NonNullable<DaemonSetProps["updateStrategy"]>, problems: Problems): V1DaemonSetUpdateStrategy {
  problems.check("spec.updateStrategy.type", strategy.type, oneOf(["RollingUpdate", "OnDelete"]));
  if (strategy.type !== "RollingUpdate") return { type: strategy.type };
  const at = "spec.updateStrategy.rollingUpdate";
  const rollingUpdate: NonNullable<V1DaemonSetUpdateStrategy["rollingUpdate"]> = {};
  for (const field of ["maxUnavailable", "maxSurge"] as const) {
    const value = strategy[field];
    if (value === undefined) continue;
    problems.check(`${at}.${field}`, value, intOrPercentTo100);
    rollingUpdate[field] = value as never;
  }
  const unavailable = strategy.maxUnavailable ?? 1;
  const surge = strategy.maxSurge ?? 0;
  if (!isZero(unavailable) && !isZero(surge)) problems.add(`${at}.maxSurge`, `0 when maxUnavailable is not 0 (it is ${JSON.stringify(unavailable)}${strategy.maxUnavailable === undefined ? " by default" : ""})`, surge);
  if (isZero(unavailable) && isZero(surge)) problems.add(`${at}.maxUnavailable`, "more than 0 when maxSurge is 0", unavailable);
  return Object.keys(rollingUpdate).length > 0 ? { type: "RollingUpdate", rollingUpdate } : { type: "RollingUpdate" };
}
