import type { V1CronJob, V1CronJobSpec } from "@kubernetes/client-node";
import { scheduleProblem, timeZoneProblem, type CronSchedule } from "../../values/cron.js";
import type { Problems } from "../../internal/errors.js";
import type { AllKeys } from "../../internal/types.js";
import { emitJobSpec, emptyJob, JobTemplateBuilder, type JobTemplateProps } from "./job.js";
import { emitMetadata, startMetadata, type NamedMetadata } from "../metadata.js";
import { PATCHES } from "../patch.js";
import { startPod, type BuildableState, type MainContainerNamed, type NoContainer, type NoNamedContainer, type NoContainerYet, type PodState, type WorkloadOptions } from "../../pod/pod.js";
import { boolean, dnsSubdomain, emptyOr, int64AtLeast, integerAtLeast, oneOf } from "../../validation/rules.js";

declare module "../../pod/pod.js" {
  interface WorkloadBuilders<S extends PodState, Named extends string> {
    CronJob: CronJobBuilder<S, Named>;
  }
}

/** What a CronJob does when a run is due while the previous one still runs. */
export type ConcurrencyPolicy = "Allow" | "Forbid" | "Replace";

/** A `batch/v1` CronJob as piceli builds it. */
export type CronJobManifest = V1CronJob & { apiVersion: "batch/v1"; kind: "CronJob"; metadata: NamedMetadata; spec: V1CronJobSpec };

interface CronJobProps extends JobTemplateProps {
  readonly schedule: CronSchedule;
  readonly timeZone?: string;
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  readonly startingDeadlineSeconds?: number;
  readonly successfulJobsHistoryLimit?: number;
  readonly failedJobsHistoryLimit?: number;
  readonly suspend?: boolean;
}

/**
 * An immutable builder of a `batch/v1` CronJob: a Job created on a schedule. The Job methods
 * (`backoff`, `cleanupAfter`, `parallelism`, …) set its `spec.jobTemplate.spec`.
 */
export class CronJobBuilder<S extends PodState = PodState, Named extends string = string>
  extends JobTemplateBuilder<"CronJob", S, Named, CronJobProps> {
  protected readonly kindName = "CronJob";

  /** @internal Use {@link cronJob}. */
  constructor(props: CronJobProps) {
    super(props);
  }

  protected with(p: CronJobProps, metadata = p.metadata, pod = p.pod): this {
    return new CronJobBuilder({
      metadata, pod, job: p.job, schedule: p.schedule, timeZone: p.timeZone, concurrencyPolicy: p.concurrencyPolicy, startingDeadlineSeconds: p.startingDeadlineSeconds,
      successfulJobsHistoryLimit: p.successfulJobsHistoryLimit, failedJobsHistoryLimit: p.failedJobsHistoryLimit, suspend: p.suspend, [PATCHES]: p[PATCHES],
    } satisfies AllKeys<CronJobProps>) as this;
  }

  /** Sets `spec.schedule`: five cron fields or a macro; see the helpers `dailyAt()`, `everyMinutes()`, …. */
  schedule(schedule: CronSchedule): this {
    return this.with({ ...this.props, schedule });
  }

  /** Sets `spec.timeZone`: the IANA time zone the schedule is read in, e.g. `"Europe/Berlin"`. @default the controller's, usually UTC */
  timeZone(timeZone: string): this {
    return this.with({ ...this.props, timeZone });
  }

  /** Sets `spec.concurrencyPolicy`. @default "Allow" (Kubernetes) */
  concurrencyPolicy(policy: ConcurrencyPolicy): this {
    return this.with({ ...this.props, concurrencyPolicy: policy });
  }

  /** Sets `spec.startingDeadlineSeconds`: a run missed by more than this is skipped. */
  startingDeadlineSeconds(seconds: number): this {
    return this.with({ ...this.props, startingDeadlineSeconds: seconds });
  }

  /** Sets `spec.successfulJobsHistoryLimit` and `spec.failedJobsHistoryLimit`: finished Jobs kept. @default 3 and 1 (Kubernetes) */
  historyLimits(successful: number, failed: number): this {
    return this.with({ ...this.props, successfulJobsHistoryLimit: successful, failedJobsHistoryLimit: failed });
  }

  /** Sets `spec.suspend`: a suspended CronJob starts no runs. @default false (Kubernetes) */
  suspend(suspend = true): this {
    return this.with({ ...this.props, suspend });
  }

  /**
   * Returns a fresh `CronJobManifest`. Compiles only once every container has an image.
   * @throws {PiceliValidationError} listing every value Kubernetes would reject.
   */
  build(this: CronJobBuilder<BuildableState>): CronJobManifest {
    return this.checked(emitCronJob);
  }
}

/** A CronJob that has a name but no schedule yet: call `.schedule()`. */
export interface UnscheduledCronJob {
  /** Sets `spec.schedule`: five cron fields or a macro; see the helpers `dailyAt()`, `everyMinutes()`, …. */
  schedule(schedule: CronSchedule): CronJobBuilder<NoContainer, NoNamedContainer>;
}

/**
 * Starts a CronJob named `name` (a DNS-1123 subdomain of at most 52 characters: Kubernetes appends 11 for its Jobs).
 * A schedule is required: give it here or with `.schedule()` next.
 * @example cronJob("backup").schedule(dailyAt(3)).image("backup:1").timeZone("Europe/Berlin").concurrencyPolicy("Forbid")
 */
/** Starts a CronJob whose main container is named `options.container` (e.g. `"task"`). */
export function cronJob<Main extends string>(name: string, schedule: CronSchedule, options: WorkloadOptions<Main>): CronJobBuilder<NoContainerYet, NoNamedContainer | MainContainerNamed<Main>>;
export function cronJob(name: string): UnscheduledCronJob;
export function cronJob(name: string, schedule: CronSchedule): CronJobBuilder<NoContainer, NoNamedContainer>;
export function cronJob(name: string, schedule?: CronSchedule, options?: WorkloadOptions): UnscheduledCronJob | CronJobBuilder<NoContainer | NoContainerYet> {
  // written with all their keys, so every builder's props have one shape (see AllKeys)
  const start = (schedule: CronSchedule): CronJobBuilder<NoContainer, NoNamedContainer> => new CronJobBuilder({
    metadata: startMetadata(name), pod: startPod(options), job: emptyJob, schedule, timeZone: undefined, concurrencyPolicy: undefined, startingDeadlineSeconds: undefined,
    successfulJobsHistoryLimit: undefined, failedJobsHistoryLimit: undefined, suspend: undefined, [PATCHES]: undefined,
  } satisfies AllKeys<CronJobProps>);
  return schedule === undefined ? { schedule: start } : start(schedule);
}

const cronJobName = {
  expected: 'a DNS-1123 subdomain of at most 52 characters (lowercase letters, digits, "-" or "."), since Kubernetes appends 11 for the Jobs it creates',
  test: (v: unknown) => dnsSubdomain.test(v) && (v as string).length <= 52,
};

function emitCronJob(p: CronJobProps, problems: Problems): CronJobManifest {
  const metadata = emitMetadata(p.metadata, cronJobName, problems);
  const scheduleIssue = scheduleProblem(p.schedule);
  if (scheduleIssue) problems.add("spec.schedule", scheduleIssue, p.schedule);
  const spec = { schedule: p.schedule } as V1CronJobSpec;
  if (p.timeZone !== undefined) {
    const zoneIssue = timeZoneProblem(p.timeZone);
    if (zoneIssue) problems.add("spec.timeZone", zoneIssue, p.timeZone);
    spec.timeZone = p.timeZone;
  }
  if (p.concurrencyPolicy !== undefined) {
    problems.check("spec.concurrencyPolicy", p.concurrencyPolicy, emptyOr(oneOf(["Allow", "Forbid", "Replace"])));
    spec.concurrencyPolicy = p.concurrencyPolicy;
  }
  for (const field of ["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"] as const) {
    if (p[field] === undefined) continue;
    problems.check(`spec.${field}`, p[field], field === "startingDeadlineSeconds" ? int64AtLeast(0) : integerAtLeast(0));
    spec[field] = p[field];
  }
  if (p.suspend !== undefined) {
    problems.check("spec.suspend", p.suspend, boolean);
    spec.suspend = p.suspend;
  }
  spec.jobTemplate = { spec: emitJobSpec(p.metadata.name, p.job, p.pod, problems, "spec.jobTemplate.spec") };
  return { apiVersion: "batch/v1", kind: "CronJob", metadata, spec };
}
