import type { V1Pod, V1PodSpec } from "@kubernetes/client-node";
import type { Problems } from "../../internal/errors.js";
import { emitMetadata, startMetadata, type NamedMetadata, type StringMap } from "../metadata.js";
import { PATCHES } from "../patch.js";
import type { AllKeys } from "../../internal/types.js";
import { emitPodTemplate, startPod, WorkloadBuilder, type BuildableState, type NoContainer, type NoNamedContainer, type NoContainerYet, type PodState, type WorkloadOptions, type MainContainerNamed, type WorkloadProps } from "../../pod/pod.js";
import { dnsSubdomain, emptyOr, oneOf } from "../../validation/rules.js";

declare module "../../pod/pod.js" {
  interface WorkloadBuilders<S extends PodState, Named extends string> {
    Pod: PodBuilder<S, Named>;
  }
}

/** A `v1` Pod as piceli builds it. */
export type PodManifest = V1Pod & { apiVersion: "v1"; kind: "Pod"; metadata: NamedMetadata; spec: V1PodSpec };

/** What a Pod's containers do when they exit. */
export type PodRestartPolicy = "Always" | "OnFailure" | "Never";

/**
 * An immutable builder of a `v1` Pod on its own, for one-off tools and tests (workloads manage pods for everything
 * else). It has every pod method workloads have; its labels and annotations are the pod's own, so `.labels()` and
 * `.templateLabels()` both set `metadata.labels`.
 */
export class PodBuilder<S extends PodState = PodState, Named extends string = string> extends WorkloadBuilder<"Pod", S, Named, WorkloadProps> {
  protected readonly kindName = "Pod";

  /** @internal Use {@link pod}. */
  constructor(props: WorkloadProps) {
    super(props);
  }

  protected with(p: WorkloadProps, metadata = p.metadata, pod = p.pod): this {
    return new PodBuilder({ metadata, pod, [PATCHES]: p[PATCHES] } satisfies AllKeys<WorkloadProps>) as this;
  }

  /** The pod's labels (`metadata.labels`, from `.labels()` and `.templateLabels()`), as Services and policies select them. */
  override get podLabels(): StringMap {
    return { ...this.props.metadata.labels, ...this.props.pod.labels };
  }

  /** Sets `spec.restartPolicy`. @default "Always" (Kubernetes) */
  restartPolicy(restartPolicy: PodRestartPolicy): this {
    return this.withRestartPolicy(restartPolicy);
  }

  /** Returns a fresh `PodManifest`. @throws {PiceliValidationError} listing every value Kubernetes would reject. */
  build(this: PodBuilder<BuildableState>): PodManifest {
    return this.checked(emitPod);
  }
}

/** Starts a Pod whose main container is named `options.container` (e.g. `"tool"`). */
export function pod<Main extends string>(name: string, options: WorkloadOptions<Main>): PodBuilder<NoContainerYet, NoNamedContainer | MainContainerNamed<Main>>;
/**
 * Starts a Pod named `name` (a DNS-1123 subdomain); its main container is named like it.
 * @example pod("debug").image("busybox:1.36").container(c => c.command("sleep", "3600")).restartPolicy("Never")
 */
export function pod(name: string): PodBuilder<NoContainer, NoNamedContainer>;
export function pod(name: string, options?: WorkloadOptions): PodBuilder<NoContainer | NoContainerYet> {
  return new PodBuilder({ metadata: startMetadata(name), pod: startPod(options), [PATCHES]: undefined } satisfies AllKeys<WorkloadProps>);
}

function emitPod(p: WorkloadProps, problems: Problems): PodManifest {
  const { labels, annotations, ...rest } = p.pod;
  const merged = {
    ...p.metadata,
    ...((p.metadata.labels || labels) && { labels: { ...p.metadata.labels, ...labels } }),
    ...((p.metadata.annotations || annotations) && { annotations: { ...p.metadata.annotations, ...annotations } }),
  };
  const metadata = emitMetadata(merged, dnsSubdomain, problems);
  if (rest.restartPolicy !== undefined) problems.check("spec.restartPolicy", rest.restartPolicy, emptyOr(oneOf(["Always", "OnFailure", "Never"])));
  const { spec } = emitPodTemplate(rest, problems, "");
  return { apiVersion: "v1", kind: "Pod", metadata, spec: spec! };
}
