import { test } from "uvu";
import * as assert from "uvu/assert";
import { cronJob, dailyAt, everyMinutes, type CronJobManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

function built(builder: { build(): CronJobManifest }): CronJobManifest {
  const manifest = builder.build();
  assertSchemaValid(manifest);
  return manifest;
}

test("a minimal CronJob: the schedule, then a job template with restartPolicy Never", () => {
  const expected: CronJobManifest = {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "report" },
    spec: {
      schedule: "0 6 * * *",
      jobTemplate: {
        spec: {
          template: {
            metadata: { name: "report" },
            spec: { containers: [{ name: "report", image: "report:1" }], restartPolicy: "Never" },
          },
        },
      },
    },
  };
  assert.equal(built(cronJob("report", "0 6 * * *").image("report:1")), expected);
  assert.equal(built(cronJob("report").schedule("0 6 * * *").image("report:1")), expected, "cronJob(name).schedule() is the same");
  assert.equal(built(cronJob("report", "@hourly").schedule(dailyAt(6)).image("report:1")), expected, "the last schedule wins");
});

test("every CronJob method sets its field; the Job methods set spec.jobTemplate.spec", () => {
  const manifest = built(cronJob("backup", everyMinutes(30))
    .namespace("ops")
    .labels({ cronjob_name: "backup" })
    .annotations({ "example.com/owner": "ops" })
    .timeZone("Europe/Berlin")
    .concurrencyPolicy("Forbid")
    .startingDeadlineSeconds(300)
    .historyLimits(5, 2)
    .suspend()
    .backoff(1)
    .cleanupAfter("1h")
    .parallelism(2)
    .completions(4)
    .completionMode("Indexed", { backoffLimitPerIndex: 1 })
    .activeDeadlineSeconds(900)
    .restartPolicy("OnFailure")
    .templateLabels({ pod_name: "backup" })
    .serviceAccountName("backup")
    .imagePullSecrets("registry")
    .container((c) => c.image("backup:2").command("backup", "--all")));
  const expected: CronJobManifest = {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "backup", namespace: "ops", labels: { cronjob_name: "backup" }, annotations: { "example.com/owner": "ops" } },
    spec: {
      schedule: "*/30 * * * *",
      timeZone: "Europe/Berlin",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 2,
      suspend: true,
      jobTemplate: {
        spec: {
          parallelism: 2,
          completions: 4,
          completionMode: "Indexed",
          backoffLimit: 1,
          backoffLimitPerIndex: 1,
          activeDeadlineSeconds: 900,
          ttlSecondsAfterFinished: 3600,
          template: {
            metadata: { name: "backup", labels: { pod_name: "backup" } },
            spec: {
              containers: [{ name: "backup", image: "backup:2", command: ["backup", "--all"] }],
              restartPolicy: "OnFailure",
              serviceAccountName: "backup",
              imagePullSecrets: [{ name: "registry" }],
            },
          },
        },
      },
    },
  };
  assert.equal(manifest, expected);
});

test("suspend() suspends the CronJob itself, not the Jobs it creates", () => {
  const manifest = built(cronJob("x", "@daily").image("a").suspend(false));
  assert.is(manifest.spec.suspend, false);
  assert.is(manifest.spec.jobTemplate.spec!.suspend, undefined);
});

test("run time: schedule and time zone problems are build errors at spec.schedule and spec.timeZone", () => {
  assertProblems(() => cronJob("x", "77 * * * *").image("a").timeZone("europe/berlin").build(), [
    { path: "spec.schedule", expected: 'a cron schedule: the minute field (1st) must be from 0 to 59, got "77"', received: "77 * * * *" },
    { path: "spec.timeZone", expected: 'an IANA time zone name in its exact case: "Europe/Berlin"', received: "europe/berlin" },
  ]);
  assertProblems(() => cronJob("x").schedule("TZ=UTC 0 * * * *").image("a").timeZone("Local").build(), [
    { path: "spec.schedule", expected: "a cron schedule without TZ= or CRON_TZ= (set spec.timeZone instead)", received: "TZ=UTC 0 * * * *" },
    { path: "spec.timeZone", expected: 'an explicit IANA time zone name such as "Etc/UTC", not "Local"', received: "Local" },
  ]);
  assert.is(built(cronJob("x", "@every 1h30m").image("a").timeZone("America/New_York")).spec.timeZone, "America/New_York");
});

test("run time: the name is a DNS subdomain of at most 52 characters", () => {
  assert.ok(built(cronJob("a".repeat(52), "@daily").image("a")));
  assertProblems(() => cronJob("a".repeat(53), "@daily").container("c", (c) => c.image("a")).build(), [
    {
      path: "metadata.name",
      expected: 'a DNS-1123 subdomain of at most 52 characters (lowercase letters, digits, "-" or "."), since Kubernetes appends 11 for the Jobs it creates',
      received: "a".repeat(53),
    },
  ]);
});

test("run time: restart policy is OnFailure or Never; policies and limits from untyped callers", () => {
  assertProblems(() => cronJob("x", "@daily").image("a").restartPolicy("Always" as any).build(), [
    { path: "spec.jobTemplate.spec.template.spec.restartPolicy", expected: 'one of "OnFailure", "Never"', received: "Always" },
  ]);
  assertProblems(() => cronJob("x", "@daily").image("a").concurrencyPolicy("Queue" as any).startingDeadlineSeconds(-1).historyLimits(-1, 1.5).suspend("no" as any).build(), [
    { path: "spec.concurrencyPolicy", expected: 'one of "Allow", "Forbid", "Replace", or "" for Kubernetes\' default', received: "Queue" },
    { path: "spec.startingDeadlineSeconds", expected: "an integer >= 0", received: -1 },
    { path: "spec.successfulJobsHistoryLimit", expected: "an integer >= 0", received: -1 },
    { path: "spec.failedJobsHistoryLimit", expected: "an integer >= 0", received: 1.5 },
    { path: "spec.suspend", expected: "true or false", received: "no" },
  ]);
  assertProblems(() => cronJob("x", "@daily").image("a").backoff(-1).cleanupAfter("soon" as any).build(), [
    { path: "spec.jobTemplate.spec.backoffLimit", expected: "an integer >= 0", received: -1 },
    { path: "spec.jobTemplate.spec.ttlSecondsAfterFinished", expected: 'a whole number of seconds >= 0, or a duration such as "90s", "30m", "1h" or "1d"', received: "soon" },
  ]);
  // startingDeadlineSeconds is an int64; "" is the default concurrency policy, as the API server reads it
  assert.ok(cronJob("x", "@daily").image("a").startingDeadlineSeconds(2_147_483_648).concurrencyPolicy("" as any).build());
});

test("run time: an untyped cronJob(name) without a schedule", () => {
  assertProblems(() => (cronJob("x") as any).schedule(undefined).image("a").build(), [
    { path: "spec.schedule", expected: 'a cron schedule of 5 fields (minute hour day-of-month month day-of-week) or a macro such as "@daily"', received: undefined },
  ]);
});

test("immutability: deriving never changes the base", () => {
  const base = cronJob("x", "@daily").image("a");
  base.timeZone("Etc/UTC").backoff(2).suspend();
  assert.equal(built(base).spec, built(cronJob("x", "@daily").image("a")).spec);
});

test.run();
