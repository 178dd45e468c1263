import { test } from "uvu";
import * as assert from "uvu/assert";
import { container, deployment, exec, grpc, httpGet, job, sleep, tcpSocket } from "../../lib/index.js";
import { assertProblems } from "../helpers.js";
import { assertSchemaValid } from "../schema.js";

const TIMINGS = { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 4, terminationGracePeriodSeconds: 10 };

test("probes: exec, httpGet, tcpSocket and grpc handlers with every timing field", () => {
  const built = container("web")
    .image("web:1")
    .port("http", 8080)
    .livenessProbe(httpGet("/healthz", "http", { scheme: "HTTPS", host: "127.0.0.1", httpHeaders: [{ name: "X-Probe", value: "1" }] }), TIMINGS)
    .readinessProbe(tcpSocket(8080), { initialDelaySeconds: 3, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 2, failureThreshold: 1 })
    .startupProbe(grpc(9090, "health"), { ...TIMINGS, failureThreshold: 30 })
    .build();
  assert.equal(built, {
    name: "web",
    image: "web:1",
    ports: [{ name: "http", containerPort: 8080 }],
    livenessProbe: {
      httpGet: { port: "http", path: "/healthz", host: "127.0.0.1", scheme: "HTTPS", httpHeaders: [{ name: "X-Probe", value: "1" }] },
      ...TIMINGS,
    },
    readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 3, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 2, failureThreshold: 1 },
    startupProbe: { grpc: { port: 9090, service: "health" }, ...TIMINGS, failureThreshold: 30 },
  });
  const bare = container("c").image("a").livenessProbe(exec("true")).readinessProbe(tcpSocket("http")).port("http", 80).startupProbe(grpc(1)).build();
  assert.equal([bare.livenessProbe, bare.readinessProbe, bare.startupProbe], [{ exec: { command: ["true"] } }, { tcpSocket: { port: "http" } }, { grpc: { port: 1 } }]);
});

test("lifecycle hooks: exec, httpGet and sleep; the *Command shortcuts", () => {
  const built = container("web").image("web:1")
    .postStart(httpGet("/started", 8080))
    .preStop(sleep(5))
    .build();
  assert.equal(built.lifecycle, { postStart: { httpGet: { path: "/started", port: 8080 } }, preStop: { sleep: { seconds: 5 } } });
  assert.equal(container("c").image("a").postStartCommand("touch", "/x").preStopCommand("sleep", "5").build().lifecycle, {
    postStart: { exec: { command: ["touch", "/x"] } },
    preStop: { exec: { command: ["sleep", "5"] } },
  });
  assert.equal(container("c").image("a").preStop(exec("drain")).build().lifecycle, { preStop: { exec: { command: ["drain"] } } });
});

test("probes and hooks in a Deployment match the Kubernetes schema", () => {
  const manifest = deployment("web").container((c) =>
    c.image("web:1").port("http", 8080)
      .livenessProbe(httpGet("/healthz", "http"), TIMINGS)
      .readinessCommand("test", "-f", "/ready")
      .startupProbe(tcpSocket("http"), { failureThreshold: 30, periodSeconds: 10 })
      .preStop(sleep(30))
      .postStartCommand("sh", "-c", "echo started")).build();
  assertSchemaValid(manifest);
});

test("run time: liveness and startup probes succeed once; readiness probes have no grace period", () => {
  assertProblems(() => container("c").image("a")
    .livenessProbe(exec("a"), { successThreshold: 2 })
    .startupProbe(exec("a"), { successThreshold: 3 })
    .readinessProbe(exec("a"), { successThreshold: 3, terminationGracePeriodSeconds: 5 })
    .build(), [
    { path: "livenessProbe.successThreshold", expected: "1 for a liveness probe", received: 2 },
    { path: "readinessProbe.terminationGracePeriodSeconds", expected: "nothing for a readiness probe", received: 5 },
    { path: "startupProbe.successThreshold", expected: "1 for a startup probe", received: 3 },
  ]);
});

test("run time: timings are whole seconds (0 for Kubernetes' default), int32 but the int64 grace period; misspelled timings are named", () => {
  assertProblems(() => container("c").image("a").livenessProbe(exec("a"), { initialDelaySeconds: -1, periodSeconds: 2_147_483_648, timeoutSeconds: 1.5, failureThreshold: -1, terminationGracePeriodSeconds: 0 }).build(), [
    { path: "livenessProbe.initialDelaySeconds", expected: "an integer >= 0", received: -1 },
    { path: "livenessProbe.periodSeconds", expected: "an integer >= 0", received: 2_147_483_648 },
    { path: "livenessProbe.timeoutSeconds", expected: "an integer >= 0", received: 1.5 },
    { path: "livenessProbe.failureThreshold", expected: "an integer >= 0", received: -1 },
    { path: "livenessProbe.terminationGracePeriodSeconds", expected: "an integer >= 1", received: 0 },
  ]);
  // the API server fills 0 with Kubernetes' defaults (10, 1, 1, 3), for a liveness probe's success threshold too
  const zeros = { periodSeconds: 0, timeoutSeconds: 0, successThreshold: 0, failureThreshold: 0 };
  assert.equal(container("c").image("a").livenessProbe(exec("a"), { ...zeros, terminationGracePeriodSeconds: 2_147_483_648 }).build().livenessProbe,
    { exec: { command: ["a"] }, ...zeros, terminationGracePeriodSeconds: 2_147_483_648 });
  assertProblems(() => container("c").image("a").readinessProbe(exec("a"), { periodSecond: 5 } as any).build(), [
    {
      path: "readinessProbe",
      expected: "a field of a probe's timings (initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold, terminationGracePeriodSeconds)",
      received: "periodSecond",
    },
  ]);
});

test("run time: probes cannot sleep; hooks cannot use grpc or tcpSocket", () => {
  assertProblems(() => container("c").image("a").livenessProbe(sleep(1) as any).build(), [
    { path: "livenessProbe.sleep", expected: "exec, httpGet, tcpSocket or grpc: probes cannot sleep", received: { seconds: 1 } },
  ]);
  assertProblems(() => container("c").image("a").preStop(grpc(80) as any).postStart(tcpSocket(80) as any).build(), [
    { path: "lifecycle.postStart.tcpSocket", expected: "exec, httpGet or sleep: Kubernetes never runs a tcpSocket lifecycle hook", received: { port: 80 } },
    { path: "lifecycle.preStop.grpc", expected: "exec, httpGet or sleep: lifecycle hooks cannot use grpc", received: { port: 80 } },
  ]);
});

test("run time: handlers from untyped callers", () => {
  assertProblems(() => container("c").image("a").livenessProbe({} as any).preStop({ exec: { command: ["a"] }, sleep: { seconds: 1 } } as any).build(), [
    { path: "livenessProbe", expected: "exactly one of exec, httpGet, tcpSocket or grpc", received: [] },
    { path: "lifecycle.preStop", expected: "exactly one of exec, httpGet or sleep", received: ["exec", "sleep"] },
  ]);
  assertProblems(() => container("c").image("a").livenessProbe(exec()).readinessProbe({ exec: { command: ["a", 1] } } as any).build(), [
    { path: "livenessProbe.exec.command", expected: "at least one string", received: [] },
    { path: "readinessProbe.exec.command[1]", expected: "a string", received: 1 },
  ]);
  assertProblems(() => container("c").image("a")
    .livenessProbe(httpGet(5 as any, 0, { scheme: "FTP" as any, httpHeaders: [{ name: "X Bad", value: "v" }] }))
    .readinessProbe({ httpGet: { port: 80, headers: [] } } as any)
    .startupProbe(grpc(70000))
    .build(), [
    { path: "livenessProbe.httpGet.port", expected: "an integer from 1 to 65535", received: 0 },
    { path: "livenessProbe.httpGet.path", expected: "a string", received: 5 },
    { path: "livenessProbe.httpGet.scheme", expected: 'one of "HTTP", "HTTPS"', received: "FTP" },
    { path: "livenessProbe.httpGet.httpHeaders[0].name", expected: 'an HTTP header name (letters, digits or "-")', received: "X Bad" },
    { path: "readinessProbe.httpGet", expected: "a field of httpGet (path, port, host, scheme, httpHeaders)", received: "headers" },
    { path: "startupProbe.grpc.port", expected: "an integer from 1 to 65535", received: 70000 },
  ]);
  assertProblems(() => container("c").image("a").preStop(sleep(-1)).build(), [
    { path: "lifecycle.preStop.sleep.seconds", expected: "an integer from 0 to 2147483647", received: -1 },
  ]);
});

test("run time: a named port must be one of the container's ports", () => {
  assertProblems(() => container("c").image("a").port("http", 80).livenessProbe(httpGet("/", "htp")).readinessProbe(tcpSocket("grpc")).postStart(httpGet("/", "admin")).build(), [
    { path: "livenessProbe.httpGet.port", expected: 'a port number, or the name of one of this container\'s ports (["http"])', received: "htp" },
    { path: "readinessProbe.tcpSocket.port", expected: 'a port number, or the name of one of this container\'s ports (["http"])', received: "grpc" },
    { path: "lifecycle.postStart.httpGet.port", expected: 'a port number, or the name of one of this container\'s ports (["http"])', received: "admin" },
  ]);
  assertProblems(() => container("c").image("a").livenessProbe(tcpSocket("BAD")).build(), [
    { path: "livenessProbe.tcpSocket.port", expected: 'a port name (at most 15 lowercase letters, digits or "-", with at least one letter, no leading, trailing or double "-")', received: "BAD" },
  ]);
});

test("run time: a sleep hook lasts at most the pod's terminationGracePeriodSeconds (30 by default)", () => {
  assert.ok(job("x").container((c) => c.image("a").preStop(sleep(30))).build());
  assertProblems(() => job("x").container((c) => c.image("a").preStop(sleep(31))).build(), [
    { path: "spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds", expected: "at most the pod's terminationGracePeriodSeconds (30)", received: 31 },
  ]);
  assert.ok(job("x").terminationGracePeriodSeconds(120).container((c) => c.image("a").preStop(sleep(120))).build());
  assertProblems(() => deployment("x").terminationGracePeriodSeconds(5).image("a")
    .initContainer("proxy", (c) => c.image("proxy").restartPolicy("Always").postStart(sleep(6))).build(), [
    { path: "spec.template.spec.initContainers[0].lifecycle.postStart.sleep.seconds", expected: "at most the pod's terminationGracePeriodSeconds (5)", received: 6 },
  ]);
});


test("run time: a preStop hook may name a port the container lacks or open a TCP socket, as the API server allows; postStart may not", () => {
  assert.ok(container("c").image("a").port("http", 80).preStop(httpGet("/", "other")).build());
  assert.ok(container("c").image("a").preStop(tcpSocket(80) as any).build());
  assertProblems(() => container("c").image("a").postStart(tcpSocket(80) as any).build(), [
    { path: "lifecycle.postStart.tcpSocket", expected: "exec, httpGet or sleep: Kubernetes never runs a tcpSocket lifecycle hook", received: { port: 80 } },
  ]);
});

test.run();
