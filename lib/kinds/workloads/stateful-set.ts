import type { V1PersistentVolumeClaim, V1StatefulSet, V1StatefulSetSpec } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import type { DisruptionBudgetOptions } from "../policy/pod-disruption-budget.js";
import { emitSelector, LongRunningBuilder, type AutoscaleOptions, type LongRunningProps } from "./long-running.js";
import { emitAnnotations, emitLabels, emitMetadata, startMetadata, type NamedMetadata } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { emitClaimSpec } from "../storage/persistent-volume-claim.js";
import { claimTemplatesOf, emitPodTemplate, startPod, type BuildableState, type NoContainer, type NoNamedContainer, type NoContainerYet, type WorkloadOptions, type MainContainerNamed, type PodProps, type PodState } from "../../pod/pod.js";
import type { ServiceBuilder } from "../network/service.js";
import { dnsLabel, emptyOr, integerAtLeast, oneOf } from "../../validation/rules.js";

declare module "../../pod/pod.js" {
  interface WorkloadBuilders<S extends PodState, Named extends string> {
    StatefulSet: StatefulSetBuilder<S, Named>;
  }
}

/** An `apps/v1` StatefulSet as piceli builds it (with the `apiVersion` and `kind` Piceli omits). */
export type StatefulSetManifest = V1StatefulSet & { apiVersion: "apps/v1"; kind: "StatefulSet"; metadata: NamedMetadata; spec: V1StatefulSetSpec };

interface StatefulSetProps extends LongRunningProps {
  readonly replicas?: number;
  readonly serviceName?: string;
  readonly podManagementPolicy?: "OrderedReady" | "Parallel";
  readonly updateStrategy?: { readonly type: "OnDelete" | "RollingUpdate"; readonly partition?: number };
  readonly minReadySeconds?: number;
}

/**
 * An immutable builder of an `apps/v1` StatefulSet: pods with stable names (`<name>-0`, `<name>-1`, …) and
 * their own volumes (mount a `claimTemplate()` to get `spec.volumeClaimTemplates`).
 */
export class StatefulSetBuilder<S extends PodState = PodState, Named extends string = string>
  extends LongRunningBuilder<"StatefulSet", S, Named, StatefulSetProps> {
  protected readonly kindName = "StatefulSet";

  /** @internal Use {@link statefulSet}. */
  constructor(props: StatefulSetProps) {
    super(props);
  }

  protected with(p: StatefulSetProps, metadata = p.metadata, pod = p.pod): this {
    return new StatefulSetBuilder({
      metadata, pod, selector: p.selector, service: p.service, autoscale: p.autoscale, ingress: p.ingress, verticalAutoscale: p.verticalAutoscale, disruptionBudget: p.disruptionBudget,
      replicas: p.replicas, serviceName: p.serviceName, podManagementPolicy: p.podManagementPolicy, updateStrategy: p.updateStrategy, minReadySeconds: p.minReadySeconds,
      [PATCHES]: p[PATCHES],
    } satisfies AllKeys<StatefulSetProps>) as this;
  }

  /** Sets `spec.replicas`. @default 1 (Kubernetes) */
  replicas(replicas: number): this {
    return this.with({ ...this.props, replicas });
  }

  /** Sets `spec.serviceName`: the headless Service giving the pods DNS names. @default the StatefulSet's name */
  serviceName(serviceName: string): this {
    return this.with({ ...this.props, serviceName });
  }

  /** Sets `spec.podManagementPolicy`: start and stop pods one by one, or all at once. @default "OrderedReady" (Kubernetes) */
  podManagementPolicy(policy: "OrderedReady" | "Parallel"): this {
    return this.with({ ...this.props, podManagementPolicy: policy });
  }

  /** Sets `spec.updateStrategy` to `RollingUpdate`: pods are replaced one by one, from the highest ordinal down to `partition`. @default "RollingUpdate", partition 0 */
  updateStrategy(type: "RollingUpdate", partition?: number): this;
  /** Sets `spec.updateStrategy` to `OnDelete`: pods are replaced only when deleted by hand. */
  updateStrategy(type: "OnDelete"): this;
  updateStrategy(type: "RollingUpdate" | "OnDelete", partition?: number): this {
    return this.with({ ...this.props, updateStrategy: { type, ...(partition !== undefined && { partition }) } });
  }

  /** Sets `spec.minReadySeconds`. @default 0 */
  minReadySeconds(seconds: number): this {
    return this.with({ ...this.props, minReadySeconds: seconds });
  }

  /** Creates a HorizontalPodAutoscaler named like the StatefulSet alongside it (see {@link AutoscaleOptions}). */
  autoscale(options: AutoscaleOptions): this {
    return this.with({ ...this.props, autoscale: options });
  }

  /** The governing Service `.service()` starts from: headless, named like `spec.serviceName`. */
  protected override defaultService(): ServiceBuilder {
    return super.defaultService().headless();
  }

  protected override companionServiceName(): string {
    return this.props.serviceName ?? this.props.metadata.name;
  }

  /**
   * Creates a PodDisruptionBudget named like the StatefulSet alongside it, selecting its pods: `minAvailable` or
   * `maxUnavailable` (a number of pods or a percentage), never both.
   * @example statefulSet("web").image("web:1").replicas(3).disruptionBudget({ minAvailable: 2 })
   */
  disruptionBudget(budget: DisruptionBudgetOptions): this {
    return this.with({ ...this.props, disruptionBudget: { ...budget } });
  }

  /**
   * Returns a fresh `StatefulSetManifest` (the workload only; `.manifests()` adds its Service and autoscaler).
   * @throws {PiceliValidationError} listing every value Kubernetes would reject.
   */
  build(this: StatefulSetBuilder<BuildableState>): StatefulSetManifest {
    return this.checked((props, problems) => emitStatefulSet(props, this.podToEmit(), problems));
  }
}

/**
 * Starts a StatefulSet named `name` (a DNS-1123 label of at most 52 characters: its pods' names and labels add to it), governed by the headless Service of the same name (create it with `.service()`).
 * @example statefulSet("db").image("postgres:16").container(c => c.port("postgres", 5432).mount("/var/lib/postgresql/data", claimTemplate("data", "10Gi"))).service()
 */
/** Starts a StatefulSet whose main container is named `options.container` (e.g. `"server"`). */
export function statefulSet<Main extends string>(name: string, options: WorkloadOptions<Main>): StatefulSetBuilder<NoContainerYet, NoNamedContainer | MainContainerNamed<Main>>;
export function statefulSet(name: string): StatefulSetBuilder<NoContainer, NoNamedContainer>;
export function statefulSet(name: string, options?: WorkloadOptions): StatefulSetBuilder<NoContainer | NoContainerYet> {
  // written with all their keys, so every builder's props have one shape (see AllKeys)
  return new StatefulSetBuilder({
    metadata: startMetadata(name), pod: startPod(options), selector: undefined, service: undefined, autoscale: undefined, ingress: undefined, verticalAutoscale: undefined, disruptionBudget: undefined,
    replicas: undefined, serviceName: undefined, podManagementPolicy: undefined, updateStrategy: undefined, minReadySeconds: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<StatefulSetProps>);
}

/**
 * The API server takes any DNS subdomain, but the pods are never created unless `<name>-<ordinal>` is a hostname
 * (a DNS label) and the `controller-revision-hash` label `<name>-<10-character hash>` fits in 63 characters.
 * @see https://github.com/kubernetes/kubernetes/issues/64023
 */
const statefulSetName = {
  expected: 'a DNS-1123 label of at most 52 characters (lowercase letters, digits or "-"), since its pods are named <name>-<ordinal> and labelled <name>-<10-character hash>',
  test: (v: unknown) => dnsLabel.test(v) && (v as string).length <= 52,
};

function emitStatefulSet(p: StatefulSetProps, pod: PodProps, problems: Problems): StatefulSetManifest {
  const metadata = emitMetadata(p.metadata, statefulSetName, problems);
  const spec = {} as V1StatefulSetSpec;
  spec.serviceName = p.serviceName ?? p.metadata.name;
  // "" is no governing Service
  problems.check("spec.serviceName", spec.serviceName, emptyOr(dnsLabel));
  if (p.replicas !== undefined) {
    problems.check("spec.replicas", p.replicas, integerAtLeast(0));
    spec.replicas = p.replicas;
  }
  if (p.podManagementPolicy !== undefined) {
    problems.check("spec.podManagementPolicy", p.podManagementPolicy, oneOf(["OrderedReady", "Parallel"]));
    spec.podManagementPolicy = p.podManagementPolicy;
  }
  if (p.updateStrategy) {
    const { type, partition } = p.updateStrategy;
    problems.check("spec.updateStrategy.type", type, oneOf(["RollingUpdate", "OnDelete"]));
    spec.updateStrategy = { type };
    if (partition !== undefined) {
      if (type !== "RollingUpdate") problems.add("spec.updateStrategy.rollingUpdate.partition", 'nothing unless the updateStrategy type is "RollingUpdate"', partition);
      problems.check("spec.updateStrategy.rollingUpdate.partition", partition, integerAtLeast(0));
      spec.updateStrategy.rollingUpdate = { partition };
    }
  }
  if (p.minReadySeconds !== undefined) {
    problems.check("spec.minReadySeconds", p.minReadySeconds, integerAtLeast(0));
    spec.minReadySeconds = p.minReadySeconds;
  }
  spec.selector = emitSelector(p, pod.labels ?? {}, problems);
  if (pod.restartPolicy !== undefined) problems.check("spec.template.spec.restartPolicy", pod.restartPolicy, oneOf(["Always"]));
  spec.template = emitPodTemplate(pod, problems, "spec.template", true);
  const templates = claimTemplatesOf(pod);
  if (templates.length > 0) {
    spec.volumeClaimTemplates = templates.map((t, i): V1PersistentVolumeClaim => {
      const at = `spec.volumeClaimTemplates[${i}]`;
      // the template's name is also the pod volume's name
      problems.check(`${at}.metadata.name`, t.name, dnsLabel);
      return {
        metadata: {
          name: t.name,
          ...(t.labels && { labels: emitLabels(t.labels, `${at}.metadata.labels`, problems) }),
          ...(t.annotations && { annotations: emitAnnotations(t.annotations, `${at}.metadata.annotations`, problems) }),
        },
        spec: emitClaimSpec(t.spec, `${at}.spec`, problems),
      };
    });
  }
  return { apiVersion: "apps/v1", kind: "StatefulSet", metadata, spec };
}
