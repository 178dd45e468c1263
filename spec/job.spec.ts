import { test } from "uvu";
import * as assert from "uvu/assert";
import { container, job, type JobManifest } from "../lib/index.js";
import { assertProblems, golden, validationError } from "./helpers.js";

const HEALTH = "test $(expr $(date +%s) - $(cat /tmp/health_check)) -lt 60";

test("the Job from Piceli's documentation equals Piceli's golden job.yml", () => {
  const built = job("test-job")
    .imagePullSecrets("docker-registry-credentials")
    .backoff(1)
    .labels({ job_name: "test-job" })
    .templateLabels({ pod_name: "test-job" })
    .container((c) =>
      c.image("docker-image")
        .command("python", "--version")
        .env({ K0: "V0" })
        .livenessCommand("sh", "-c", HEALTH)
        .requests({ cpu: "100m", memory: "250Mi", ephemeralStorage: "11Mi" }))
    .build();
  assert.equal(built, golden("job.yml"));
});

test("a minimal Job: main container named like the Job, restartPolicy Never, template named like the Job", () => {
  const expected: JobManifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "hello" },
    spec: {
      template: {
        metadata: { name: "hello" },
        spec: { containers: [{ name: "hello", image: "busybox" }], restartPolicy: "Never" },
      },
    },
  };
  assert.equal(job("hello").image("busybox").build(), expected);
});

test("every Job method sets its field", () => {
  const built = job("batch")
    .namespace("jobs")
    .labels({ "app.kubernetes.io/name": "batch" })
    .annotations({ "example.com/owner": "team a" })
    .templateLabels({ app: "batch" })
    .templateAnnotations({ "example.com/scrape": "false" })
    .image("worker:1.0")
    .restartPolicy("OnFailure")
    .backoff(2)
    .cleanupAfter(90)
    .parallelism(3)
    .completions(6)
    .completionMode("Indexed")
    .activeDeadlineSeconds(600)
    .suspend()
    .serviceAccountName("batch-runner")
    .automountServiceAccountToken(false)
    .terminationGracePeriodSeconds(10)
    .nodeSelector({ "kubernetes.io/arch": "amd64" })
    .imagePullSecrets("registry-a", "registry-b")
    .build();
  const expected: JobManifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: "batch",
      namespace: "jobs",
      labels: { "app.kubernetes.io/name": "batch" },
      annotations: { "example.com/owner": "team a" },
    },
    spec: {
      parallelism: 3,
      completions: 6,
      completionMode: "Indexed",
      backoffLimit: 2,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 90,
      suspend: true,
      template: {
        metadata: { name: "batch", labels: { app: "batch" }, annotations: { "example.com/scrape": "false" } },
        spec: {
          containers: [{ name: "batch", image: "worker:1.0" }],
          restartPolicy: "OnFailure",
          serviceAccountName: "batch-runner",
          automountServiceAccountToken: false,
          imagePullSecrets: [{ name: "registry-a" }, { name: "registry-b" }],
          nodeSelector: { "kubernetes.io/arch": "amd64" },
          terminationGracePeriodSeconds: 10,
        },
      },
    },
  };
  assert.equal(built, expected);
});

test("cleanupAfter takes seconds or a duration", () => {
  const ttl = (d: Parameters<ReturnType<typeof job>["cleanupAfter"]>[0]) =>
    job("x").image("a").cleanupAfter(d).build().spec.ttlSecondsAfterFinished;
  assert.is(ttl(0), 0);
  assert.is(ttl(3600), 3600);
  assert.is(ttl("90s"), 90);
  assert.is(ttl("30m"), 1800);
  assert.is(ttl("1h"), 3600);
  assert.is(ttl("1.5h"), 5400);
  assert.is(ttl("1d"), 86400);
});

test("containers: main first, named containers after it, init containers, standalone builders", () => {
  const proxy = container("proxy").image("envoy:1").port("http", 8080);
  const built = job("app")
    .container("sidecar", (c) => c.image("sidecar:1"))
    .image("app:1")
    .container(proxy)
    .initContainer("migrate", (c) => c.image("app:1").command("./migrate"))
    .initContainer(container("wait").image("busybox").command("sleep", "1"))
    .build();
  assert.equal(built.spec.template.spec!.initContainers, [
    { name: "migrate", image: "app:1", command: ["./migrate"] },
    { name: "wait", image: "busybox", command: ["sleep", "1"] },
  ]);
  assert.equal(built.spec.template.spec!.containers, [
    { name: "app", image: "app:1" },
    { name: "sidecar", image: "sidecar:1" },
    { name: "proxy", image: "envoy:1", ports: [{ name: "http", containerPort: 8080 }] },
  ]);
});

test("a named container is edited in place, keeping what it had", () => {
  const built = job("app").image("app:1")
    .container("sidecar", (c) => c.image("sidecar:1").args("--a"))
    .container("sidecar", (c) => c.args("--b"))
    .container("sidecar", (c) => c.env({ MODE: "x" }))
    .build();
  assert.equal(built.spec.template.spec!.containers[1], { name: "sidecar", image: "sidecar:1", args: ["--b"], env: [{ name: "MODE", value: "x" }] });
  assert.is(built.spec.template.spec!.containers.length, 2);
});

test("a Job with only named containers builds", () => {
  const built = job("migrate").container("db-migrate", (c) => c.image("migrate:2")).build();
  assert.equal(built.spec.template.spec!.containers, [{ name: "db-migrate", image: "migrate:2" }]);
});

test("immutability: deriving never changes the base builder", () => {
  const base = job("x").image("a");
  const one = base.backoff(1);
  const two = base.backoff(2).labels({ tier: "two" }).container((c) => c.env({ A: "1" }));
  assert.is(base.build().spec.backoffLimit, undefined);
  assert.is(base.build().metadata.labels, undefined);
  assert.is(base.build().spec.template.spec!.containers[0]!.env, undefined);
  assert.is(one.build().spec.backoffLimit, 1);
  assert.is(two.build().spec.backoffLimit, 2);
  assert.is.not(one, base);
});

test("immutability: build() returns a fresh object each call", () => {
  const builder = job("x").image("a").labels({ a: "1" }).container((c) => c.command("run").env({ A: "1" }));
  const first = builder.build();
  first.metadata.labels!.a = "changed";
  first.spec.template.spec!.containers[0]!.command!.push("more");
  first.spec.template.spec!.containers[0]!.env![0]!.value = "changed";
  const second = builder.build();
  assert.equal(second.metadata.labels, { a: "1" });
  assert.equal(second.spec.template.spec!.containers[0]!.command, ["run"]);
  assert.equal(second.spec.template.spec!.containers[0]!.env, [{ name: "A", value: "1" }]);
});

test("immutability: labels and arrays given to a method are copied", () => {
  const labels: Record<string, string> = { a: "1" };
  const command = ["echo", "hi"];
  const builder = job("x").labels(labels).container((c) => c.image("a").command(...command));
  labels.a = "2";
  command.push("more");
  assert.equal(builder.build().metadata.labels, { a: "1" });
  assert.equal(builder.build().spec.template.spec!.containers[0]!.command, ["echo", "hi"]);
});

test("immutability: builders are frozen", () => {
  const builder = job("x").image("a");
  assert.throws(() => {
    (builder as unknown as { props: { metadata: { name: string } } }).props.metadata = { name: "y" };
  });
});

test("run time: an untyped caller's restartPolicy Always is rejected", () => {
  assertProblems(() => job("x").image("a").restartPolicy("Always" as any).build(), [
    { path: "spec.template.spec.restartPolicy", expected: 'one of "OnFailure", "Never"', received: "Always" },
  ]);
});

test("run time: a Job without a container or image is rejected", () => {
  assertProblems(() => (job("x") as any).build(), [
    { path: "spec.template.spec.containers", expected: "at least one container: call .image() or .container()", received: [] },
  ]);
  assertProblems(() => (job("x").container((c) => c.command("echo")) as any).build(), [
    { path: "spec.template.spec.containers[0].image", expected: "a non-empty string", received: undefined },
  ]);
});

test("run time: negative counts and durations are rejected, all at once", () => {
  const error = validationError(() =>
    job("test-job").image("a").backoff(-1).cleanupAfter(-5).parallelism(-2).completions(1.5).activeDeadlineSeconds(0).build());
  assert.equal(error.problems.map((p) => p.path), [
    "spec.parallelism",
    "spec.completions",
    "spec.backoffLimit",
    "spec.activeDeadlineSeconds",
    "spec.ttlSecondsAfterFinished",
  ]);
  assert.is(
    error.message,
    [
      'Job "test-job" is invalid:',
      "  spec.parallelism: expected an integer >= 0, received -2",
      "  spec.completions: expected an integer >= 0, received 1.5",
      "  spec.backoffLimit: expected an integer >= 0, received -1",
      "  spec.activeDeadlineSeconds: expected an integer >= 1, received 0",
      '  spec.ttlSecondsAfterFinished: expected a whole number of seconds >= 0, or a duration such as "90s", "30m", "1h" or "1d", received -5',
    ].join("\n"),
  );
});

test("run time: malformed durations are rejected", () => {
  for (const bad of ["1 hour", "1w", "h", "0.5s", "-1h", ""]) {
    assertProblems(() => job("x").image("a").cleanupAfter(bad as any).build(), [
      { path: "spec.ttlSecondsAfterFinished", expected: 'a whole number of seconds >= 0, or a duration such as "90s", "30m", "1h" or "1d"', received: bad },
    ]);
  }
});

test("run time: Job and container names", () => {
  assertProblems(() => job("Main_Job").container((c) => c.image("a")).container("Main_Container", (c) => c.image("b")).build(), [
    { path: "metadata.name", expected: 'a DNS-1123 subdomain of at most 63 characters (lowercase letters, digits, "-" or ".", starting and ending with a letter or digit), since Kubernetes copies it into a label', received: "Main_Job" },
    { path: "spec.template.spec.containers[0].name", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Main_Job" },
    { path: "spec.template.spec.containers[1].name", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Main_Container" },
  ]);
  assert.ok(job("a".repeat(63)).image("x").build());
  assert.is(validationError(() => job("a".repeat(64)).container("c", (c) => c.image("x")).build()).problems[0]!.path, "metadata.name");
  assert.ok(job("nightly.report").container("c", (c) => c.image("x")).build(), "dots are allowed in Job names");
});

test("run time: duplicate container names across containers and init containers", () => {
  assertProblems(() => job("app").image("a").container("side", (c) => c.image("b")).initContainer("app", (c) => c.image("c")).build(), [
    { path: "spec.template.spec.containers[0].name", expected: "a name no other container or init container of the pod has", received: "app" },
  ]);
  assertProblems(() => job("app").image("a").container(container("app").image("b")).build(), [
    { path: "spec.template.spec.containers[1].name", expected: "a name no other container or init container of the pod has", received: "app" },
  ]);
});

test("run time: label keys and values follow Kubernetes' rules", () => {
  const ok = job("x").image("a")
    .labels({ "app.kubernetes.io/name": "x", "example.com/empty": "", a_b: "A.b-c_d" })
    .templateLabels({ "k8s.io/x": "y" })
    .build();
  assert.equal(ok.metadata.labels, { "app.kubernetes.io/name": "x", "example.com/empty": "", a_b: "A.b-c_d" });
  const error = validationError(() =>
    job("x").image("a").labels({ "bad key": "v", "Example.com/x": "v", ok: "ends-with-" }).templateLabels({ "-x": "y" }).build());
  assert.equal(error.problems.map((p) => [p.path, p.received]), [
    ["metadata.labels", "bad key"],
    ["metadata.labels", "Example.com/x"],
    ['metadata.labels["ok"]', "ends-with-"],
    ["spec.template.metadata.labels", "-x"],
  ]);
  assert.ok(validationError(() => job("x").image("a").labels({ k: "v".repeat(64) }).build()));
  assert.ok(validationError(() => job("x").image("a").annotations({ "/x": "v" }).build()));
});

test("run time: Indexed Jobs need completions within Kubernetes' limit", () => {
  assertProblems(() => job("x").image("a").completionMode("Indexed").build(), [
    { path: "spec.completions", expected: 'a number of completions when completionMode is "Indexed"', received: undefined },
  ]);
  assertProblems(() => job("x").image("a").completionMode("Indexed").completions(100_001).build(), [
    { path: "spec.completions", expected: "an integer from 0 to 100000", received: 100_001 },
  ]);
});

test("run time: other untyped values", () => {
  assertProblems(() => job("x").image("a").suspend("yes" as any).completionMode("Sometimes" as any).build(), [
    { path: "spec.completionMode", expected: 'one of "NonIndexed", "Indexed"', received: "Sometimes" },
    { path: "spec.suspend", expected: "true or false", received: "yes" },
  ]);
  assertProblems(() => job("x").image("a").serviceAccountName("Bad Name").imagePullSecrets("UPPER").namespace("a.b").build(), [
    { path: "metadata.namespace", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "a.b" },
    { path: "spec.template.spec.serviceAccountName", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Bad Name" },
    { path: "spec.template.spec.imagePullSecrets[0].name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "UPPER" },
  ]);
  assert.throws(() => job("x").container("side" as any), /callback that returns the edited container/);
  assert.throws(() => job("x").container(((c: any) => "nope") as any), /callback that returns the edited container/);
  assert.throws(() => job("x").container(42 as any), /a container name and a callback.*received 42/);
  assert.throws(() => job("x").container(new Map() as any), /received an instance of Map/);
  assert.throws(() => job("x").container(((c: any) => undefined) as any), /received nothing/);
});

test.run();
