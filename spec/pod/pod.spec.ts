// The pod template every workload shares: which container is the main one, and what piceli writes on its own.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { container, cronJob, daemonSet, deployment, job, statefulSet } from "../../lib/index.js";
import { assertProblems } from "../helpers.js";
import { assertSchemaValid } from "../schema.js";

test("{ container } names the main container: .image() and .container(c => …) edit it, and it stays first", () => {
  const cart = deployment("cart", { container: "server" })
    .container("proxy", (c) => c.image("envoy:1"))
    .image("cart:1")
    .container((c) => c.port("grpc", 7070))
    .image("cart:2")
    .build();
  assert.equal(cart.spec.template.spec!.containers, [
    { name: "server", image: "cart:2", ports: [{ name: "grpc", containerPort: 7070 }] },
    { name: "proxy", image: "envoy:1" },
  ]);
  assertSchemaValid(cart);
});

test(".container(name, …) with the main container's name edits the main container, never adds a second one", () => {
  const named = deployment("redis", { container: "main" }).container("main", (c) => c.image("redis:7")).container("main", (c) => c.port("redis", 6379));
  assert.equal(named.build().spec.template.spec!.containers, [{ name: "main", image: "redis:7", ports: [{ name: "redis", containerPort: 6379 }] }]);
  const byWorkloadName = job("migrate").image("app:1").container("migrate", (c) => c.image("app:2").command("./migrate"));
  assert.equal(byWorkloadName.build().spec.template.spec!.containers, [{ name: "migrate", image: "app:2", command: ["./migrate"] }]);
});

test(".container(<main container name>, …) edits the main container once it has an image, and keeps its place", () => {
  const cart = deployment("cart", { container: "server" })
    .image("cart:1")
    .container("proxy", (c) => c.image("envoy:1"))
    .container("server", (c) => c.port("grpc", 7070))
    .build();
  assert.equal(cart.spec.template.spec!.containers, [
    { name: "server", image: "cart:1", ports: [{ name: "grpc", containerPort: 7070 }] },
    { name: "proxy", image: "envoy:1" },
  ]);
  assertSchemaValid(cart);
});

test("every workload factory takes { container }", () => {
  const first = (built: { spec?: { template?: { spec?: { containers: { name: string }[] } } } }) => built.spec!.template!.spec!.containers[0]!.name;
  assert.is(first(statefulSet("db", { container: "postgres" }).image("postgres:16").build()), "postgres");
  assert.is(first(daemonSet("logs", { container: "fluentd" }).image("fluentd:1").build()), "fluentd");
  assert.is(first(job("once", { container: "task" }).image("task:1").build()), "task");
  assert.is(cronJob("nightly", "@daily", { container: "task" }).image("task:1").build().spec.jobTemplate.spec!.template.spec!.containers[0]!.name, "task");
});

test("run time: .image() or .container(c => …) on a workload whose containers were all added by name is an error, never a second container", () => {
  const expected = 'a main container for .image() to edit: edit a named one with .container(name, c => …), or name the main container in the factory ({ container: "…" })';
  const onlyNamed = deployment("cart").container("server", (c) => c.image("cart:1"));
  assertProblems(() => (onlyNamed as any).image("cart:2"), [{ path: "spec.template.spec.containers", expected, received: ["server"] }]);
  assertProblems(() => (onlyNamed as any).container((c: any) => c.image("cart:2")), [
    { path: "spec.template.spec.containers", expected: expected.replace(".image()", ".container()"), received: ["server"] },
  ]);
  assertProblems(() => (job("x").container(container("a").image("a:1")) as any).image("b"), [{ path: "spec.template.spec.containers", expected, received: ["a"] }]);
});

test("Deployments, StatefulSets and DaemonSets write no template name and no restartPolicy unless asked; Jobs name their template", () => {
  for (const [plain, asked] of [
    [deployment("w").image("w:1").build(), deployment("w").image("w:1").templateName("w-pod").restartPolicy("Always").build()],
    [statefulSet("w").image("w:1").build(), statefulSet("w").image("w:1").templateName("w-pod").restartPolicy("Always").build()],
    [daemonSet("w").image("w:1").build(), daemonSet("w").image("w:1").templateName("w-pod").restartPolicy("Always").build()],
  ] as const) {
    assert.equal(plain.spec!.template.metadata, { labels: { "app.kubernetes.io/name": "w" } });
    assert.is(plain.spec!.template.spec!.restartPolicy, undefined);
    assert.equal(asked.spec!.template.metadata, { name: "w-pod", labels: { "app.kubernetes.io/name": "w" } });
    assert.is(asked.spec!.template.spec!.restartPolicy, "Always");
  }
  assert.equal(job("j").image("j:1").build().spec.template.metadata, { name: "j" });
  assert.equal(job("j").image("j:1").templateName("other").build().spec.template.metadata, { name: "other" });
  assert.equal(cronJob("c", "@daily").image("c:1").build().spec.jobTemplate.spec!.template.metadata, { name: "c" });
});

const web = () => deployment("web").image("nginx");
const at = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions";

test("node affinity expressions: a known operator and the values it takes, as the API server checks them", () => {
  const required = (...matchExpressions: object[]) => web().affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } } as never);
  assert.ok(required({ key: "zone", operator: "In", values: ["a"] }, { key: "zone", operator: "Exists" }, { key: "cores", operator: "Gt", values: ["x"] }).build());
  assertProblems(() => required(
    { key: "zone", operator: "in", values: ["a"] },
    { key: "zone", operator: "NotIn" },
    { key: "zone", operator: "Exists", values: ["a"] },
    { key: "cores", operator: "Lt", values: ["1", "2"] },
    { key: "A b", operator: "Exists" },
  ).build(), [
    { path: `${at}[0].operator`, expected: 'one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"', received: "in" },
    { path: `${at}[1].values`, expected: "at least one value for NotIn", received: undefined },
    { path: `${at}[2].values`, expected: "no values for Exists", received: ["a"] },
    { path: `${at}[3].values`, expected: "exactly one value for Lt", received: ["1", "2"] },
    {
      path: `${at}[4].key`,
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "A b",
    },
  ]);
});

test("terminationGracePeriodSeconds is any int64: the API server takes a negative one (the kubelet reads it as 1)", () => {
  assert.equal(web().terminationGracePeriodSeconds(-1).build().spec.template.spec!.terminationGracePeriodSeconds, -1);
  assert.ok(web().terminationGracePeriodSeconds(2_147_483_648).build());
  assertProblems(() => web().terminationGracePeriodSeconds(1.5).build(), [{ path: "spec.template.spec.terminationGracePeriodSeconds", expected: "an integer", received: 1.5 }]);
});

test.run();
