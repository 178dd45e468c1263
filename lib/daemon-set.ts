import type { V1DaemonSet, V1DaemonSetSpec } from "@kubernetes/client-node";
import type { IntOrPercent } from "./deployment.js";
import type { Problems } from "./internal/errors.js";
import { emitSelector, LongRunningBuilder, type LongRunningProps } from "./long-running.js";
import { emitMetadata, type NamedMetadata } from "./metadata.js";
import { emitPodTemplate, emptyPod, type BuildableState, type NoContainer, type PodProps, type PodState } from "./pod.js";
import { dnsSubdomain, integerAtLeast, oneOf } from "./validation/rules.js";

/** An `apps/v1` DaemonSet as piceli builds it. */
export type DaemonSetManifest = V1DaemonSet & { apiVersion: "apps/v1"; kind: "DaemonSet"; metadata: NamedMetadata; spec: V1DaemonSetSpec };

interface DaemonSetProps extends LongRunningProps {
  readonly updateStrategy?: { readonly type: "OnDelete" } | { readonly type: "RollingUpdate"; readonly maxUnavailable?: IntOrPercent; readonly maxSurge?: IntOrPercent };
  readonly minReadySeconds?: number;
}

/** An immutable builder of an `apps/v1` DaemonSet: one pod on every (selected) node. */
export class DaemonSetBuilder<S extends PodState = PodState, Named extends string = never>
  extends LongRunningBuilder<"DaemonSet", S, Named, DaemonSetProps> {
  protected readonly kindName = "DaemonSet";

  /** @internal Use {@link daemonSet}. */
  constructor(props: DaemonSetProps) {
    super(props);
  }

  protected with(props: DaemonSetProps): this {
    return new DaemonSetBuilder(props) as this;
  }

  /** Sets `spec.updateStrategy` to `RollingUpdate` with these limits. @default Kubernetes' RollingUpdate, maxUnavailable 1 */
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
  build(this: DaemonSetBuilder<BuildableState, Named>): DaemonSetManifest {
    return this.checked((props, problems) => emitDaemonSet(props, this.podToEmit(), problems));
  }
}

/**
 * Starts a DaemonSet named `name`: a pod per node, e.g. a log collector.
 * @example daemonSet("node-exporter").image("prom/node-exporter:v1.8.0").tolerations({ operator: "Exists" })
 */
export function daemonSet(name: string): DaemonSetBuilder<NoContainer> {
  return new DaemonSetBuilder({ metadata: { name }, pod: emptyPod });
}

function emitDaemonSet(p: DaemonSetProps, pod: PodProps, problems: Problems): DaemonSetManifest {
  const metadata = emitMetadata(p.metadata, dnsSubdomain, problems);
  const spec = {} as V1DaemonSetSpec;
  if (p.updateStrategy) {
    problems.check("spec.updateStrategy.type", p.updateStrategy.type, oneOf(["RollingUpdate", "OnDelete"]));
    const { type, ...rollingUpdate } = p.updateStrategy;
    spec.updateStrategy = Object.keys(rollingUpdate).length > 0 ? { type, rollingUpdate: rollingUpdate as never } : { type };
  }
  if (p.minReadySeconds !== undefined) {
    problems.check("spec.minReadySeconds", p.minReadySeconds, integerAtLeast(0));
    spec.minReadySeconds = p.minReadySeconds;
  }
  spec.selector = emitSelector(p, pod.labels ?? {}, problems);
  problems.check("spec.template.spec.restartPolicy", pod.restartPolicy, oneOf(["Always"]));
  spec.template = emitPodTemplate(p.metadata.name, pod, problems, "spec.template");
  return { apiVersion: "apps/v1", kind: "DaemonSet", metadata, spec };
}
