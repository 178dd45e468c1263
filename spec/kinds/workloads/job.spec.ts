import { test } from "uvu";
import * as assert from "uvu/assert";
import { container, job, type JobManifest } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

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
  assertSchemaValid(expected);
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
  assertSchemaValid(built);
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
    .image("app:1")
    .container("sidecar", (c) => c.image("sidecar:1"))
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

test("immutability: a base varied in every copied part (labels, env, resources, pull secrets) stays as it was", () => {
  const base = job("x").labels({ a: "1" }).templateLabels({ a: "1" }).imagePullSecrets("s").container((c) => c.image("i").env({ A: "1" }).requests({ cpu: "1" }));
  const before = base.build();
  const varied = [1, 2].map((n) =>
    base.labels({ b: `${n}` }).templateLabels({ b: `${n}` }).imagePullSecrets(`s${n}`).container((c) => c.env({ A: `${n}`, B: `${n}` }).requests({ memory: `${n}Gi` })).build());
  assert.equal(base.build(), before);
  assert.equal(varied[0]!.metadata.labels, { a: "1", b: "1" });
  assert.equal(varied[1]!.spec.template.metadata!.labels, { a: "1", b: "2" });
  assert.equal(varied[1]!.spec.template.spec!.imagePullSecrets, [{ name: "s" }, { name: "s2" }]);
  assert.equal(varied[0]!.spec.template.spec!.containers[0]!.env, [{ name: "A", value: "1" }, { name: "B", value: "1" }]);
  assert.equal(varied[1]!.spec.template.spec!.containers[0]!.resources, { requests: { cpu: "1", memory: "2Gi" } });
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
    job("test-job").image("a").backoff(-1).cleanupAfter(-5).parallelism(-2).completions(1.5).activeDeadlineSeconds(-1).build());
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
      "  spec.activeDeadlineSeconds: expected an integer >= 0, received -1",
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

test("run time: Indexed Jobs need completions, and Kubernetes' limits on parallelism", () => {
  assertProblems(() => job("x").image("a").completionMode("Indexed").build(), [
    { path: "spec.completions", expected: 'a number of completions when completionMode is "Indexed"', received: undefined },
  ]);
  assert.ok(job("x").image("a").completionMode("Indexed").completions(100_001).activeDeadlineSeconds(0).build(), "no cap on completions alone; a deadline of 0 is accepted");
  assertProblems(() => job("x").image("a").completions(200).completionMode("Indexed").parallelism(100_001).build(), [
    { path: "spec.parallelism", expected: "an integer from 0 to 100000", received: 100_001 },
  ]);
  assertProblems(() => job("x").image("a").completions(100_001).parallelism(10_001).completionMode("Indexed", { backoffLimitPerIndex: 1 }).build(), [
    { path: "spec.parallelism", expected: "at most 10000 when completions exceed 100000 with backoffLimitPerIndex", received: 10_001 },
  ]);
});

test("run time: other untyped values", () => {
  assertProblems(() => job("x").image("a").suspend("yes" as any).completionMode("Sometimes" as any).build(), [
    { path: "spec.completionMode", expected: 'one of "NonIndexed", "Indexed"', received: "Sometimes" },
    { path: "spec.suspend", expected: "true or false", received: "yes" },
  ]);
  assertProblems(() => job("x").image("a").serviceAccountName("Bad Name").imagePullSecrets("UPPER", 1 as any).namespace("a.b").build(), [
    { path: "metadata.namespace", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "a.b" },
    { path: "spec.template.spec.serviceAccountName", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit), or "" for Kubernetes\' default', received: "Bad Name" },
    { path: "spec.template.spec.imagePullSecrets[1].name", expected: "a string", received: 1 },
  ]);
  // the API server takes any pull-secret name ("UPPER" above; a missing Secret only means no credentials), "" as the
  // default service account, and an int64 deadline
  assert.ok(job("x").image("a").serviceAccountName("").activeDeadlineSeconds(2_147_483_648).build());
  assert.throws(() => job("x").container("side" as any), /callback that returns the edited container/);
  assert.throws(() => job("x").container(((c: any) => "nope") as any), /callback that returns the edited container/);
  assert.throws(() => job("x").container(42 as any), /a container name and a callback.*received 42/);
  assert.throws(() => job("x").container(new Map() as any), /received an instance of Map/);
  assert.throws(() => job("x").container(((c: any) => undefined) as any), /received nothing/);
});

test("podFailurePolicy goes with restartPolicy Never", () => {
  const podFailurePolicy = {
    rules: [
      { action: "FailJob", onExitCodes: { containerName: "batch", operator: "In", values: [1, 42] } },
      { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }, { type: "example.com/Preempted", status: "False" }] },
      { action: "Count", onExitCodes: { operator: "NotIn", values: [0, 1, 42] } },
    ],
  } as const;
  const built = job("batch").image("worker:1").backoff(3).restartPolicy("Never", { podFailurePolicy }).build();
  assertSchemaValid(built);
  const expected: JobManifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "batch" },
    spec: {
      backoffLimit: 3,
      podFailurePolicy: {
        rules: [
          { action: "FailJob", onExitCodes: { containerName: "batch", operator: "In", values: [1, 42] } },
          { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }, { type: "example.com/Preempted", status: "False" }] },
          { action: "Count", onExitCodes: { operator: "NotIn", values: [0, 1, 42] } },
        ],
      },
      template: { metadata: { name: "batch" }, spec: { containers: [{ name: "batch", image: "worker:1" }], restartPolicy: "Never" } },
    },
  };
  assert.equal(built, expected);
  assert.is(job("batch").image("a").restartPolicy("Never", { podFailurePolicy }).restartPolicy("OnFailure").build().spec.podFailurePolicy, undefined, "OnFailure removes it");
  assert.ok(job("batch").image("a").restartPolicy("Never", { podFailurePolicy }).restartPolicy("Never").build().spec.podFailurePolicy, "Never keeps it");
});

test("run time: an untyped caller's podFailurePolicy with restartPolicy OnFailure", () => {
  const podFailurePolicy = { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }] };
  assertProblems(() => (job("x").image("a") as any).restartPolicy("OnFailure", { podFailurePolicy }).build(), [
    { path: "spec.podFailurePolicy", expected: 'nothing unless restartPolicy is "Never"', received: podFailurePolicy },
  ]);
});

test("run time: pod failure policy rules follow Kubernetes' rules", () => {
  const rules = [
    { action: "FailIndex", onExitCodes: { operator: "In", values: [0, 3, 2, 2] } },
    { action: "Retry", onExitCodes: { containerName: "other", operator: "Has", values: [] } },
    { action: "Ignore" },
    { action: "Ignore", onExitCodes: { operator: "In", values: [1] }, onPodConditions: [{ type: "Bad Type", status: "Maybe" }, { type: "Ready" }] },
  ];
  const at = "spec.podFailurePolicy.rules";
  assertProblems(() => job("x").image("a").restartPolicy("Never", { podFailurePolicy: { rules } as any }).build(), [
    { path: `${at}[0].action`, expected: 'an action other than "FailIndex" unless backoffLimitPerIndex is set', received: "FailIndex" },
    { path: `${at}[0].onExitCodes.values[0]`, expected: "an integer from 1 to 2147483647", received: 0 },
    { path: `${at}[0].onExitCodes.values[2]`, expected: "an exit code above the one before (3): ascending, without repeats", received: 2 },
    { path: `${at}[0].onExitCodes.values[3]`, expected: "an exit code above the one before (2): ascending, without repeats", received: 2 },
    { path: `${at}[1].action`, expected: 'one of "FailJob", "FailIndex", "Ignore", "Count"', received: "Retry" },
    { path: `${at}[1].onExitCodes.operator`, expected: 'one of "In", "NotIn"', received: "Has" },
    { path: `${at}[1].onExitCodes.containerName`, expected: 'the name of a container or init container of the pod (["x"])', received: "other" },
    { path: `${at}[1].onExitCodes.values`, expected: "from 1 to 255 exit codes", received: [] },
    { path: `${at}[2]`, expected: "exactly one of onExitCodes and onPodConditions", received: [] },
    { path: `${at}[3]`, expected: "exactly one of onExitCodes and onPodConditions", received: ["onExitCodes", "onPodConditions"] },
    {
      path: `${at}[3].onPodConditions[0].type`,
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "Bad Type",
    },
    { path: `${at}[3].onPodConditions[0].status`, expected: 'one of "True", "False", "Unknown"', received: "Maybe" },
    { path: `${at}[3].onPodConditions[1].status`, expected: 'one of "True", "False", "Unknown"', received: undefined },
  ]);
  const tooMany = Array.from({ length: 21 }, () => ({ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }) as const);
  assertProblems(() => job("x").image("a").restartPolicy("Never", { podFailurePolicy: { rules: tooMany } }).build(), [
    { path: "spec.podFailurePolicy.rules", expected: "at most 20 rules", received: 21 },
  ]);
  const failIndex = job("x").image("a").completions(4).completionMode("Indexed", { backoffLimitPerIndex: 1 })
    .restartPolicy("Never", { podFailurePolicy: { rules: [{ action: "FailIndex", onExitCodes: { operator: "In", values: [3] } }] } })
    .initContainer("init", (c) => c.image("b"))
    .build();
  assertSchemaValid(failIndex);
  assert.equal(failIndex.spec.podFailurePolicy, { rules: [{ action: "FailIndex", onExitCodes: { operator: "In", values: [3] } }] });
});

test("Indexed Jobs: backoffLimitPerIndex, maxFailedIndexes and successPolicy", () => {
  const built = job("render").image("render:1").completions(10).parallelism(5)
    .completionMode("Indexed", {
      backoffLimitPerIndex: 2,
      maxFailedIndexes: 3,
      successPolicy: { rules: [{ succeededIndexes: "0,2-4", succeededCount: 2 }, { succeededCount: 8 }] },
    })
    .build();
  assertSchemaValid(built);
  const expected: JobManifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "render" },
    spec: {
      parallelism: 5,
      completions: 10,
      completionMode: "Indexed",
      backoffLimitPerIndex: 2,
      maxFailedIndexes: 3,
      successPolicy: { rules: [{ succeededIndexes: "0,2-4", succeededCount: 2 }, { succeededCount: 8 }] },
      template: { metadata: { name: "render" }, spec: { containers: [{ name: "render", image: "render:1" }], restartPolicy: "Never" } },
    },
  };
  assert.equal(built, expected);
  const back = job("render").image("render:1").completionMode("Indexed", { backoffLimitPerIndex: 2 }).completionMode("NonIndexed").build();
  assert.equal(back.spec, { completionMode: "NonIndexed", template: expected.spec.template }, "NonIndexed removes the Indexed-only fields");
});

test("run time: Indexed-only fields from an untyped caller of a NonIndexed Job", () => {
  const successPolicy = { rules: [{ succeededCount: 1 }] };
  assertProblems(() => (job("x").image("a") as any).completionMode("NonIndexed", { backoffLimitPerIndex: 1, maxFailedIndexes: 1, successPolicy }).build(), [
    { path: "spec.backoffLimitPerIndex", expected: 'nothing unless completionMode is "Indexed"', received: 1 },
    { path: "spec.maxFailedIndexes", expected: 'nothing unless completionMode is "Indexed"', received: 1 },
    { path: "spec.successPolicy", expected: 'nothing unless completionMode is "Indexed"', received: successPolicy },
  ]);
});

test("run time: Indexed Jobs' limits: maxFailedIndexes, successPolicy rules", () => {
  const indexed = job("x").image("a").completions(5);
  assertProblems(() => indexed.completionMode("Indexed", { maxFailedIndexes: 2 }).build(), [
    { path: "spec.maxFailedIndexes", expected: "nothing unless backoffLimitPerIndex is set", received: 2 },
  ]);
  assertProblems(() => indexed.completionMode("Indexed", { backoffLimitPerIndex: -1, maxFailedIndexes: 6 }).build(), [
    { path: "spec.backoffLimitPerIndex", expected: "an integer >= 0", received: -1 },
    { path: "spec.maxFailedIndexes", expected: "at most completions (5)", received: 6 },
  ]);
  const INDEXES = 'ascending indexes and ranges below completions (5), such as "0,2-4"';
  assertProblems(() => indexed.completionMode("Indexed", {
    successPolicy: {
      rules: [
        { succeededIndexes: "0-5" },
        { succeededIndexes: "3,1" },
        { succeededIndexes: "1-1" },
        { succeededIndexes: "0-2,2" },
        { succeededIndexes: "0-1", succeededCount: 3 },
        { succeededCount: 6 },
        {},
      ],
    },
  }).build(), [
    { path: "spec.successPolicy.rules[0].succeededIndexes", expected: INDEXES, received: "0-5" },
    { path: "spec.successPolicy.rules[1].succeededIndexes", expected: INDEXES, received: "3,1" },
    { path: "spec.successPolicy.rules[2].succeededIndexes", expected: INDEXES, received: "1-1" },
    { path: "spec.successPolicy.rules[3].succeededIndexes", expected: INDEXES, received: "0-2,2" },
    { path: "spec.successPolicy.rules[4].succeededCount", expected: "at most the 2 indexes named by succeededIndexes", received: 3 },
    { path: "spec.successPolicy.rules[5].succeededCount", expected: "at most completions (5)", received: 6 },
    { path: "spec.successPolicy.rules[6]", expected: "succeededIndexes, succeededCount or both", received: {} },
  ]);
  assertProblems(() => indexed.completionMode("Indexed", { successPolicy: { rules: [] } }).build(), [
    { path: "spec.successPolicy.rules", expected: "from 1 to 20 rules", received: [] },
  ]);
});

test.run();
