import type { V1Job, V1JobSpec, V1PodFailurePolicy, V1SuccessPolicy } from "@kubernetes/client-node";
import { duration, durationSeconds, type Duration } from "./duration.js";
import type { Problems } from "./internal/errors.js";
import { emitMetadata, type NamedMetadata } from "./metadata.js";
import { emitPodTemplate, emptyPod, WorkloadBuilder, type BuildableState, type NoContainer, type PodProps, type PodState, type WorkloadProps } from "./pod.js";
import { boolean, integerAtLeast, integerBetween, oneOf, shortDnsSubdomain } from "./validation/rules.js";

/** The restart policies a Job's pods may have: Kubernetes rejects `Always` for Jobs. */
export type JobRestartPolicy = "OnFailure" | "Never";

/** How a Job counts completions: `Indexed` gives each pod an index from 0 to `completions - 1`. */
export type CompletionMode = "NonIndexed" | "Indexed";

/** Fields only Indexed Jobs may have. */
export interface IndexedJobOptions {
  /** `spec.backoffLimitPerIndex`: retries per index (instead of `backoffLimit` for the whole Job). */
  readonly backoffLimitPerIndex?: number;
  /** `spec.maxFailedIndexes`: fail the Job once this many indexes failed (needs `backoffLimitPerIndex`). */
  readonly maxFailedIndexes?: number;
  /** `spec.successPolicy`: when the Job counts as succeeded before every index did. */
  readonly successPolicy?: V1SuccessPolicy;
}

/** A `batch/v1` Job as piceli builds it: `apiVersion`, `kind`, `metadata.name` and `spec` are always set. */
export type JobManifest = V1Job & { apiVersion: "batch/v1"; kind: "Job"; metadata: NamedMetadata; spec: V1JobSpec };

/** A Job's own settings (its `spec` besides the pod template), shared by Jobs and CronJobs' job templates. */
export interface JobSpecProps extends IndexedJobOptions {
  readonly parallelism?: number;
  readonly completions?: number;
  readonly completionMode?: CompletionMode;
  readonly backoffLimit?: number;
  readonly activeDeadlineSeconds?: number;
  readonly ttlSecondsAfterFinished?: Duration;
  readonly podFailurePolicy?: V1PodFailurePolicy;
  readonly suspend?: boolean;
}

/** What Jobs and CronJobs hold. */
export interface JobTemplateProps extends WorkloadProps {
  readonly job: JobSpecProps;
}

/** The methods Jobs and CronJobs share: the Job's own settings and its pods' restart policy. */
export abstract class JobTemplateBuilder<K extends "Job" | "CronJob", S extends PodState, Named extends string, Props extends JobTemplateProps>
  extends WorkloadBuilder<K, S, Named, Props> {
  #withJob(changes: Partial<JobSpecProps>): this {
    return this.with({ ...this.props, job: { ...this.props.job, ...changes } });
  }

  /** Sets `spec.backoffLimit`: retries before the Job is marked failed. @default 6 (Kubernetes) */
  backoff(backoffLimit: number): this {
    return this.#withJob({ backoffLimit });
  }

  /**
   * Sets `spec.ttlSecondsAfterFinished`: deletes the Job and its pods this long after it finishes.
   * @param after whole seconds, or a duration such as `"90s"`, `"30m"`, `"1h"`, `"1d"`.
   * @default never deleted
   */
  cleanupAfter(after: Duration): this {
    return this.#withJob({ ttlSecondsAfterFinished: after });
  }

  /** Sets `spec.template.spec.restartPolicy` to `OnFailure`: a failed container restarts in place (no pod failure policy then). */
  restartPolicy(restartPolicy: "OnFailure"): this;
  /**
   * Sets `spec.template.spec.restartPolicy` to `Never` (the default): a failure replaces the pod. Only then may a
   * `spec.podFailurePolicy` decide which failures count.
   */
  restartPolicy(restartPolicy: "Never", options?: { podFailurePolicy?: V1PodFailurePolicy }): this;
  restartPolicy(restartPolicy: JobRestartPolicy, options: { podFailurePolicy?: V1PodFailurePolicy } = {}): this {
    const next = this.withRestartPolicy(restartPolicy);
    return options.podFailurePolicy ? next.#withJob({ podFailurePolicy: options.podFailurePolicy }) : next;
  }

  /** Sets `spec.parallelism`: how many pods may run at once. @default 1 (Kubernetes) */
  parallelism(parallelism: number): this {
    return this.#withJob({ parallelism });
  }

  /** Sets `spec.completions`: how many pods must succeed. @default 1 (Kubernetes) */
  completions(completions: number): this {
    return this.#withJob({ completions });
  }

  /** Sets `spec.completionMode` to `NonIndexed` (the Kubernetes default). */
  completionMode(mode: "NonIndexed"): this;
  /**
   * Sets `spec.completionMode` to `Indexed` (needs `.completions()`), with the fields only Indexed Jobs have.
   * @example job("render").image("render:1").completions(10).completionMode("Indexed", { backoffLimitPerIndex: 2 })
   */
  completionMode(mode: "Indexed", options?: IndexedJobOptions): this;
  completionMode(completionMode: CompletionMode, options: IndexedJobOptions = {}): this {
    return this.#withJob({ completionMode, ...options });
  }

  /** Sets `spec.activeDeadlineSeconds`: how long the Job may run before it is failed. */
  activeDeadlineSeconds(seconds: number): this {
    return this.#withJob({ activeDeadlineSeconds: seconds });
  }
}

/**
 * An immutable builder of a `batch/v1` Job: a pod run to completion. Every method returns a new builder.
 * `S` records whether the containers can run (see {@link PodState}); `Named` the names of extra containers.
 */
export class JobBuilder<S extends PodState = PodState, Named extends string = never>
  extends JobTemplateBuilder<"Job", S, Named, JobTemplateProps> {
  protected readonly kindName = "Job";

  /** @internal Use {@link job}. */
  constructor(props: JobTemplateProps) {
    super(props);
  }

  protected with(props: JobTemplateProps): this {
    return new JobBuilder(props) as this;
  }

  /** Sets `spec.suspend`: a suspended Job creates no pods until resumed. @default false (Kubernetes) */
  suspend(suspend = true): this {
    return this.with({ ...this.props, job: { ...this.props.job, suspend } });
  }

  /**
   * Returns a fresh `JobManifest`; mutating it does not affect the builder.
   * Compiles only once every container has an image.
   * @throws {PiceliValidationError} listing every value Kubernetes would reject.
   */
  build(this: JobBuilder<BuildableState, Named>): JobManifest {
    return this.checked(({ metadata, pod, job }, problems) => ({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: emitMetadata(metadata, shortDnsSubdomain, problems),
      spec: emitJobSpec(metadata.name, job, pod, problems, "spec"),
    }));
  }
}

/**
 * Starts a Job named `name` (a DNS-1123 subdomain of at most 63 characters). Its pods run with
 * `restartPolicy: Never` unless `.restartPolicy("OnFailure")` is called.
 * @example
 * job("hello").image("busybox").container(c => c.command("echo", "hi")).backoff(1).cleanupAfter("1h")
 */
export function job(name: string): JobBuilder<NoContainer> {
  return new JobBuilder({ metadata: { name }, pod: emptyPod, job: {} });
}

/** Writes a Job's `spec` at `path` (`spec`, or a CronJob's `spec.jobTemplate.spec`). */
export function emitJobSpec(name: string, s: JobSpecProps, pod: PodProps, problems: Problems, path: string): V1JobSpec {
  const spec = {} as V1JobSpec;
  const count = <F extends keyof JobSpecProps & keyof V1JobSpec>(field: F, min: number, max?: number) => {
    if (s[field] === undefined) return;
    problems.check(`${path}.${field}`, s[field], max === undefined ? integerAtLeast(min) : integerBetween(min, max));
    spec[field] = s[field] as never;
  };
  count("parallelism", 0);
  count("completions", 0);
  if (s.completionMode !== undefined) {
    problems.check(`${path}.completionMode`, s.completionMode, oneOf(["NonIndexed", "Indexed"]));
    spec.completionMode = s.completionMode;
  }
  count("backoffLimit", 0);
  count("backoffLimitPerIndex", 0);
  count("maxFailedIndexes", 0);
  if (s.successPolicy) spec.successPolicy = structuredClone(s.successPolicy);
  checkIndexed(s, problems, path);
  count("activeDeadlineSeconds", 1);
  if (s.ttlSecondsAfterFinished !== undefined) {
    problems.check(`${path}.ttlSecondsAfterFinished`, s.ttlSecondsAfterFinished, duration);
    spec.ttlSecondsAfterFinished = durationSeconds(s.ttlSecondsAfterFinished) ?? (s.ttlSecondsAfterFinished as number);
  }
  if (s.suspend !== undefined) {
    problems.check(`${path}.suspend`, s.suspend, boolean);
    spec.suspend = s.suspend;
  }
  const restartPolicy = pod.restartPolicy ?? "Never";
  problems.check(`${path}.template.spec.restartPolicy`, restartPolicy, oneOf(["OnFailure", "Never"]));
  if (s.podFailurePolicy) {
    if (restartPolicy !== "Never") problems.add(`${path}.podFailurePolicy`, 'nothing unless restartPolicy is "Never"', s.podFailurePolicy);
    spec.podFailurePolicy = structuredClone(s.podFailurePolicy);
  }
  spec.template = emitPodTemplate(name, { ...pod, restartPolicy }, problems, `${path}.template`);
  return spec;
}

/** Kubernetes' rules for Indexed Jobs and the fields only they may have. */
function checkIndexed(s: JobSpecProps, problems: Problems, path: string): void {
  if (s.completionMode !== "Indexed") {
    for (const field of ["backoffLimitPerIndex", "maxFailedIndexes", "successPolicy"] as const) {
      if (s[field] !== undefined) problems.add(`${path}.${field}`, 'nothing unless completionMode is "Indexed"', s[field]);
    }
    return;
  }
  if (s.completions === undefined) problems.add(`${path}.completions`, 'a number of completions when completionMode is "Indexed"', undefined);
  else problems.check(`${path}.completions`, s.completions, integerBetween(0, 100_000));
  if (s.parallelism !== undefined) problems.check(`${path}.parallelism`, s.parallelism, integerBetween(0, 100_000));
  if (s.maxFailedIndexes !== undefined && s.backoffLimitPerIndex === undefined) {
    problems.add(`${path}.maxFailedIndexes`, "nothing unless backoffLimitPerIndex is set", s.maxFailedIndexes);
  }
}
