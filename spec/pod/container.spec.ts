import { test } from "uvu";
import * as assert from "uvu/assert";
import { configMap, container, deployment, exec, httpGet, job, secret, sleep, tcpSocket } from "../../lib/index.js";
import { assertProblems, validationError } from "../helpers.js";
import { assertSchemaValid } from "../schema.js";

test("every container method sets its field, in the conventional order", () => {
  const built = container("web")
    .image("nginx:1.27")
    .imagePullPolicy("IfNotPresent")
    .command("nginx")
    .args("-g", "daemon off;")
    .workingDir("/srv")
    .port("http", 80)
    .port(9113)
    .env({ A: "1", B: "2" })
    .env({ A: "3" })
    .requests({ cpu: "100m", memory: "128Mi", ephemeralStorage: "1Gi", "nvidia.com/gpu": "1" })
    .limits({ cpu: "1", memory: "256Mi", "nvidia.com/gpu": "1", "hugepages-2Mi": "64Mi" })
    .livenessCommand("sh", "-c", "true")
    .readinessCommand("test", "-f", "/ready")
    .postStartCommand("touch", "/started")
    .preStopCommand("nginx", "-s", "quit")
    .build();
  assert.equal(built, {
    name: "web",
    image: "nginx:1.27",
    imagePullPolicy: "IfNotPresent",
    command: ["nginx"],
    args: ["-g", "daemon off;"],
    workingDir: "/srv",
    ports: [{ name: "http", containerPort: 80 }, { containerPort: 9113 }],
    env: [{ name: "A", value: "3" }, { name: "B", value: "2" }],
    resources: {
      limits: { cpu: "1", memory: "256Mi", "nvidia.com/gpu": "1", "hugepages-2Mi": "64Mi" },
      requests: { cpu: "100m", memory: "128Mi", "ephemeral-storage": "1Gi", "nvidia.com/gpu": "1" },
    },
    livenessProbe: { exec: { command: ["sh", "-c", "true"] }, initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3 },
    readinessProbe: { exec: { command: ["test", "-f", "/ready"] }, initialDelaySeconds: 5, periodSeconds: 5 },
    lifecycle: { postStart: { exec: { command: ["touch", "/started"] } }, preStop: { exec: { command: ["nginx", "-s", "quit"] } } },
  });
  assert.is(Object.keys(built).join(","), "name,image,imagePullPolicy,command,args,workingDir,ports,env,resources,livenessProbe,readinessProbe,lifecycle");
});

test(".resources({ requests, limits }) is .requests().limits(); other keys are an error, never dropped", () => {
  const base = container("app").image("app:1").requests({ cpu: "50m" });
  const both = base.resources({ requests: { memory: "64Mi" }, limits: { cpu: "1", memory: "128Mi" } });
  assert.equal(both.build(), base.requests({ memory: "64Mi" }).limits({ cpu: "1", memory: "128Mi" }).build());
  assert.equal(both.build().resources, { limits: { cpu: "1", memory: "128Mi" }, requests: { cpu: "50m", memory: "64Mi" } });
  assert.equal(base.resources({}).build(), base.build());
  assertProblems(() => base.resources({ request: { cpu: "1" }, claims: [] } as never), [
    { path: "resources", expected: "requests or limits (other fields: .patch() the workload)", received: "request" },
    { path: "resources", expected: "requests or limits (other fields: .patch() the workload)", received: "claims" },
  ]);
});

test(".env([...]) takes the YAML shape, in order; a name given again replaces its entry; an untyped caller's bad entry is reported", () => {
  const built = container("app").image("app:1")
    .env({ A: "0" })
    .env([{ name: "B", value: "1" }, { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }, { name: "A", value: "2" }])
    .build();
  assert.equal(built.env, [
    { name: "A", value: "2" },
    { name: "B", value: "1" },
    { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
  ]);
  assertProblems(() => container("app").image("app:1").env([{ name: "A", value: 1 }, { name: "B", value: "1", valueFrom: {} }] as never).build(), [
    { path: "env[0].value", expected: "a string, or a reference from fieldRef(), resourceFieldRef(), configMap.key(), secret.key(), configMapKeyRef() or secretKeyRef()", received: { value: 1 } },
    { path: "env[1].value", expected: "a string, or a reference from fieldRef(), resourceFieldRef(), configMap.key(), secret.key(), configMapKeyRef() or secretKeyRef()", received: { value: "1", valueFrom: {} } },
  ]);
});

test(".env([...]) entries that spread a .key() reference, or take its valueFrom, still name the ConfigMap or Secret the container needs", () => {
  const settings = configMap("settings").data({ level: "debug" });
  const credentials = secret("credentials").stringData({ password: "s3cret" });
  const app = container("app").image("app:1").env([
    { name: "LEVEL", ...settings.key("level") },
    { name: "PASSWORD", valueFrom: credentials.key("password").valueFrom },
  ]);
  assert.equal(app.references, [settings, credentials]);
  assert.equal(app.build().env, [
    { name: "LEVEL", valueFrom: { configMapKeyRef: { name: "settings", key: "level" } } },
    { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "credentials", key: "password" } } },
  ]);
});

test("a standalone container is reusable and never changed by its users", () => {
  const base = container("worker").image("worker:1");
  const debug = base.env({ DEBUG: "1" });
  assert.equal(base.build(), { name: "worker", image: "worker:1" });
  assert.equal(debug.build(), { name: "worker", image: "worker:1", env: [{ name: "DEBUG", value: "1" }] });
  assert.is(base.name, "worker");
});

test("quantities: the API server's grammar (apimachinery's ParseQuantity, after trimming spaces)", () => {
  const good = ["0", "1", "0.5", ".5", "5.", "100m", "1e3", "1E3", "12E", "250Mi", "1Gi", "1.5Gi", "2k", "+1", "-0", "5e-3", "1e+3", "1n", "1u", " 1", "1Ki ", "Gi", "e3"];
  for (const q of good) assert.ok(container("c").image("a").requests({ cpu: q as "1" }).build(), q);
  for (const bad of ["lots", "2 GB", "1gi", "1K", "-1", "1.2.3", "0x10", "", "1e", "1e3Mi", "Infinity", "1KB"]) {
    assertProblems(() => container("c").image("a").requests({ memory: bad as "1" }).build(), [
      { path: "resources.requests.memory", expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: bad },
    ]);
  }
});

test("requests must not exceed limits", () => {
  assertProblems(() => container("c").image("a").requests({ cpu: "1500m", memory: "1Gi" }).limits({ cpu: "1", memory: "1024Mi" }).build(), [
    { path: "resources.requests.cpu", expected: 'a quantity <= the limit "1"', received: "1500m" },
  ]);
  assert.ok(container("c").image("a").requests({ cpu: "1", memory: "1Gi" }).limits({ cpu: "1000m", memory: "1073741824" }).build());
});

test("unknown resource names are rejected", () => {
  assertProblems(() => container("c").image("a").requests({ gpu: "1" } as any).build(), [
    { path: "resources.requests", expected: 'resource names cpu, memory, ephemeralStorage, "hugepages-<size>" or a prefixed extended resource such as "nvidia.com/gpu"', received: "gpu" },
  ]);
});

test("ports: numbers and IANA names; a port listed twice is no problem, as on the API server", () => {
  const error = validationError(() =>
    container("c").image("a").port("http", 0).port("a-very-long-port-name", 8080).port("8080", 70000).port(8080).port("UPPER", 1.5).build());
  assert.equal(error.problems.map((p) => [p.path, p.received]), [
    ["ports[0].containerPort", 0],
    ["ports[1].name", "a-very-long-port-name"],
    ["ports[2].name", "8080"],
    ["ports[2].containerPort", 70000],
    ["ports[4].name", "UPPER"],
    ["ports[4].containerPort", 1.5],
  ]);
  // hostPort 0 is no host port, and "" no name or the default protocol
  assert.ok(container("c").image("a").port(80, { hostPort: 0, protocol: "" as any }).port("", 81).build());
});

test("port names are unique within a container; two containers may name a port alike, as the API server allows", async () => {
  const { job } = await import("../../lib/index.js");
  assertProblems(() => job("x").container((c) => c.image("a").port("http", 80).port("http", 81)).build(), [
    { path: "spec.template.spec.containers[0].ports[1].name", expected: "a port name no other port of this container has", received: "http" },
  ]);
  assert.ok(job("x").container((c) => c.image("a").port("http", 80)).container("b", (c) => c.image("b").port("http", 81)).build());
});

test("env names and values", () => {
  // Kubernetes accepts any printable ASCII but "=" since 1.32 (GA in 1.34).
  assert.ok(container("c").image("a").env({ "my.var-1": "x", _X: "", "1ABC": "x", "A B": "y" }).build());
  const error = validationError(() => container("c").image("a").env({ "A=B": "x", "": "y", "ÜBER": "z", C: 3 as any }).build());
  assert.equal(error.problems.map((p) => [p.path, p.received]), [
    ["env[0].name", "A=B"],
    ["env[1].name", ""],
    ["env[2].name", "ÜBER"],
    ["env[3].value", 3],
  ]);
});

test("images must not be empty; untyped values are named; an empty command, args or pull policy is Kubernetes' default", () => {
  const error = validationError(() => (container("c").image("") as any).command().imagePullPolicy("Sometimes").build());
  assert.equal(error.message, [
    'Container "c" is invalid:',
    "  image: expected a non-empty string, received \"\"",
    '  imagePullPolicy: expected one of "Always", "IfNotPresent", "Never", or "" for Kubernetes\' default, received "Sometimes"',
  ].join("\n"));
  assert.equal(container("c").image("a").command().args().imagePullPolicy("" as any).workingDir("").build(), { name: "c", image: "a", imagePullPolicy: "", command: [], args: [], workingDir: "" });
  assertProblems(() => (container("c") as any).build(), [{ path: "image", expected: "a non-empty string", received: undefined }]);
});

test("a native sidecar: restartPolicy Always on an init container, which may then have probes and hooks", () => {
  const proxy = container("proxy").image("envoy:1").restartPolicy("Always").port("admin", 9901)
    .readinessProbe(httpGet("/ready", "admin"))
    .livenessProbe(tcpSocket("admin"))
    .startupProbe(exec("true"))
    .preStopCommand("sleep", "5");
  const built = deployment("web").image("web:1")
    .initContainer(proxy)
    .initContainer("migrate", (c) => c.image("web:1").command("./migrate"))
    .build();
  assertSchemaValid(built);
  assert.equal(built.spec.template.spec!.initContainers, [
    {
      name: "proxy",
      image: "envoy:1",
      ports: [{ name: "admin", containerPort: 9901 }],
      livenessProbe: { tcpSocket: { port: "admin" } },
      readinessProbe: { httpGet: { path: "/ready", port: "admin" } },
      startupProbe: { exec: { command: ["true"] } },
      lifecycle: { preStop: { exec: { command: ["sleep", "5"] } } },
      restartPolicy: "Always",
    },
    { name: "migrate", image: "web:1", command: ["./migrate"] },
  ]);
});

test("run time: only init containers can be sidecars; plain init containers have no probes or hooks", () => {
  const sidecar = container("proxy").image("envoy:1").restartPolicy("Always");
  assertProblems(() => (job("x").image("a") as any).container(sidecar).build(), [
    { path: "spec.template.spec.containers[1].restartPolicy", expected: "nothing: only init containers can be sidecars", received: "Always" },
  ]);
  const NOT_ON_INIT = 'nothing on an init container, unless it is a sidecar (restartPolicy("Always"))';
  const hooked = container("init").image("busybox")
    .livenessCommand("true")
    .readinessProbe(exec("true"))
    .startupProbe(exec("true"))
    .postStartCommand("true");
  assertProblems(() => job("x").image("a").initContainer(hooked as any).build(), [
    { path: "spec.template.spec.initContainers[0].livenessProbe", expected: NOT_ON_INIT, received: { exec: { command: ["true"] }, initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 3 } },
    { path: "spec.template.spec.initContainers[0].readinessProbe", expected: NOT_ON_INIT, received: { exec: { command: ["true"] } } },
    { path: "spec.template.spec.initContainers[0].startupProbe", expected: NOT_ON_INIT, received: { exec: { command: ["true"] } } },
    { path: "spec.template.spec.initContainers[0].lifecycle", expected: NOT_ON_INIT, received: { postStart: { exec: { command: ["true"] } } } },
  ]);
  assertProblems(() => job("x").image("a").initContainer("init", (c) => c.image("b").preStop(sleep(1)) as any).build(), [
    { path: "spec.template.spec.initContainers[0].lifecycle", expected: NOT_ON_INIT, received: { preStop: { sleep: { seconds: 1 } } } },
  ]);
  assertProblems(() => job("x").image("a").initContainer(container("init").image("b").restartPolicy("Never" as any)).build(), [
    { path: "spec.template.spec.initContainers[0].restartPolicy", expected: 'one of "Always"', received: "Never" },
  ]);
});

test("a container securityContext: container fields only, valid ids", () => {
  const context = { runAsNonRoot: true, runAsUser: 1000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
  assert.equal(container("c").image("a").securityContext(context).build().securityContext, context);
  assertProblems(() => container("c").image("a").securityContext({ fsGroup: 2000, runAsGroup: -5 } as any).build(), [
    {
      path: "securityContext",
      expected: "a field of a container securityContext (allowPrivilegeEscalation, appArmorProfile, capabilities, privileged, procMount, readOnlyRootFilesystem, runAsGroup, runAsNonRoot, runAsUser, seLinuxOptions, seccompProfile, windowsOptions)",
      received: "fsGroup",
    },
    { path: "securityContext.runAsGroup", expected: "an integer from 0 to 2147483647", received: -5 },
  ]);
  assertProblems(() => container("c").image("a").securityContext({ privileged: true, allowPrivilegeEscalation: false }).build(), [
    { path: "securityContext.allowPrivilegeEscalation", expected: "true or nothing when privileged is true", received: false },
  ]);
});


test("resources: names as the API server checks them, written as given even when wrong", () => {
  const error = validationError(() => container("c").image("a").limits({ gpu: "1", "requests.example.com/x": "1", "Example.com/gpu": "1" } as any).build());
  assert.equal(error.problems.map((p) => [p.path, p.received]), [["resources.limits", "gpu"], ["resources.limits", "requests.example.com/x"], ["resources.limits", "Example.com/gpu"]]);
  assert.ok(container("c").image("a").limits({ "kubernetes.io/batteries": "1", "example.com/a_b": "1" } as any).build());
});

test("resources: extended resources and huge pages are whole units, never overcommitted, and huge pages come with cpu or memory", () => {
  const c = container("c").image("a");
  assertProblems(() => c.requests({ "example.com/gpu": "1" }).build(), [
    { path: "resources.limits.example.com/gpu", expected: 'a limit equal to the request "1": example.com/gpu can\'t be overcommitted', received: undefined },
  ]);
  assertProblems(() => c.requests({ "example.com/gpu": "1" }).limits({ "example.com/gpu": "2" }).build(), [
    { path: "resources.requests.example.com/gpu", expected: 'the limit "2": example.com/gpu can\'t be overcommitted', received: "1" },
  ]);
  assertProblems(() => c.limits({ "example.com/gpu": "500m" }).build(), [
    { path: "resources.limits.example.com/gpu", expected: "a whole number: example.com/gpu is counted in units", received: "500m" },
  ]);
  assertProblems(() => c.limits({ "hugepages-2Mi": "1Mi" }).build(), [
    { path: "resources.limits.hugepages-2Mi", expected: "a whole number of hugepages-2Mi pages", received: "1Mi" },
    { path: "resources.limits", expected: "a cpu or memory request or limit beside huge pages", received: ["hugepages-2Mi"] },
  ]);
  assert.ok(c.requests({ "example.com/gpu": "1k", memory: "1Gi" }).limits({ "example.com/gpu": "1000", "hugepages-2Mi": "4Mi" }).build());
});

test("resources: cpu requests and limits compare in whole millicores, rounded up, as the API server compares them", () => {
  assert.ok(container("c").image("a").requests({ cpu: "2m" }).limits({ cpu: "1999u" as "1" }).build());
  assertProblems(() => container("c").image("a").requests({ cpu: "1001u" as "1" }).limits({ cpu: "1m" }).build(), [
    { path: "resources.requests.cpu", expected: 'a quantity <= the limit "1m"', received: "1001u" },
  ]);
  assertProblems(() => container("c").image("a").requests({ memory: "1500m" }).limits({ memory: "1" }).build(), [
    { path: "resources.requests.memory", expected: 'a quantity <= the limit "1"', received: "1500m" },
  ]);
});

test("securityContext.procMount is Default or Unmasked", () => {
  assert.ok(container("c").image("a").securityContext({ procMount: "Unmasked" }).build());
  assertProblems(() => container("c").image("a").securityContext({ procMount: "foo" }).build(), [
    { path: "securityContext.procMount", expected: 'one of "Default", "Unmasked"', received: "foo" },
  ]);
});

test("lifecycle.stopSignal: set beside the hooks; the pod names its OS, which decides the signals it takes", () => {
  const base = container("app").image("app:1").preStopCommand("drain");
  const stopping = base.stopSignal("SIGQUIT");
  assert.equal(base.build(), { name: "app", image: "app:1", lifecycle: { preStop: { exec: { command: ["drain"] } } } });
  assert.equal(stopping.build(), { name: "app", image: "app:1", lifecycle: { preStop: { exec: { command: ["drain"] } }, stopSignal: "SIGQUIT" } });
  const built = deployment("web").os("linux")
    .container((c) => c.image("web:1").stopSignal("SIGRTMIN+3"))
    .initContainer(container("proxy").image("envoy:1").restartPolicy("Always").stopSignal("SIGUSR1"))
    .build();
  assertSchemaValid(built);
  assert.equal(built.spec.template.spec, {
    initContainers: [{ name: "proxy", image: "envoy:1", lifecycle: { stopSignal: "SIGUSR1" }, restartPolicy: "Always" }],
    containers: [{ name: "web", image: "web:1", lifecycle: { stopSignal: "SIGRTMIN+3" } }],
    os: { name: "linux" },
  });
  const windows = deployment("win").os("windows").container((c) => c.image("win:1").stopSignal("SIGKILL")).build();
  assert.equal(windows.spec.template.spec, { containers: [{ name: "win", image: "win:1", lifecycle: { stopSignal: "SIGKILL" } }], os: { name: "windows" } });
});

test("run time: a stop signal the API server would reject, and one without the pod's OS, are errors naming the field", () => {
  const SIGNAL = 'a signal name the API server accepts, e.g. "SIGTERM", "SIGQUIT", "SIGUSR1" or "SIGRTMIN+3" (the type StopSignal lists them all)';
  assertProblems(() => container("app").image("a").stopSignal("SIGBOGUS" as never).build(), [{ path: "lifecycle.stopSignal", expected: SIGNAL, received: "SIGBOGUS" }]);
  assertProblems(() => container("app").image("a").stopSignal("" as never).build(), [{ path: "lifecycle.stopSignal", expected: SIGNAL, received: "" }]);
  assertProblems(() => container("app").image("a").stopSignal("sigterm" as never).build(), [{ path: "lifecycle.stopSignal", expected: SIGNAL, received: "sigterm" }]);
  assertProblems(() => deployment("web").container((c) => c.image("a").stopSignal("SIGTERM")).build(), [{
    path: "spec.template.spec.containers[0].lifecycle.stopSignal",
    expected: 'a pod that names its OS: call .os("linux") or .os("windows") on the workload (Kubernetes requires spec.os.name with a stop signal)',
    received: "SIGTERM",
  }]);
  assertProblems(() => deployment("win").os("windows").image("a").initContainer(container("proxy").image("b").restartPolicy("Always").stopSignal("SIGUSR1")).build(), [{
    path: "spec.template.spec.initContainers[0].lifecycle.stopSignal", expected: '"SIGKILL" or "SIGTERM": a Windows pod has no other stop signal', received: "SIGUSR1",
  }]);
  assertProblems(() => job("x").os("linux").image("a").initContainer(container("init").image("b").stopSignal("SIGTERM") as never).build(), [{
    path: "spec.template.spec.initContainers[0].lifecycle", expected: 'nothing on an init container, unless it is a sidecar (restartPolicy("Always"))', received: { stopSignal: "SIGTERM" },
  }]);
  assertProblems(() => deployment("web").os("mac" as never).image("a").build(), [{ path: "spec.template.spec.os.name", expected: 'one of "linux", "windows"', received: "mac" }]);
});

test.run();
