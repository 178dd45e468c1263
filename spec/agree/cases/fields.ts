// Pod, container and Service fields beyond the basics: spreading, DNS, host aliases and namespaces, runtime classes,
// readiness and scheduling gates, host names and user namespaces, the pod's OS and the fields it forbids, stdin/tty, termination messages, resize policies, lifecycle hooks; Service affinity, traffic
// policies, load balancer ranges and classes, IP families, external IPs.
import { cronJob, daemonSet, deployment, exec, httpGet, job, pod, service, sleep, statefulSet } from "../../../lib/index.js";
import type { CompleteContainer, ContainerBuilder, DnsConfig, HostAlias, PodResourceRequirements, Quantity, Resources, TopologySpreadConstraint } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { label, subdomain } from "./values.js";
import { IMAGE } from "./values.js";

const web = () => deployment("d").image(IMAGE);
const app = (configure: (c: ContainerBuilder<true, "container">) => CompleteContainer) => deployment("d").container((c) => configure(untyped(c.image(IMAGE))));
const spread = (c: object): TopologySpreadConstraint => ({ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", ...c } as TopologySpreadConstraint);
const lb = () => service("s").type("LoadBalancer").port(80);

const SPREADS: object[] = [
  {}, { maxSkew: 0 }, { maxSkew: -1 }, { topologyKey: "" }, { topologyKey: "a b" }, { whenUnsatisfiable: "ScheduleAnyway" }, { whenUnsatisfiable: "Never" },
  { labelSelector: { matchLabels: { "app.kubernetes.io/name": "d" } } }, { minDomains: 1 }, { minDomains: 0 }, { minDomains: 2, whenUnsatisfiable: "ScheduleAnyway" },
  { matchLabelKeys: ["pod-template-hash"], labelSelector: { matchLabels: { app: "x" } } }, { matchLabelKeys: ["a b"] }, { nodeAffinityPolicy: "Honor", nodeTaintsPolicy: "Ignore" },
  { nodeAffinityPolicy: "honor" },
];
// one field each, on a pod that names its OS: Windows takes no Linux-only field, Linux no windowsOptions
const WINDOWS_OPTIONS = { windowsOptions: { runAsUserName: "ContainerUser" } };
const POD_SECURITY: object[] = [
  { runAsNonRoot: true }, WINDOWS_OPTIONS, { appArmorProfile: { type: "RuntimeDefault" } }, { seLinuxOptions: {} }, { seccompProfile: { type: "RuntimeDefault" } },
  { fsGroup: 1 }, { fsGroupChangePolicy: "Always" }, { runAsUser: 0 }, { runAsGroup: 1 }, { supplementalGroups: [] }, { supplementalGroups: [1] },
  { supplementalGroupsPolicy: "Merge" }, { seLinuxChangePolicy: "Recursive" }, { sysctls: [] }, { sysctls: [{ name: "net.core.somaxconn", value: "1" }] },
];
const CONTAINER_SECURITY: object[] = [
  { runAsNonRoot: true }, WINDOWS_OPTIONS, { appArmorProfile: { type: "RuntimeDefault" } }, { seLinuxOptions: {} }, { seccompProfile: { type: "RuntimeDefault" } },
  { capabilities: {} }, { readOnlyRootFilesystem: false }, { privileged: false }, { allowPrivilegeEscalation: false }, { procMount: "Default" },
  { runAsUser: 1 }, { runAsGroup: 1 },
];
const DNS_CONFIGS: DnsConfig[] = [
  { nameservers: ["1.1.1.1"] }, { nameservers: ["1.1.1.1", "8.8.8.8", "9.9.9.9"] }, { nameservers: ["1.1.1.1", "8.8.8.8", "9.9.9.9", "1.0.0.1"] }, { nameservers: ["dns.example.com"] },
  { nameservers: ["2001:db8::1"] }, { nameservers: ["::ffff:10.0.0.1"] }, { searches: ["example.com", "svc.cluster.local."] }, { searches: ["Example.com"] }, { searches: ["a_b.com"] }, { searches: ["_x.example.com"] }, { searches: ["x_.com"] }, { searches: ["a..b"] }, { searches: ["example.com."] }, { searches: [subdomain(253)] },
  { searches: Array.from({ length: 32 }, (_, i) => `s${i}.example.com`) }, { searches: Array.from({ length: 33 }, (_, i) => `s${i}.example.com`) },
  { options: [{ name: "ndots", value: "2" }, { name: "edns0" }] }, { options: [{ name: "" }] },
];
const HOST_ALIASES: HostAlias[] = [
  { ip: "10.0.0.1", hostnames: ["db.local"] }, { ip: "2001:db8::1", hostnames: ["v6"] }, { ip: "10.0.0", hostnames: ["x"] }, { ip: "10.0.0.1", hostnames: ["DB"] },
  { ip: "10.0.0.1", hostnames: [] }, { ip: "10.0.0.1", hostnames: ["a_b"] }, { ip: "", hostnames: ["x"] }, { ip: "010.0.0.1", hostnames: ["x"] }, { ip: "::ffff:10.0.0.1", hostnames: ["x"] },
];

const POD_RESOURCES: PodResourceRequirements[] = [
  { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } }, { requests: { cpu: "2" }, limits: { cpu: "1" } }, { requests: { memory: "2Gi" }, limits: { memory: "1Gi" } },
  { requests: { cpu: "1500m" }, limits: { cpu: "1501m" } }, { requests: { cpu: "1.0001" }, limits: { cpu: "1001m" } }, { requests: { cpu: "-1" } }, untyped({ requests: { cpu: "x" } }),
  { limits: { cpu: "1", "hugepages-2Mi": "2Mi" } }, { limits: { "hugepages-2Mi": "2Mi" } }, { requests: { memory: "1Gi", "hugepages-2Mi": "2Mi" } },
  { requests: { cpu: "1", "hugepages-2Mi": "2Mi" }, limits: { "hugepages-2Mi": "4Mi" } }, { requests: { cpu: "1", "hugepages-2Mi": "2Mi" }, limits: { "hugepages-2Mi": "2Mi" } },
  { limits: { cpu: "1", "hugepages-2Mi": "3Mi" } }, { limits: { cpu: "1", "hugepages-": "2Mi" } }, untyped({ requests: { ephemeralStorage: "1Gi" } }), untyped({ requests: { "example.com/gpu": "1" } }),
  {}, { requests: {} },
];
const RESOURCES_AND_CONTAINERS = [
  [{ cpu: "1" }, {}, { requests: { cpu: "2" } }], [{ cpu: "1" }, {}, { requests: { cpu: "1500m" } }], [{ cpu: "1" }, {}, { limits: { cpu: "2" } }], [{ cpu: "1" }, {}, { limits: { cpu: "1500m" } }],
  [{}, { cpu: "2" }, { limits: { cpu: "3" } }], [{ cpu: "1" }, { cpu: "2" }, { limits: { cpu: "3" } }], [{ cpu: "1" }, { cpu: "2" }, { limits: { cpu: "1500m" } }], [{ memory: "1Gi" }, {}, { limits: { memory: "2Gi" } }],
  [{ memory: "1Gi" }, {}, { limits: { memory: "1Gi" } }], [{ memory: "1Gi" }, {}, { requests: { memory: "2Gi" }, limits: { memory: "3Gi" } }], [{ memory: "1Gi" }, {}, { requests: { cpu: "1" } }],
  [{ cpu: "100m" }, { cpu: "200m" }, { requests: { cpu: "200m" }, limits: { cpu: "500m" } }],
] as [Resources, Resources, PodResourceRequirements][];

export const fieldCases: Case[] = [
  ...each("pod fields", "Deployment", "topologySpreadConstraints[]", SPREADS, (c) => web().topologySpreadConstraints(spread(c))),
  ...each("pod fields", "Deployment", "topologySpreadConstraints twice (same key and policy)", [1], () => web().topologySpreadConstraints(spread({}), spread({ maxSkew: 2 }))),
  ...each("pod fields", "Deployment", "dnsPolicy", ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None", "none", ""], (p) => web().dnsPolicy(untyped(p)).dnsConfig({ nameservers: ["1.1.1.1"] })),
  ...each("pod fields", "Deployment", "dnsPolicy None without nameservers", ["None"] as const, (p) => web().dnsPolicy(p)),
  ...each("pod fields", "Deployment", "dnsConfig", DNS_CONFIGS, (c) => web().dnsConfig(c)),
  ...each("pod fields", "Deployment", "hostAliases[]", HOST_ALIASES, (a) => web().hostAliases(a)),
  ...each("pod fields", "Deployment", "priorityClassName", ["high", "High", "a.b", "a_b", subdomain(253), subdomain(254)], (n) => web().priorityClassName(n)),
  ...each("pod fields", "Deployment", "runtimeClassName", ["gvisor", "GVisor", "a.b", "a_b", ""], (n) => web().runtimeClassName(n)),
  ...each("pod fields", "Deployment", "hostNetwork/hostPID/hostIPC", [[true, false, false], [false, true, true], [true, true, true]], ([net, pid, ipc]) => web().hostNetwork(net).hostPID(pid).hostIPC(ipc)),
  ...each("pod fields", "Deployment", "shareProcessNamespace (hostPID)", [[true, false], [true, true], [false, true]], ([share, pid]) => web().shareProcessNamespace(share).hostPID(pid)),
  ...each("pod fields", "Deployment", "enableServiceLinks", [true, false, untyped("no")], (e) => web().enableServiceLinks(e)),
  ...each("pod fields", "Deployment", "readinessGates[]", ["example.com/ready", "ready", "a b", "", `${label(63)}`, `${label(64)}`], (g) => web().readinessGates(g)),
  ...each("pod fields", "Deployment", "schedulingGates[]", [["example.com/foo"], ["foo", "example.com/foo"], ["Bad Name"], [""], [label(63)], [label(64)], ["example.com/foo", "example.com/foo"]], (g) =>
    web().schedulingGates(g[0]!, ...g.slice(1))),
  ...each("pod fields", "Deployment", "hostname", ["web-0", "Web-0", "a.b", "a_b", label(63), label(64), ""], (h) => web().hostname(h)),
  ...each("pod fields", "Deployment", "subdomain", ["web", "Web", "a.b", label(63), label(64), ""], (s) => web().subdomain(s)),
  ...each("pod fields", "Deployment", "hostname/subdomain/setHostnameAsFQDN", [true, false, untyped<boolean>("yes")], (fqdn) => web().hostname("web-0").subdomain("web").setHostnameAsFQDN(fqdn)),
  ...each("pod fields", "Deployment", "setHostnameAsFQDN without hostname", [true], (fqdn) => web().setHostnameAsFQDN(fqdn)),
  ...each("pod fields", "Deployment", "hostUsers with hostNetwork/hostPID/hostIPC", [
    [false, false, false, false], [false, true, false, false], [false, false, true, false], [false, false, false, true], [true, true, true, true], [untyped("no"), false, false, false],
  ] as [boolean, boolean, boolean, boolean][], ([users, net, pid, ipc]) => web().hostUsers(users).hostNetwork(net).hostPID(pid).hostIPC(ipc)),
  ...each("pod fields", "Deployment", "resources (pod-level)", POD_RESOURCES, (r) => web().resources(r)),
  ...each("pod fields", "Deployment", "resources (pod-level) against the containers' [containers' requests, limits; pod's]", RESOURCES_AND_CONTAINERS, ([requests, limits, r]) =>
    deployment("d").container((c) => c.image(IMAGE).requests(requests).limits(limits)).container("b", (c) => c.image(IMAGE).requests(requests)).resources(r)),
  ...each("pod fields", "Deployment", "resources (pod-level) with init containers and sidecars", [
    [{ cpu: "3" }, "Never", { requests: { cpu: "2" } }], [{ cpu: "3" }, "Never", { requests: { cpu: "3" } }], [{ cpu: "1" }, "Always", { requests: { cpu: "1500m" } }],
    [{ cpu: "1" }, "Always", { requests: { cpu: "2" } }], [{ cpu: "3" }, "Never", { limits: { cpu: "2" } }],
  ] as [Resources, "Never" | "Always", PodResourceRequirements][], ([requests, restart, r]) =>
    deployment("d").image(IMAGE).container((c) => c.image(IMAGE).requests({ cpu: "1" })).initContainer("i", (c) => {
      const init = c.image(IMAGE).requests(requests);
      return restart === "Always" ? init.restartPolicy("Always") : init;
    }).resources(r)),
  ...each("pod fields", "Deployment", "resources (pod-level): an init container after or before a sidecar [after, pod's cpu request]", [[true, "2"], [true, "2500m"], [false, "2"]] as [boolean, Quantity][], ([after, cpu]) => {
    const sidecar = (c: ContainerBuilder<false, "container">) => c.image(IMAGE).requests({ cpu: "1" }).restartPolicy("Always");
    const init = (c: ContainerBuilder<false, "container">) => c.image(IMAGE).requests({ cpu: "1500m" });
    const d = deployment("d").container((c) => c.image(IMAGE).requests({ cpu: "1" }));
    return (after ? d.initContainer("s", sidecar).initContainer("i", init) : d.initContainer("i", init).initContainer("s", sidecar)).resources({ requests: { cpu } });
  }),
  ...each("pod fields", "Deployment", "resources (pod-level) on a Windows pod", [{ limits: { cpu: "1" } }] as PodResourceRequirements[], (r) => web().os("windows").resources(r)),
  ...each("pod fields", "Deployment", "hostUsers on a Windows pod", [true, false], (users) => web().os("windows").hostUsers(users)),
  ...each("pod fields", "Deployment", "schedulingGates/hostname/subdomain/setHostnameAsFQDN on a Windows pod", ["example.com/foo"], (g) =>
    web().os("windows").schedulingGates(g).hostname("w-0").subdomain("w").setHostnameAsFQDN()),
  ...each("pod fields", "Pod", "schedulingGates/hostname/hostUsers", [["example.com/foo"]], ([g]) => pod("p").image(IMAGE).schedulingGates(g!).hostname("p-0").subdomain("p").hostUsers(false)),
  ...each("pod fields", "Job", "schedulingGates/hostname/hostUsers", [["example.com/foo"]], ([g]) => job("j").image(IMAGE).schedulingGates(g!).hostname("j-0").subdomain("j").hostUsers(false)),
  ...each("pod fields", "CronJob", "schedulingGates/hostname/hostUsers", [["example.com/foo"]], ([g]) => cronJob("c", "0 * * * *").image(IMAGE).schedulingGates(g!).hostname("c-0").hostUsers(false)),
  ...each("pod fields", "StatefulSet", "schedulingGates/hostname/hostUsers", [["example.com/foo"]], ([g]) => statefulSet("s").image(IMAGE).schedulingGates(g!).subdomain("s").hostUsers(false)),
  ...each("pod fields", "DaemonSet", "schedulingGates/hostname/hostUsers", [["example.com/foo"]], ([g]) => daemonSet("ds").image(IMAGE).schedulingGates(g!).hostname("d-0").hostUsers(false)),
  ...each("containers", "Deployment", "stdin/stdinOnce/tty", [[true, true, true], [false, true, false], [true, false, false], [false, false, true]], ([stdin, once, tty]) =>
    app((c) => c.stdin(stdin, { once }).tty(tty))),
  ...each("containers", "Deployment", "terminationMessagePolicy", ["File", "FallbackToLogsOnError", "file", ""], (p) => app((c) => c.terminationMessagePolicy(untyped(p)))),
  ...each("containers", "Deployment", "resizePolicy[]", [["cpu", "NotRequired"], ["memory", "RestartContainer"], ["gpu", "NotRequired"], ["cpu", "Never"]], ([r, p]) =>
    app((c) => c.resizePolicy(untyped(r), untyped(p)))),
  ...each("probes", "Deployment", "lifecycle.preStop.httpGet", [
    httpGet("/drain", 8080, { host: "127.0.0.1", scheme: "HTTPS", httpHeaders: [{ name: "X-Drain", value: "1" }] }), httpGet("/drain", 8080, { scheme: untyped("https") }),
    httpGet("/drain", 8080, { httpHeaders: [{ name: "X Drain", value: "1" }] }), httpGet("", 8080), httpGet("/drain", 0),
  ], (h) => app((c) => c.preStop(h))),
  ...each("probes", "Deployment", "lifecycle.preStop tcpSocket (deprecated, accepted)", [8080, "http"], (port) => app((c) => c.port("http", 8080).preStop(untyped({ tcpSocket: { port } })))),
  ...each("probes", "Deployment", "lifecycle postStart+preStop", [[exec("true"), sleep(5)]] as const, ([start, stop]) => app((c) => c.postStart(start).preStop(stop))),
  ...each("services", "Service", "sessionAffinity", ["None", "ClientIP", "clientip", ""], (a) => service("s").port(80).sessionAffinity(untyped(a))),
  ...each("services", "Service", "sessionAffinityConfig.clientIP.timeoutSeconds", [1, 10800, 86400, 86401, 0, -1], (t) => service("s").port(80).sessionAffinity("ClientIP", { timeoutSeconds: t })),
  ...each("services", "Service", "sessionAffinityConfig without ClientIP", ["None"], (a) => service("s").port(80).sessionAffinity(untyped(a), { timeoutSeconds: 60 })),
  ...each("services", "Service", "externalTrafficPolicy (by type)", [["LoadBalancer", "Local"], ["NodePort", "Cluster"], ["ClusterIP", "Local"], ["LoadBalancer", "local"]], ([t, p]) =>
    service("s").type(untyped(t)).port(80).externalTrafficPolicy(untyped(p))),
  ...each("services", "Service", "internalTrafficPolicy", ["Cluster", "Local", "local"], (p) => service("s").port(80).internalTrafficPolicy(untyped(p))),
  ...each("services", "Service", "loadBalancerSourceRanges", [["10.0.0.0/8"], ["10.0.0.0/8", "2001:db8::/32"], ["10.0.0.1"], ["10.0.0.0/33"], [" 10.0.0.0/8"], ["10.0.0.1/8"], []], (r) =>
    lb().loadBalancerSourceRanges(...r)),
  ...each("services", "Service", "loadBalancerSourceRanges (ClusterIP)", [["10.0.0.0/8"]], (r) => service("s").port(80).loadBalancerSourceRanges(...r)),
  ...each("services", "Service", "loadBalancerClass", ["example.com/internal-vip", "internal-vip", "Example.com/x", "example.com/a b", ""], (c) => lb().loadBalancerClass(c)),
  ...each("services", "Service", "loadBalancerClass (NodePort)", ["example.com/x"], (c) => service("s").type("NodePort").port(80).loadBalancerClass(c)),
  ...each("services", "Service", "ipFamilyPolicy/ipFamilies", [
    ["SingleStack"], ["SingleStack", "IPv4"], ["SingleStack", "IPv4", "IPv6"], ["PreferDualStack", "IPv4", "IPv4"], ["singlestack"], ["SingleStack", "ipv4"], ["PreferDualStack", "IPv4"],
  ], ([policy, ...families]) => service("s").port(80).ipFamilies(untyped(policy), ...untyped<[]>(families))),
  ...each("services", "Service", "ipFamilyPolicy/ipFamilies (IPv6)", [["SingleStack", "IPv6"], ["PreferDualStack", "IPv4", "IPv6"], ["RequireDualStack", "IPv6", "IPv4"]],
    ([policy, ...families]) => service("s").port(80).ipFamilies(untyped(policy), ...untyped<[]>(families)), "the cluster's Service IP ranges: this one has IPv4 only"),
  ...each("services", "Service", "publishNotReadyAddresses", [true, false, untyped("yes")], (p) => service("s").port(80).publishNotReadyAddresses(p)),
  ...each("services", "Service", "externalIPs", [
    "203.0.113.10", "2001:db8::10", "203.0.113", "example.com", "0.0.0.0", "127.0.0.1", "127.255.0.1", "169.254.1.1", "169.253.1.1", "224.0.0.1", "224.0.1.1", "239.1.1.1",
    "255.255.255.255", "::", "::1", "::2", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff12::1", "ff05::1", "::ffff:10.0.0.1",
  ], (ip) => service("s").port(80).externalIPs(ip)),
  ...each("pod fields", "Deployment", "spec.os.name", ["linux", "windows", "Linux", "mac", ""], (os) => web().os(untyped(os))),
  ...each("pod fields", "Deployment", "pod securityContext (os windows)", POD_SECURITY, (sc) => web().os("windows").securityContext(untyped(sc))),
  ...each("pod fields", "Deployment", "pod securityContext (os linux)", POD_SECURITY, (sc) => web().os("linux").securityContext(untyped(sc))),
  ...each("pod fields", "Deployment", "container securityContext (os windows)", CONTAINER_SECURITY, (sc) => app((c) => c.securityContext(untyped(sc))).os("windows")),
  ...each("pod fields", "Deployment", "container securityContext (os linux)", CONTAINER_SECURITY, (sc) => app((c) => c.securityContext(untyped(sc))).os("linux")),
  ...each("pod fields", "Deployment", "shareProcessNamespace (os windows)", [true, false], (share) => web().os("windows").shareProcessNamespace(share)),
];
