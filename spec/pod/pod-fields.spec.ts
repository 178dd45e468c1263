import { test } from "uvu";
import * as assert from "uvu/assert";
import { container, cronJob, daemonSet, deployment, job, pod, priorityClass, statefulSet } from "../../lib/index.js";
import { assertProblems } from "../helpers.js";
import { assertSchemaValid } from "../schema.js";

test("every pod field method sets its field of the pod spec", () => {
  const built = deployment("web").image("nginx")
    .priorityClassName(priorityClass("high", 1000))
    .topologySpreadConstraints({
      maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", minDomains: 2,
      labelSelector: { matchLabels: { "app.kubernetes.io/name": "web" } }, matchLabelKeys: ["pod-template-hash"], nodeTaintsPolicy: "Honor",
    })
    .topologySpreadConstraints({ maxSkew: 2, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" })
    .dnsPolicy("None")
    .dnsConfig({ nameservers: ["1.1.1.1", "fd00::1"], searches: ["svc.cluster.local"], options: [{ name: "ndots", value: "2" }, { name: "edns0" }] })
    .hostAliases({ ip: "10.0.0.5", hostnames: ["db.local"] })
    .hostNetwork()
    .hostIPC()
    .runtimeClassName("gvisor")
    .shareProcessNamespace()
    .enableServiceLinks(false)
    .readinessGates("example.com/lb-ready")
    .build();
  assert.equal(built.spec.template.spec, {
    containers: [{ name: "web", image: "nginx" }],
    priorityClassName: "high",
    topologySpreadConstraints: [
      {
        maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: { "app.kubernetes.io/name": "web" } }, minDomains: 2, matchLabelKeys: ["pod-template-hash"], nodeTaintsPolicy: "Honor",
      },
      { maxSkew: 2, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" },
    ],
    dnsPolicy: "None",
    dnsConfig: { nameservers: ["1.1.1.1", "fd00::1"], searches: ["svc.cluster.local"], options: [{ name: "ndots", value: "2" }, { name: "edns0" }] },
    hostAliases: [{ ip: "10.0.0.5", hostnames: ["db.local"] }],
    hostNetwork: true,
    hostIPC: true,
    shareProcessNamespace: true,
    enableServiceLinks: false,
    runtimeClassName: "gvisor",
    readinessGates: [{ conditionType: "example.com/lb-ready" }],
  });
  assertSchemaValid(built);
});

test("pod fields on a Job and a Pod, at their own paths; immutability", () => {
  const base = job("j").image("x");
  assert.equal(base.hostPID().build().spec.template.spec!.hostPID, true);
  assert.equal(base.build().spec.template.spec!.hostPID, undefined);
  assert.equal(pod("p").image("x").priorityClassName("low").build().spec.priorityClassName, "low");
});

test("run time: the pod fields as the API server checks them", () => {
  assertProblems(() => pod("p").image("x")
    .topologySpreadConstraints({ maxSkew: 0, topologyKey: "", whenUnsatisfiable: "ScheduleAnyway", minDomains: 1 })
    .dnsPolicy("None")
    .dnsConfig({ nameservers: [], searches: ["Bad_Domain"] })
    .hostAliases({ ip: "10.0.0.256", hostnames: ["ok.local"] })
    .hostPID()
    .shareProcessNamespace()
    .runtimeClassName("Bad_Class")
    .readinessGates("not a condition")
    .build(), [
    { path: "spec.topologySpreadConstraints[0].maxSkew", expected: "an integer >= 1", received: 0 },
    { path: "spec.topologySpreadConstraints[0].topologyKey", expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "" },
    { path: "spec.topologySpreadConstraints[0].minDomains", expected: 'nothing unless whenUnsatisfiable is "DoNotSchedule"', received: 1 },
    { path: "spec.dnsConfig.nameservers", expected: 'at least one name server when dnsPolicy is "None"', received: [] },
    { path: "spec.dnsConfig.searches[0]", expected: 'a search domain (at most 253 lowercase letters, digits, "-", "_" or ".", each dot-separated part starting and ending with a letter or digit, or starting with "_"; a final "." allowed)', received: "Bad_Domain" },
    { path: "spec.hostAliases[0].ip", expected: 'an IP address such as "10.1.2.3" or "fd00::1" (not IPv4-mapped IPv6)', received: "10.0.0.256" },
    { path: "spec.shareProcessNamespace", expected: "false or nothing when hostPID is true (they can't both be)", received: true },
    { path: "spec.runtimeClassName", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Bad_Class" },
    { path: "spec.readinessGates[0].conditionType", expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "not a condition" },
  ]);
});

test("container fields: stdin, tty, terminationMessagePolicy, resizePolicy (a resource given again replaces its entry)", () => {
  const base = container("shell").image("busybox:1.36");
  const built = base.stdin(true, { once: true }).tty().terminationMessagePolicy("FallbackToLogsOnError")
    .resizePolicy("cpu", "RestartContainer").resizePolicy("memory", "RestartContainer").resizePolicy("cpu", "NotRequired").build();
  assert.equal(built, {
    name: "shell",
    image: "busybox:1.36",
    stdin: true,
    stdinOnce: true,
    tty: true,
    terminationMessagePolicy: "FallbackToLogsOnError",
    resizePolicy: [{ resourceName: "memory", restartPolicy: "RestartContainer" }, { resourceName: "cpu", restartPolicy: "NotRequired" }],
  });
  assert.equal(base.build(), { name: "shell", image: "busybox:1.36" });
  assertSchemaValid(pod("p").container(base.tty().stdin()).build());
  assertProblems(() => pod("p").container(base.terminationMessagePolicy("Always" as any).resizePolicy("gpu" as any, "Never" as any)).build(), [
    { path: "spec.containers[0].terminationMessagePolicy", expected: 'one of "File", "FallbackToLogsOnError", or "" for Kubernetes\' default', received: "Always" },
    { path: "spec.containers[0].resizePolicy[0].resourceName", expected: 'one of "cpu", "memory"', received: "gpu" },
    { path: "spec.containers[0].resizePolicy[0].restartPolicy", expected: 'one of "NotRequired", "RestartContainer"', received: "Never" },
  ]);
});


test("run time: as the API server checks them: one constraint per topology key and policy, search domains with '_', no IPv4-mapped IPv6", () => {
  const spread = { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" } as const;
  assertProblems(() => deployment("d").image("a").topologySpreadConstraints(spread, { ...spread, maxSkew: 2 }, { ...spread, whenUnsatisfiable: "ScheduleAnyway" }).build(), [
    { path: "spec.template.spec.topologySpreadConstraints[1]", expected: "a topologyKey and whenUnsatisfiable pair no other constraint has", received: { topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" } },
  ]);
  assert.equal(deployment("d").image("a").dnsConfig({ searches: ["_srv.example.com", "a_b.example.com."] }).build().spec.template.spec!.dnsConfig, { searches: ["_srv.example.com", "a_b.example.com."] });
  assertProblems(() => deployment("d").image("a").hostAliases({ ip: "::ffff:10.0.0.1", hostnames: ["x"] }).build(), [
    { path: "spec.template.spec.hostAliases[0].ip", expected: 'an IP address such as "10.1.2.3" or "fd00::1" (not IPv4-mapped IPv6)', received: "::ffff:10.0.0.1" },
  ]);
});

test("os: build() checks the pod's fields against its OS, as the API server does", () => {
  const WINDOWS = "nothing on a Windows pod (os.name: windows): a Linux-only field";
  const LINUX = "nothing on a Linux pod (os.name: linux): Windows options";
  const linuxOnly = {
    appArmorProfile: { type: "RuntimeDefault" }, seLinuxOptions: {}, seccompProfile: { type: "RuntimeDefault" }, runAsUser: 1, runAsGroup: 1,
  } as const;
  const windowsOptions = { runAsUserName: "ContainerUser" };
  // each OS takes its own fields, and an empty sysctls list on Windows
  const windows = deployment("win").os("windows").securityContext({ runAsNonRoot: true, windowsOptions, sysctls: [] })
    .container((c) => c.image("win:1").securityContext({ windowsOptions, runAsNonRoot: true }))
    .build();
  assertSchemaValid(windows);
  assert.equal(windows.spec.template.spec, {
    containers: [{ name: "win", image: "win:1", securityContext: { windowsOptions, runAsNonRoot: true } }],
    securityContext: { runAsNonRoot: true, windowsOptions, sysctls: [] },
    os: { name: "windows" },
  });
  const linux = deployment("web").os("linux").shareProcessNamespace().securityContext({ ...linuxOnly, fsGroup: 1 })
    .container((c) => c.image("web:1").securityContext({ ...linuxOnly, capabilities: { drop: ["ALL"] } })).build();
  assert.equal(linux.spec.template.spec!.os, { name: "linux" });
  assertProblems(() => deployment("win").os("windows").shareProcessNamespace(false)
    .securityContext({ ...linuxOnly, fsGroup: 1, fsGroupChangePolicy: "Always", supplementalGroups: [], supplementalGroupsPolicy: "Merge", seLinuxChangePolicy: "Recursive", sysctls: [{ name: "a", value: "1" }] })
    .image("win:1")
    .initContainer(container("init").image("b").securityContext({ capabilities: {}, readOnlyRootFilesystem: false, privileged: false, allowPrivilegeEscalation: false, procMount: "Default" }))
    .build(), [
    { path: "spec.template.spec.shareProcessNamespace", expected: WINDOWS, received: false },
    { path: "spec.template.spec.securityContext.appArmorProfile", expected: WINDOWS, received: { type: "RuntimeDefault" } },
    { path: "spec.template.spec.securityContext.seLinuxOptions", expected: WINDOWS, received: {} },
    { path: "spec.template.spec.securityContext.seccompProfile", expected: WINDOWS, received: { type: "RuntimeDefault" } },
    { path: "spec.template.spec.securityContext.fsGroup", expected: WINDOWS, received: 1 },
    { path: "spec.template.spec.securityContext.fsGroupChangePolicy", expected: WINDOWS, received: "Always" },
    { path: "spec.template.spec.securityContext.runAsUser", expected: WINDOWS, received: 1 },
    { path: "spec.template.spec.securityContext.runAsGroup", expected: WINDOWS, received: 1 },
    { path: "spec.template.spec.securityContext.supplementalGroups", expected: WINDOWS, received: [] },
    { path: "spec.template.spec.securityContext.supplementalGroupsPolicy", expected: WINDOWS, received: "Merge" },
    { path: "spec.template.spec.securityContext.seLinuxChangePolicy", expected: WINDOWS, received: "Recursive" },
    { path: "spec.template.spec.securityContext.sysctls", expected: WINDOWS, received: [{ name: "a", value: "1" }] },
    { path: "spec.template.spec.initContainers[0].securityContext.capabilities", expected: WINDOWS, received: {} },
    { path: "spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem", expected: WINDOWS, received: false },
    { path: "spec.template.spec.initContainers[0].securityContext.privileged", expected: WINDOWS, received: false },
    { path: "spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation", expected: WINDOWS, received: false },
    { path: "spec.template.spec.initContainers[0].securityContext.procMount", expected: WINDOWS, received: "Default" },
  ]);
  assertProblems(() => pod("p").os("linux").securityContext({ windowsOptions }).container((c) => c.image("a").securityContext({ windowsOptions })).build(), [
    { path: "spec.securityContext.windowsOptions", expected: LINUX, received: windowsOptions },
    { path: "spec.containers[0].securityContext.windowsOptions", expected: LINUX, received: windowsOptions },
  ]);
});

test("schedulingGates, hostname, subdomain, setHostnameAsFQDN, hostUsers: on every workload, at its pod spec", () => {
  const base = deployment("web").image("nginx");
  const built = base.schedulingGates("example.com/quota").schedulingGates("example.com/foo", "bar")
    .hostname("web-0").subdomain("web").setHostnameAsFQDN().hostUsers(false).build();
  assert.equal(built.spec.template.spec, {
    containers: [{ name: "web", image: "nginx" }],
    setHostnameAsFQDN: true,
    hostUsers: false,
    hostname: "web-0",
    subdomain: "web",
    schedulingGates: [{ name: "example.com/quota" }, { name: "example.com/foo" }, { name: "bar" }],
  });
  assertSchemaValid(built);
  assert.equal(base.build().spec.template.spec, { containers: [{ name: "web", image: "nginx" }] });
  const gated = { schedulingGates: [{ name: "example.com/quota" }], hostname: "h" };
  assert.equal(pod("p").image("x").schedulingGates("example.com/quota").hostname("h").build().spec, { containers: [{ name: "p", image: "x" }], ...gated });
  const podSpecs = [
    job("j").image("x").schedulingGates("example.com/quota").hostname("h").build().spec.template.spec,
    cronJob("c", "0 * * * *").image("x").schedulingGates("example.com/quota").hostname("h").build().spec.jobTemplate.spec!.template.spec,
    statefulSet("s").image("x").schedulingGates("example.com/quota").hostname("h").build().spec.template.spec,
    daemonSet("d").image("x").schedulingGates("example.com/quota").hostname("h").build().spec.template.spec,
  ];
  for (const podSpec of podSpecs) assert.equal(podSpec, { ...podSpec, ...gated });
  assert.equal(pod("p").image("x").hostUsers(true).hostNetwork().build().spec.hostUsers, true);
  // "" is unset to the API server: Kubernetes' default host name, no subdomain
  assert.equal(pod("p").image("x").hostname("").subdomain("").build().spec, { containers: [{ name: "p", image: "x" }], hostname: "", subdomain: "" });
});

test("run time: scheduling gates are qualified names, each once; hostname and subdomain are DNS labels; hostUsers false shares no host namespace", () => {
  assertProblems(() => pod("p").image("x")
    .schedulingGates("example.com/foo", "Bad Name", "example.com/foo", "")
    .hostname("Web_0")
    .subdomain("a.b")
    .setHostnameAsFQDN("yes" as any)
    .hostUsers(false).hostNetwork().hostPID().hostIPC()
    .build(), [
    { path: "spec.setHostnameAsFQDN", expected: "true or false", received: "yes" },
    { path: "spec.hostNetwork", expected: "false or nothing when hostUsers is false (a pod in its own user namespace uses none of the node's namespaces)", received: true },
    { path: "spec.hostPID", expected: "false or nothing when hostUsers is false (a pod in its own user namespace uses none of the node's namespaces)", received: true },
    { path: "spec.hostIPC", expected: "false or nothing when hostUsers is false (a pod in its own user namespace uses none of the node's namespaces)", received: true },
    { path: "spec.hostname", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit), or "" for Kubernetes\' default', received: "Web_0" },
    { path: "spec.subdomain", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit), or "" for Kubernetes\' default', received: "a.b" },
    { path: "spec.schedulingGates[1].name", expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "Bad Name" },
    { path: "spec.schedulingGates[2].name", expected: "a name no other scheduling gate of the pod has", received: "example.com/foo" },
    { path: "spec.schedulingGates[3].name", expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain', received: "" },
  ]);
});


test("pod-level resources: requests and limits merged key by key, on every workload's pod spec", () => {
  const base = deployment("web").image("nginx");
  const built = base.resources({ requests: { cpu: "1" } }).resources({ requests: { memory: "100Mi" }, limits: { cpu: "1", memory: "200Mi", "hugepages-2Mi": "4Mi" } })
    .resources({ requests: { cpu: "500m" } }).build();
  assert.equal(built.spec.template.spec, {
    containers: [{ name: "web", image: "nginx" }],
    resources: { limits: { cpu: "1", memory: "200Mi", "hugepages-2Mi": "4Mi" }, requests: { cpu: "500m", memory: "100Mi" } },
  });
  assertSchemaValid(built);
  assert.equal(base.build().spec.template.spec, { containers: [{ name: "web", image: "nginx" }] });
  const resources = { limits: { cpu: "2" } };
  assert.equal(job("j").image("x").resources({ limits: { cpu: "2" } }).build().spec.template.spec!.resources, resources);
  assert.equal(cronJob("c", "0 * * * *").image("x").resources({ limits: { cpu: "2" } }).build().spec.jobTemplate.spec!.template.spec!.resources, resources);
  assert.equal(statefulSet("s").image("x").resources({ limits: { cpu: "2" } }).build().spec.template.spec!.resources, resources);
  assert.equal(daemonSet("d").image("x").resources({ limits: { cpu: "2" } }).build().spec.template.spec!.resources, resources);
  assert.equal(pod("p").image("x").resources({ limits: { cpu: "2" } }).build().spec.resources, resources);
  // the containers' aggregate request: the container and the sidecar, 1 + 1, more than the init container's 1500m (run
  // before the sidecar starts); after it, the init container would count 1500m + 1
  const sidecar = container("log").image("x").requests({ cpu: "1" }).restartPolicy("Always");
  const init = container("init").image("x").requests({ cpu: "1500m" });
  const main = pod("p").container((c) => c.image("x").requests({ cpu: "1" }).limits({ cpu: "2" }));
  assert.equal(main.initContainer(init).initContainer(sidecar).resources({ requests: { cpu: "2" }, limits: { cpu: "2" } }).build().spec.resources, { limits: { cpu: "2" }, requests: { cpu: "2" } });
  assertProblems(() => main.initContainer(sidecar).initContainer(init).resources({ requests: { cpu: "2" } }).build(), [
    { path: "spec.resources.requests.cpu", expected: "a quantity >= the containers' aggregate request (2500m cpu)", received: "2" },
  ]);
});

test("run time: pod-level resources as the API server checks them", () => {
  assertProblems(() => pod("p").image("x").resources({ requests: { cpu: "2", ephemeralStorage: "1Gi" } as any, limits: { cpu: "1", "example.com/gpu": "1" } as any, claims: [] } as any).build(), [
    { path: "spec.resources", expected: "a field of a pod's resources (requests, limits)", received: "claims" },
    { path: "spec.resources.requests", expected: 'resource names cpu, memory or "hugepages-<size>": a pod-level request or limit names no other', received: "ephemeralStorage" },
    { path: "spec.resources.limits", expected: 'resource names cpu, memory or "hugepages-<size>": a pod-level request or limit names no other', received: "example.com/gpu" },
    { path: "spec.resources.requests.cpu", expected: 'a quantity <= the limit "1"', received: "2" },
  ]);
  assertProblems(() => pod("p").image("x").resources({ requests: { cpu: "-1" } }).build(), [
    { path: "spec.resources.requests.cpu", expected: 'a quantity such as "100m", "0.5", "250Mi" or "1Gi"', received: "-1" },
  ]);
  assertProblems(() => pod("p").image("x").resources({ limits: { "hugepages-2Mi": "2Mi" } }).build(), [
    { path: "spec.resources.limits", expected: "a cpu or memory request or limit beside huge pages", received: ["hugepages-2Mi"] },
  ]);
  const two = pod("p").container((c) => c.image("x").requests({ cpu: "1" })).container("b", (c) => c.image("x").requests({ cpu: "1" }).limits({ cpu: "3" }));
  assertProblems(() => two.resources({ requests: { cpu: "1500m" } }).build(), [
    { path: "spec.resources.requests.cpu", expected: "a quantity >= the containers' aggregate request (2000m cpu)", received: "1500m" },
  ]);
  assertProblems(() => two.resources({ limits: { cpu: "1500m" } }).build(), [
    { path: "spec.resources.limits.cpu", expected: "a quantity >= the containers' aggregate request (2000m cpu)", received: "1500m" },
    { path: "spec.containers[1].resources.limits.cpu", expected: 'a quantity <= the pod\'s limit "1500m"', received: "3" },
  ]);
  assertProblems(() => pod("p").image("x").initContainer("init", (c) => c.image("x").requests({ memory: "2Gi" })).resources({ requests: { memory: "1Gi" } }).build(), [
    { path: "spec.resources.requests.memory", expected: "a quantity >= the containers' aggregate request (2147483648 bytes)", received: "1Gi" },
  ]);
  assertProblems(() => pod("p").image("x").os("windows").hostUsers(true).build(), [
    { path: "spec.hostUsers", expected: "nothing on a Windows pod (os.name: windows): a Linux-only field", received: true },
  ]);
  assertProblems(() => pod("p").image("x").os("windows").resources({ limits: { cpu: "1" } }).build(), [
    { path: "spec.resources", expected: "nothing on a Windows pod (os.name: windows): pod-level resources are Linux-only", received: { limits: { cpu: "1" } } },
  ]);
});

test.run();
