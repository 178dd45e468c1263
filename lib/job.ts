import type { V1Job, V1JobSpec } from "@kubernetes/client-node";
import { duration, durationSeconds, type Duration } from "./duration.js";
import { Problems } from "./internal/errors.js";
import { emitMetadata, type MetadataProps, type NamedMetadata } from "./metadata.js";
import { emitPodTemplate, emptyPod, WorkloadBuilder, type BuildableState, type PodState, type WorkloadProps } from "./pod.js";
import { boolean, integerAtLeast, integerBetween, oneOf, shortDnsSubdomain } from "./validation/rules.js";

/** The restart policies a Job's pods may have: Kubernetes rejects `Always` for Jobs. */
export type JobRestartPolicy = "OnFailure" | "Never";

/** How a Job counts completions: `Indexed` gives each pod an index from 0 to `completions - 1`. */
export type CompletionMode = "NonIndexed" | "Indexed";

/** A `batch/v1` Job as piceli builds it: `apiVersion`, `kind`, `metadata.name` and `spec` are always set. */
export type JobManifest = V1Job & { apiVersion: "batch/v1"; kind: "Job"; metadata: NamedMetadata; spec: V1JobSpec };

interface JobSpecProps {
  readonly parallelism?: number;
  readonly completions?: number;
  readonly completionMode?: CompletionMode;
  readonly backoffLimit?: number;
  readonly activeDeadlineSeconds?: number;
  readonly ttlSecondsAfterFinished?: Duration;
  readonly suspend?: boolean;
}

interface JobProps extends WorkloadProps {
  readonly spec: JobSpecProps;
}

/**
 * An immutable builder of a `batch/v1` Job: a pod run to completion. Every method returns a new builder.
 * `S` records whether the containers can run (see {@link PodState}); `Named` the names of extra containers.
 */
export class JobBuilder<S extends PodState = PodState, Named extends string = never>
  extends WorkloadBuilder<"Job", S, Named, JobProps> {
  protected readonly kindName = "Job";

  /** @internal Use {@link job}. */
  constructor(props: JobProps) {
    super(props);
  }

  protected with(props: JobProps): this {
    return new JobBuilder(props) as this;
  }

  #withSpec(changes: Partial<JobSpecProps>): this {
    return this.with({ ...this.props, spec: { ...this.props.spec, ...changes } });
  }

  /** Sets `spec.backoffLimit`: retries before the Job is marked failed. @default 6 (Kubernetes) */
  backoff(backoffLimit: number): this {
    return this.#withSpec({ backoffLimit });
  }

  /**
   * Sets `spec.ttlSecondsAfterFinished`: deletes the Job and its pods this long after it finishes.
   * @param after whole seconds, or a duration such as `"90s"`, `"30m"`, `"1h"`, `"1d"`.
   * @default never deleted
   */
  cleanupAfter(after: Duration): this {
    return this.#withSpec({ ttlSecondsAfterFinished: after });
  }

  /** Sets `spec.template.spec.restartPolicy`: whether a failed container restarts in place. @default "Never" */
  restartPolicy(restartPolicy: JobRestartPolicy): this {
    return this.withRestartPolicy(restartPolicy);
  }

  /** Sets `spec.parallelism`: how many pods may run at once. @default 1 (Kubernetes) */
  parallelism(parallelism: number): this {
    return this.#withSpec({ parallelism });
  }

  /** Sets `spec.completions`: how many pods must succeed. @default 1 (Kubernetes) */
  completions(completions: number): this {
    return this.#withSpec({ completions });
  }

  /** Sets `spec.completionMode`; `"Indexed"` needs `.completions()`. @default "NonIndexed" (Kubernetes) */
  completionMode(completionMode: CompletionMode): this {
    return this.#withSpec({ completionMode });
  }

  /** Sets `spec.activeDeadlineSeconds`: how long the Job may run before it is failed. */
  activeDeadlineSeconds(seconds: number): this {
    return this.#withSpec({ activeDeadlineSeconds: seconds });
  }

  /** Sets `spec.suspend`: a suspended Job creates no pods until resumed. @default false (Kubernetes) */
  suspend(suspend = true): this {
    return this.#withSpec({ suspend });
  }

  /**
   * Returns a fresh `JobManifest`; mutating it does not affect the builder.
   * Compiles only once every container has an image.
   * @throws {PiceliValidationError} listing every value Kubernetes would reject.
   */
  build(this: JobBuilder<BuildableState, Named>): JobManifest {
    const problems = new Problems();
    const manifest = emitJob(this.props, problems);
    problems.throwIfAny(`Job ${JSON.stringify(this.props.metadata.name)}`);
    return manifest;
  }
}

/**
 * Starts a Job named `name` (a DNS-1123 subdomain of at most 63 characters). Its pods run with
 * `restartPolicy: Never` unless `.restartPolicy("OnFailure")` is called.
 * @example
 * job("hello").image("busybox").container(c => c.command("echo", "hi")).backoff(1).cleanupAfter("1h")
 */
export function job(name: string): JobBuilder<"no container: call .image() or .container()"> {
  const metadata: MetadataProps = { name };
  return new JobBuilder({ metadata, pod: emptyPod, spec: {} });
}

function emitJob({ metadata, pod, spec: s }: JobProps, problems: Problems): JobManifest {
  const meta = emitMetadata(metadata, shortDnsSubdomain, problems);
  const spec: V1JobSpec = {} as V1JobSpec;
  if (s.parallelism !== undefined) {
    problems.check("spec.parallelism", s.parallelism, integerAtLeast(0));
    spec.parallelism = s.parallelism;
  }
  if (s.completions !== undefined) {
    problems.check("spec.completions", s.completions, integerAtLeast(0));
    spec.completions = s.completions;
  }
  if (s.completionMode !== undefined) {
    problems.check("spec.completionMode", s.completionMode, oneOf(["NonIndexed", "Indexed"]));
    spec.completionMode = s.completionMode;
    if (s.completionMode === "Indexed") checkIndexed(s, problems);
  }
  if (s.backoffLimit !== undefined) {
    problems.check("spec.backoffLimit", s.backoffLimit, integerAtLeast(0));
    spec.backoffLimit = s.backoffLimit;
  }
  if (s.activeDeadlineSeconds !== undefined) {
    problems.check("spec.activeDeadlineSeconds", s.activeDeadlineSeconds, integerAtLeast(1));
    spec.activeDeadlineSeconds = s.activeDeadlineSeconds;
  }
  if (s.ttlSecondsAfterFinished !== undefined) {
    problems.check("spec.ttlSecondsAfterFinished", s.ttlSecondsAfterFinished, duration);
    spec.ttlSecondsAfterFinished = durationSeconds(s.ttlSecondsAfterFinished) ?? (s.ttlSecondsAfterFinished as number);
  }
  if (s.suspend !== undefined) {
    problems.check("spec.suspend", s.suspend, boolean);
    spec.suspend = s.suspend;
  }
  const restartPolicy = pod.restartPolicy ?? "Never";
  problems.check("spec.template.spec.restartPolicy", restartPolicy, oneOf(["OnFailure", "Never"]));
  spec.template = emitPodTemplate(metadata.name, { ...pod, restartPolicy }, problems, "spec.template");
  return { apiVersion: "batch/v1", kind: "Job", metadata: meta, spec };
}

/** Kubernetes' limits on Indexed Jobs. */
function checkIndexed(s: JobSpecProps, problems: Problems): void {
  if (s.completions === undefined) problems.add("spec.completions", 'a number of completions when completionMode is "Indexed"', undefined);
  else problems.check("spec.completions", s.completions, integerBetween(0, 100_000));
  if (s.parallelism !== undefined) problems.check("spec.parallelism", s.parallelism, integerBetween(0, 100_000));
}
