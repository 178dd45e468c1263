import { cloned } from "../../internal/cloned.js";
import type { V1Job, V1JobSpec, V1PodFailurePolicy, V1SuccessPolicy } from "@kubernetes/client-node";
import { emitDuration, type Duration } from "../../values/duration.js";
import type { Problems } from "../../internal/errors.js";
import { checkFields } from "../../internal/fields.js";
import type { AllKeys } from "../../internal/types.js";
import { emitMetadata, startMetadata, type NamedMetadata } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { emitPodTemplate, startPod, WorkloadBuilder, type BuildableState, type NoContainer, type NoNamedContainer, type NoContainerYet, type WorkloadOptions, type MainContainerNamed, type PodProps, type PodState, type WorkloadProps } from "../../pod/pod.js";
import { boolean, int64AtLeast, integerAtLeast, integerBetween, oneOf, qualifiedName, shortDnsSubdomain } from "../../validation/rules.js";

declare module "../../pod/pod.js" {
  interface WorkloadBuilders<S extends PodState, Named extends string> {
    Job: JobBuilder<S, Named>;
  }
}

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

/** What a pod failure policy rule does with a matching failure: `FailIndex` needs `backoffLimitPerIndex`. */
export type PodFailurePolicyAction = "FailJob" | "FailIndex" | "Ignore" | "Count";

/** A rule of `spec.podFailurePolicy`: an action, and the exit codes or the pod conditions (not both) it applies to. */
export type PodFailurePolicyRule = { readonly action: PodFailurePolicyAction } & (
  | {
    /** Exit codes (`In`: none 0; ascending, unique, at most 255) of the container named `containerName`, or of any. */
    readonly onExitCodes: { readonly containerName?: string; readonly operator: "In" | "NotIn"; readonly values: readonly number[] };
    readonly onPodConditions?: never;
  }
  | { readonly onPodConditions: readonly { readonly type: string; readonly status: "True" | "False" | "Unknown" }[]; readonly onExitCodes?: never }
);

/** `spec.podFailurePolicy`: which pod failures count towards `backoffLimit`, are ignored, or fail the Job (at most 20 rules). */
export interface PodFailurePolicy {
  readonly rules: readonly PodFailurePolicyRule[];
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
  readonly podFailurePolicy?: PodFailurePolicy;
  readonly suspend?: boolean;
}

/** What Jobs and CronJobs hold. */
export interface JobTemplateProps extends WorkloadProps {
  readonly job: JobSpecProps;
}

/** A Job's settings with nothing set yet, with all their keys (see {@link AllKeys}). */
export const emptyJob: JobSpecProps = {
  parallelism: undefined, completions: undefined, completionMode: undefined, backoffLimit: undefined, backoffLimitPerIndex: undefined,
  maxFailedIndexes: undefined, successPolicy: undefined, activeDeadlineSeconds: undefined, ttlSecondsAfterFinished: undefined,
  podFailurePolicy: undefined, suspend: undefined,
} satisfies AllKeys<JobSpecProps>;

/** The methods Jobs and CronJobs share: the Job's own settings and its pods' restart policy. */
export abstract class JobTemplateBuilder<K extends "Job" | "CronJob", S extends PodState, Named extends string, Props extends JobTemplateProps>
  extends WorkloadBuilder<K, S, Named, Props> {
  private withJob(job: JobSpecProps): this {
    return this.with({ ...this.props, job });
  }

  /** Sets `spec.backoffLimit`: retries before the Job is marked failed. @default 6 (Kubernetes) */
  backoff(backoffLimit: number): this {
    return this.withJob({ ...this.props.job, backoffLimit });
  }

  /**
   * Sets `spec.ttlSecondsAfterFinished`: deletes the Job and its pods this long after it finishes.
   * @param after whole seconds, or a duration such as `"90s"`, `"30m"`, `"1h"`, `"1d"`.
   * @default never deleted
   */
  cleanupAfter(after: Duration): this {
    return this.withJob({ ...this.props.job, ttlSecondsAfterFinished: after });
  }

  /**
   * Sets `spec.template.spec.restartPolicy` to `OnFailure`: a failed container restarts in place. Removes any
   * `spec.podFailurePolicy`, which Kubernetes accepts only with `Never`.
   */
  restartPolicy(restartPolicy: "OnFailure"): this;
  /**
   * Sets `spec.template.spec.restartPolicy` to `Never` (the default): a failure replaces the pod. Only then may a
   * `spec.podFailurePolicy` decide which failures count.
   * @example job("x").image("x:1").restartPolicy("Never", { podFailurePolicy: { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }] } })
   */
  restartPolicy(restartPolicy: "Never", options?: { podFailurePolicy?: PodFailurePolicy }): this;
  restartPolicy(restartPolicy: JobRestartPolicy, options: { podFailurePolicy?: PodFailurePolicy } = {}): this {
    // OnFailure drops an earlier policy; an untyped caller's OnFailure policy is kept for build() to report
    const podFailurePolicy = options.podFailurePolicy ?? (restartPolicy === "Never" ? this.props.job.podFailurePolicy : undefined);
    return this.withRestartPolicy(restartPolicy).withJob({ ...this.props.job, podFailurePolicy });
  }

  /** Sets `spec.parallelism`: how many pods may run at once. @default 1 (Kubernetes) */
  parallelism(parallelism: number): this {
    return this.withJob({ ...this.props.job, parallelism });
  }

  /** Sets `spec.completions`: how many pods must succeed. @default 1 (Kubernetes) */
  completions(completions: number): this {
    return this.withJob({ ...this.props.job, completions });
  }

  /** Sets `spec.completionMode` to `NonIndexed` (the Kubernetes default), removing the fields only Indexed Jobs have. */
  completionMode(mode: "NonIndexed"): this;
  /**
   * Sets `spec.completionMode` to `Indexed` (needs `.completions()`), with the fields only Indexed Jobs have.
   * @example job("render").image("render:1").completions(10).completionMode("Indexed", { backoffLimitPerIndex: 2 })
   */
  completionMode(mode: "Indexed", options?: IndexedJobOptions): this;
  completionMode(completionMode: CompletionMode, options: IndexedJobOptions = {}): this {
    // NonIndexed drops the Indexed-only fields; an untyped caller's options are kept for build() to report
    const cleared = completionMode === "NonIndexed" ? { backoffLimitPerIndex: undefined, maxFailedIndexes: undefined, successPolicy: undefined } : {};
    return this.withJob({ ...this.props.job, completionMode, ...cleared, ...options });
  }

  /** Sets `spec.activeDeadlineSeconds`: how long the Job may run before it is failed. */
  activeDeadlineSeconds(seconds: number): this {
    return this.withJob({ ...this.props.job, activeDeadlineSeconds: seconds });
  }
}

/**
 * An immutable builder of a `batch/v1` Job: a pod run to completion. Every method returns a new builder.
 * `S` records whether the containers can run (see {@link PodState}); `Named` the names of containers added by name and the main container's if the factory named it (the default, `string`, takes any: write `JobBuilder<"ready">` in a helper's parameter).
 */
export class JobBuilder<S extends PodState = PodState, Named extends string = string>
  extends JobTemplateBuilder<"Job", S, Named, JobTemplateProps> {
  protected readonly kindName = "Job";

  /** @internal Use {@link job}. */
  constructor(props: JobTemplateProps) {
    super(props);
  }

  protected with(p: JobTemplateProps, metadata = p.metadata, pod = p.pod): this {
    return new JobBuilder({ metadata, pod, job: p.job, [PATCHES]: p[PATCHES] } satisfies AllKeys<JobTemplateProps>) as this;
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
  build(this: JobBuilder<BuildableState>): JobManifest {
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
/** Starts a Job whose main container is named `options.container` (e.g. `"server"`). */
export function job<Main extends string>(name: string, options: WorkloadOptions<Main>): JobBuilder<NoContainerYet, NoNamedContainer | MainContainerNamed<Main>>;
export function job(name: string): JobBuilder<NoContainer, NoNamedContainer>;
export function job(name: string, options?: WorkloadOptions): JobBuilder<NoContainer | NoContainerYet> {
  return new JobBuilder({ metadata: startMetadata(name), pod: startPod(options), job: emptyJob, [PATCHES]: undefined } satisfies AllKeys<JobTemplateProps>);
}

const JOB_RESTART_POLICY = oneOf(["OnFailure", "Never"]);

/** Copies the count `field` (an integer >= 0), if set, from `s` to `spec`. */
function count(s: JobSpecProps, spec: V1JobSpec, field: "parallelism" | "completions" | "backoffLimit" | "backoffLimitPerIndex" | "maxFailedIndexes", problems: Problems, path: string): void {
  const value = s[field];
  if (value === undefined) return;
  problems.checkField(path, field, value, integerAtLeast(0));
  spec[field] = value;
}

/** Writes a Job's `spec` at `path` (`spec`, or a CronJob's `spec.jobTemplate.spec`). */
export function emitJobSpec(name: string, s: JobSpecProps, pod: PodProps, problems: Problems, path: string): V1JobSpec {
  const spec = {} as V1JobSpec;
  count(s, spec, "parallelism", problems, path);
  count(s, spec, "completions", problems, path);
  if (s.completionMode !== undefined) {
    problems.checkField(path, "completionMode", s.completionMode, oneOf(["NonIndexed", "Indexed"]));
    spec.completionMode = s.completionMode;
  }
  count(s, spec, "backoffLimit", problems, path);
  count(s, spec, "backoffLimitPerIndex", problems, path);
  count(s, spec, "maxFailedIndexes", problems, path);
  if (s.successPolicy) spec.successPolicy = cloned(s.successPolicy);
  checkIndexed(s, problems, path);
  if (s.activeDeadlineSeconds !== undefined) {
    problems.checkField(path, "activeDeadlineSeconds", s.activeDeadlineSeconds, int64AtLeast(0));
    spec.activeDeadlineSeconds = s.activeDeadlineSeconds;
  }
  if (s.ttlSecondsAfterFinished !== undefined) {
    spec.ttlSecondsAfterFinished = emitDuration(s.ttlSecondsAfterFinished, path, "ttlSecondsAfterFinished", problems);
  }
  if (s.suspend !== undefined) {
    problems.checkField(path, "suspend", s.suspend, boolean);
    spec.suspend = s.suspend;
  }
  const restartPolicy = pod.restartPolicy ?? "Never";
  problems.checkField(path, "template.spec.restartPolicy", restartPolicy, JOB_RESTART_POLICY);
  if (s.podFailurePolicy) {
    if (restartPolicy !== "Never") problems.add(`${path}.podFailurePolicy`, 'nothing unless restartPolicy is "Never"', s.podFailurePolicy);
    const names = [pod.main, ...pod.containers, ...pod.initContainers].flatMap((c) => (c ? [c.name] : []));
    checkPodFailurePolicy(s, names, `${path}.podFailurePolicy`, problems);
    spec.podFailurePolicy = cloned(s.podFailurePolicy) as V1PodFailurePolicy;
  }
  spec.template = emitPodTemplate({ ...pod, name: pod.name ?? name, restartPolicy }, problems, `${path}.template`);
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
  if (s.parallelism !== undefined) problems.check(`${path}.parallelism`, s.parallelism, integerBetween(0, 100_000));
  // Kubernetes caps very large per-index Jobs: above 100000 completions, at most 10000 pods at once.
  if (s.backoffLimitPerIndex !== undefined && (s.completions ?? 0) > 100_000 && (s.parallelism ?? 1) > 10_000) {
    problems.add(`${path}.parallelism`, "at most 10000 when completions exceed 100000 with backoffLimitPerIndex", s.parallelism);
  }
  if (s.maxFailedIndexes !== undefined && s.backoffLimitPerIndex === undefined) {
    problems.add(`${path}.maxFailedIndexes`, "nothing unless backoffLimitPerIndex is set", s.maxFailedIndexes);
  }
  if (s.maxFailedIndexes !== undefined && Number.isInteger(s.completions) && s.maxFailedIndexes > s.completions!) {
    problems.add(`${path}.maxFailedIndexes`, `at most completions (${s.completions})`, s.maxFailedIndexes);
  }
  if (s.successPolicy !== undefined) checkSuccessPolicy(s.successPolicy, s.completions ?? 0, `${path}.successPolicy`, problems);
}

const RULE_FIELDS = ["action", "onExitCodes", "onPodConditions"];

/** Kubernetes' rules for `spec.podFailurePolicy`. */
function checkPodFailurePolicy(s: JobSpecProps, containerNames: readonly string[], path: string, problems: Problems): void {
  const rules: readonly PodFailurePolicyRule[] = Array.isArray(s.podFailurePolicy?.rules) ? s.podFailurePolicy.rules : [];
  if (!Array.isArray(s.podFailurePolicy?.rules)) problems.add(`${path}.rules`, "a list of rules", s.podFailurePolicy?.rules);
  if (rules.length > 20) problems.add(`${path}.rules`, "at most 20 rules", rules.length);
  rules.forEach((rule, i) => {
    const at = `${path}.rules[${i}]`;
    checkFields(rule, RULE_FIELDS, "a pod failure policy rule", at, problems);
    problems.check(`${at}.action`, rule.action, oneOf(["FailJob", "FailIndex", "Ignore", "Count"]));
    if (rule.action === "FailIndex" && s.backoffLimitPerIndex === undefined) problems.add(`${at}.action`, 'an action other than "FailIndex" unless backoffLimitPerIndex is set', rule.action);
    if ((rule.onExitCodes === undefined) === (rule.onPodConditions === undefined)) {
      problems.add(at, "exactly one of onExitCodes and onPodConditions", Object.keys(rule).filter((k) => k !== "action"));
    }
    if (rule.onExitCodes) checkExitCodes(rule.onExitCodes, containerNames, `${at}.onExitCodes`, problems);
    (rule.onPodConditions ?? []).forEach((condition, j) => {
      problems.check(`${at}.onPodConditions[${j}].type`, condition.type, qualifiedName);
      problems.check(`${at}.onPodConditions[${j}].status`, condition.status, oneOf(["True", "False", "Unknown"]));
    });
    if ((rule.onPodConditions?.length ?? 0) > 20) problems.add(`${at}.onPodConditions`, "at most 20 patterns", rule.onPodConditions!.length);
  });
}

function checkExitCodes(onExitCodes: NonNullable<PodFailurePolicyRule["onExitCodes"]>, containerNames: readonly string[], path: string, problems: Problems): void {
  const { containerName, operator, values } = onExitCodes;
  problems.check(`${path}.operator`, operator, oneOf(["In", "NotIn"]));
  if (containerName !== undefined && !containerNames.includes(containerName)) {
    problems.add(`${path}.containerName`, `the name of a container or init container of the pod (${JSON.stringify(containerNames)})`, containerName);
  }
  if (!Array.isArray(values) || values.length === 0 || values.length > 255) {
    problems.add(`${path}.values`, "from 1 to 255 exit codes", values);
    return;
  }
  values.forEach((code, i) => {
    problems.check(`${path}.values[${i}]`, code, integerBetween(operator === "In" ? 1 : 0, 2_147_483_647));
    if (i > 0 && code <= values[i - 1]!) problems.add(`${path}.values[${i}]`, `an exit code above the one before (${values[i - 1]}): ascending, without repeats`, code);
  });
}

/** Kubernetes' rules for `spec.successPolicy` of an Indexed Job with `completions`. */
function checkSuccessPolicy(policy: V1SuccessPolicy, completions: number, path: string, problems: Problems): void {
  const rules = Array.isArray(policy.rules) ? policy.rules : [];
  if (rules.length === 0 || rules.length > 20) problems.add(`${path}.rules`, "from 1 to 20 rules", policy.rules);
  rules.forEach((rule, i) => {
    const at = `${path}.rules[${i}]`;
    checkFields(rule, ["succeededIndexes", "succeededCount"], "a success policy rule", at, problems);
    if (rule.succeededIndexes === undefined && rule.succeededCount === undefined) problems.add(at, "succeededIndexes, succeededCount or both", rule);
    let total = completions;
    if (rule.succeededIndexes !== undefined) {
      const counted = countIndexes(rule.succeededIndexes, completions);
      if (typeof counted === "string") problems.add(`${at}.succeededIndexes`, counted, rule.succeededIndexes);
      else total = counted;
    }
    if (rule.succeededCount !== undefined && problems.check(`${at}.succeededCount`, rule.succeededCount, integerAtLeast(0)) && rule.succeededCount > total) {
      const of = rule.succeededIndexes === undefined ? `completions (${completions})` : `the ${total} indexes named by succeededIndexes`;
      problems.add(`${at}.succeededCount`, `at most ${of}`, rule.succeededCount);
    }
  });
}

/** The number of indexes in a list such as `"0,2-4"` (ascending intervals below `completions`), or what is wrong with it. */
function countIndexes(list: unknown, completions: number): number | string {
  const expected = `ascending indexes and ranges below completions (${completions}), such as "0,2-4"`;
  if (typeof list !== "string" || list.length > 64 * 1024) return expected;
  if (list === "") return 0;
  let last = -1;
  let total = 0;
  for (const interval of list.split(",")) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(interval);
    if (!match) return expected;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from <= last || to < from || (match[2] !== undefined && to === from) || to >= completions) return expected;
    total += to - from + 1;
    last = to;
  }
  return total;
}
