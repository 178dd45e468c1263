import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  configMap, cronJob, daemonSet, deployment, ingress, job, namespace, networkPolicy, pod, podDisruptionBudget, secret, service, statefulSet,
  toYaml, type JobManifest,
} from "../../lib/index.js";
import { assertProblems } from "../helpers.js";
import { assertSchemaValid } from "../schema.js";

const base = job("migrate").image("app:1");

test(".patch() sets a field the builder lacks, on the typed manifest", () => {
  const built = base.patch((m) => {
    m.spec.template.spec!.hostNetwork = true;
    m.spec.template.spec!.containers[0]!.stdin = true;
  }).build();
  const expected: JobManifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "migrate" },
    spec: { template: { metadata: { name: "migrate" }, spec: { containers: [{ name: "migrate", image: "app:1", stdin: true }], restartPolicy: "Never", hostNetwork: true } } },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("a patched builder is a new builder; patches keep applying, in order, after later method calls", () => {
  const patched = base.patch((m) => { m.metadata.annotations = { ...m.metadata.annotations, step: "1" }; });
  const later = patched.backoff(2).annotations({ owner: "shop" }).patch((m) => { m.metadata.annotations!.step += "+2"; });
  assert.equal(base.build().metadata, { name: "migrate" });
  assert.equal(patched.build().metadata, { name: "migrate", annotations: { step: "1" } });
  assert.equal(later.build().metadata, { name: "migrate", annotations: { owner: "shop", step: "1+2" } });
  assert.equal(later.build().spec.backoffLimit, 2);
  // every build() patches a fresh manifest
  assert.equal(later.build(), later.build());
  assert.ok(toYaml(later).includes("step: 1+2"));
});

test("a patch may return a replacement manifest", () => {
  const built = configMap("c").data({ a: "1" }).patch((m) => ({ ...m, data: { ...m.data, b: "2" } })).build();
  assert.equal(built, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1", b: "2" } });
});

test("a patch can't bypass a rule: a Job's restartPolicy Always is still rejected", () => {
  assertProblems(() => base.patch((m) => { m.spec.template.spec!.restartPolicy = "Always"; }).build(), [
    { path: "spec.template.spec.restartPolicy", expected: 'one of "OnFailure", "Never"', received: "Always" },
  ]);
  assertProblems(() => base.patch((m) => { delete m.spec.template.spec!.restartPolicy; }).build(), [
    { path: "spec.template.spec.restartPolicy", expected: 'one of "OnFailure", "Never"', received: undefined },
  ]);
  assertProblems(() => cronJob("c", "@daily").image("x").patch((m) => { m.spec.jobTemplate.spec!.template.spec!.restartPolicy = "Always"; }).build(), [
    { path: "spec.jobTemplate.spec.template.spec.restartPolicy", expected: 'one of "OnFailure", "Never"', received: "Always" },
  ]);
  assertProblems(() => deployment("d").image("x").patch((m) => { m.spec.template.spec!.restartPolicy = "Never"; }).build(), [
    { path: "spec.template.spec.restartPolicy", expected: 'one of "Always"', received: "Never" },
  ]);
});

test("a patch can't bypass a rule: containers, resources, ports, labels, selectors, identity", () => {
  assertProblems(() => deployment("d").image("x").patch((m) => {
    const [c] = m.spec.template.spec!.containers;
    c!.name = "Bad_Name";
    c!.image = "";
    c!.resources = { requests: { cpu: "2" }, limits: { cpu: "1", memory: "lots" } };
    c!.ports = [{ containerPort: 70000 }];
    m.spec.template.spec!.containers.push({ name: "Bad_Name", image: "y", restartPolicy: "Always" });
    m.spec.template.metadata!.labels = { "app.kubernetes.io/name": "other" };
    m.metadata.labels = { "bad key!": "x" };
  }).build(), [
    { path: "metadata.labels", expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "bad key!" },
    { path: "spec.template.spec.containers[0].name", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Bad_Name" },
    { path: "spec.template.spec.containers[0].image", expected: "a non-empty string", received: "" },
    { path: "spec.template.spec.containers[0].ports[0].containerPort", expected: "an integer from 1 to 65535", received: 70000 },
    { path: "spec.template.spec.containers[0].resources.limits.memory", expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: "lots" },
    { path: "spec.template.spec.containers[0].resources.requests.cpu", expected: 'a quantity <= the limit "1"', received: "2" },
    { path: "spec.template.spec.containers[1].name", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Bad_Name" },
    { path: "spec.template.spec.containers[1].restartPolicy", expected: "nothing: only init containers can be sidecars", received: "Always" },
    { path: 'spec.selector.matchLabels["app.kubernetes.io/name"]', expected: 'a label the pod template has (spec.template.metadata.labels: {"app.kubernetes.io/name":"other"})', received: "d" },
  ]);
  assertProblems(() => service("s").port(80).patch((m) => { m.metadata.name = "other"; m.kind = "Pod" as never; m.metadata.namespace = "x"; }).build(), [
    { path: "kind", expected: '"Service", as the builder says (a patch can\'t change an object\'s identity)', received: "Pod" },
    { path: "metadata.name", expected: '"s", as the builder says (a patch can\'t change an object\'s identity)', received: "other" },
    { path: "metadata.namespace", expected: "nothing, as the builder says (a patch can't change an object's identity)", received: "x" },
  ]);
  assertProblems(() => pod("p").image("x").patch((m) => { m.spec.containers = []; }).build(), [
    { path: "spec.containers", expected: "a list of containers (at least one in containers)", received: [] },
  ]);
  assertProblems(() => secret("s").patch(() => "not a manifest" as never).build(), [
    { path: "(patch)", expected: "a manifest object returned by the patch (or nothing, having changed it in place)", received: "not a manifest" },
  ]);
});

test("the builder's own problems are reported before any patch runs", () => {
  let ran = false;
  assertProblems(() => job("j").image("x").backoff(-1).patch(() => { ran = true; }).build(), [
    { path: "spec.backoffLimit", expected: "an integer >= 0", received: -1 },
  ]);
  assert.is(ran, false);
});

test("every builder has .patch(), and keeps it through its own methods", () => {
  const mark = <M extends { metadata: { annotations?: Record<string, string> } }>(m: M) => {
    m.metadata.annotations = { ...m.metadata.annotations, patched: "yes" };
  };
  const web = deployment("web").image("x").container((c) => c.port("http", 80));
  const builders = [
    deployment("d").patch(mark).image("x").replicas(2),
    statefulSet("s").patch(mark).image("x").replicas(2),
    daemonSet("ds").patch(mark).image("x").onDelete(),
    job("j").patch(mark).image("x").backoff(1),
    cronJob("c", "@daily").patch(mark).image("x").suspend(),
    pod("p").patch(mark).image("x").restartPolicy("Never"),
    service("svc").patch(mark).port(80),
    configMap("cm").patch(mark).data({ a: "1" }),
    secret("sec").patch(mark).stringData({ a: "1" }),
    namespace("ns").patch(mark).labels({ a: "b" }),
    ingress("ing").patch(mark).route({ service: "web", port: 80 }),
    networkPolicy("np").patch(mark).selecting(web),
    podDisruptionBudget("pdb", web, { minAvailable: 1 }).patch(mark).maxUnavailable(1),
  ];
  for (const b of builders) {
    const built = (b as unknown as { build(): { metadata: { annotations?: object } } }).build();
    assert.equal(built.metadata.annotations, { patched: "yes" }, b.name);
  }
});

test.run();
