// The policy, networking and scheduling kinds: Ingress and IngressClass, NetworkPolicy, PodDisruptionBudget,
// ResourceQuota, LimitRange, PriorityClass, and Pods on their own.
import {
  ingress, ingressClass, ipBlock, limitRange, namespaces, networkPolicy, pod, podDisruptionBudget, pods, priorityClass, resourceQuota,
} from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { COUNTS, IMAGE, LABEL_VALUES, label, subdomain } from "./values.js";
import { QUANTITIES } from "./quantities.js";

const HOSTS = ["example.com", "*.example.com", "a.*.example.com", "*", "Example.com", "example.com.", "1.2.3.4", "", "ex_ample.com", `${label(64)}.com`, subdomain(253), "*.com"];
const INGRESS_PATHS = ["/", "/api", "api", "", "/a b", "/api/", "/a//b", "/(.*)", "/%", "/ä"];
const PERCENTS = [0, 1, "0%", "50%", "100%", "101%", "1.5%", "-1%", -1, "50"];
const CIDRS = ["10.0.0.0/8", "10.0.0.1/8", "10.0.0.0", "0.0.0.0/0", "::/0", "fd00::/8", "10.0.0.0/33", "256.0.0.0/8", "", "10.0.0.0/08"];
const web = { matchLabels: { app: "web" } };

export const policyCases: Case[] = [
  ...each("ingress", "Ingress", "spec.rules[].host", HOSTS, (host) => ingress("i").route({ host, service: "web", port: 80 })),
  ...each("ingress", "Ingress", "spec.rules[].http.paths[].path (Prefix)", INGRESS_PATHS, (path) => ingress("i").route({ path, service: "web", port: 80 })),
  ...each("ingress", "Ingress", "spec.rules[].http.paths[].path (Exact)", INGRESS_PATHS, (path) => ingress("i").route({ path, pathType: "Exact", service: "web", port: 80 })),
  ...each("ingress", "Ingress", "spec.rules[].http.paths[].path (ImplementationSpecific)", INGRESS_PATHS, (path) =>
    ingress("i").route({ path, pathType: "ImplementationSpecific", service: "web", port: 80 })),
  ...each("ingress", "Ingress", "pathType", ["Prefix", "Exact", "ImplementationSpecific", "prefix", ""], (pathType) => ingress("i").route({ path: "/", pathType: untyped(pathType), service: "web", port: 80 })),
  ...each("ingress", "Ingress", "backend service name", ["web", "Web", "1web", "web.x", "", label(63), label(64)], (service) => ingress("i").route({ service, port: 80 })),
  ...each("ingress", "Ingress", "backend service port", [0, 1, 65535, 65536, "http", "HTTP", "", "a--b", label(15), label(16)], (port) => ingress("i").route({ service: "web", port })),
  ...each("ingress", "Ingress", "defaultBackend port", [80, 0, "http"], (port) => ingress("i").defaultBackend({ service: "web", port })),
  ...each("ingress", "Ingress", "ingressClassName", ["nginx", "Nginx", "a.b", "", "a_b"], (n) => ingress("i").ingressClassName(n).route({ service: "web", port: 80 })),
  ...each("ingress", "Ingress", "spec.tls[].hosts", [["example.com"], ["*.example.com"], ["Example.com"], [""], ["a_b.com"]], (hosts) => ingress("i").route({ service: "web", port: 80 }).tls("cert", ...hosts)),
  ...each("ingress", "Ingress", "spec.tls[].secretName", ["cert", "Cert", "a.b", "a_b"], (n) => ingress("i").route({ service: "web", port: 80 }).tls(n, "example.com")),
  ...each("ingress", "Ingress", "no rules or backend", ["none"], () => ingress("i")),
  ...each("ingress", "Ingress", "resource backend", [
    { kind: "Bucket", name: "b" }, { apiGroup: "storage.example.com", kind: "Bucket", name: "b" }, { apiGroup: "", kind: "Bucket", name: "b" }, { apiGroup: "Example.com", kind: "Bucket", name: "b" },
    { kind: "", name: "b" }, { kind: "a/b", name: "b" }, { kind: "Bucket", name: "" }, { kind: "Bucket", name: ".." }, { kind: "Bucket", name: "a%b" }, { kind: "Bucket", name: "A_b" },
  ], (resource) => ingress("i").route({ path: "/icons", resource }).defaultBackend({ resource })),
  ...each("ingress", "IngressClass", "spec.controller", ["example.com/ingress", "k8s.io/ingress-nginx", "a", "A/b", "example.com/", "", "a/b/c", `example.com/${label(300)}`], (c) => ingressClass("c", c)),
  ...each("ingress", "IngressClass", "spec.parameters", [
    { kind: "Params", name: "p" }, { apiGroup: "example.com", kind: "Params", name: "p" }, { kind: "", name: "p" }, { kind: "Params", name: "" },
    { kind: "Params", name: "p", scope: "Namespace", namespace: "ns" }, { kind: "Params", name: "p", scope: "Namespace" }, { kind: "Params", name: "p", scope: "Cluster", namespace: "ns" },
    { kind: "Params", name: "p", scope: "cluster" }, { kind: "a/b", name: "p" }, { kind: "Params", name: "a/b" }, { apiGroup: "Example.com", kind: "Params", name: "p" },
  ], (p) => ingressClass("c", "example.com/ingress").parameters(untyped(p))),
  ...each("network policies", "NetworkPolicy", "ipBlock cidr", CIDRS, (cidr) => networkPolicy("n").allowFrom([ipBlock(cidr)])),
  ...each("network policies", "NetworkPolicy", "ipBlock except", [["10.1.0.0/16"], ["11.0.0.0/16"], ["10.0.0.0/8"], ["10.1.0.1/16"], [""]], (except) => networkPolicy("n").allowFrom([ipBlock("10.0.0.0/8", ...except)])),
  ...each("network policies", "NetworkPolicy", "ports[]", [80, 0, 65536, "http", "HTTP", "", { port: 80, endPort: 90 }, { port: 90, endPort: 80 }, { port: 80, endPort: 80 }, { port: 80, protocol: "SCTP" }, { port: 80, protocol: "tcp" }, { port: "http", endPort: 90 }],
    (port) => networkPolicy("n").allowFrom([pods({ app: "web" })], { ports: [untyped(port)] })),
  ...each("network policies", "NetworkPolicy", "pods() selector value", LABEL_VALUES, (v) => networkPolicy("n").allowFrom([pods({ app: v })])),
  ...each("network policies", "NetworkPolicy", "namespaces() selector key", ["kubernetes.io/metadata.name", "A/b", "a b", ""], (k) => networkPolicy("n").allowTo([namespaces({ [k]: "x" })])),
  ...each("disruption budgets", "PodDisruptionBudget", "spec.minAvailable", PERCENTS, (v) => podDisruptionBudget("p", web, { minAvailable: untyped(v) })),
  ...each("disruption budgets", "PodDisruptionBudget", "spec.maxUnavailable", PERCENTS, (v) => podDisruptionBudget("p", web, { maxUnavailable: untyped(v) })),
  ...each("disruption budgets", "PodDisruptionBudget", "both minAvailable and maxUnavailable", [[1, 1]], ([a, b]) => podDisruptionBudget("p", web, untyped({ minAvailable: a, maxUnavailable: b }))),
  ...each("disruption budgets", "PodDisruptionBudget", "spec.unhealthyPodEvictionPolicy", ["IfHealthyBudget", "AlwaysAllow", "always", ""], (p) => podDisruptionBudget("p", web, { minAvailable: 1 }).unhealthyPodEvictionPolicy(untyped(p))),
  ...each("disruption budgets", "PodDisruptionBudget", "selector", [{}, { A_: "b" }, { app: "web" }] as Record<string, string>[], (matchLabels) => podDisruptionBudget("p", { matchLabels }, { minAvailable: 1 })),
  ...each("quotas", "ResourceQuota", "spec.hard pods", QUANTITIES, (q) => resourceQuota("q").hard({ pods: untyped(q) })),
  ...each("quotas", "ResourceQuota", "spec.hard resource name", [
    "pods", "requests.cpu", "limits.memory", "cpu", "count/deployments.apps", "count/foo", "requests.example.com/gpu", "example.com/gpu", "hugepages-2Mi", "requests.hugepages-2Mi",
    "services.loadbalancers", "requests.storage", "fast.storageclass.storage.k8s.io/requests.storage", "foo", "Pods", "",
  ], (r) => resourceQuota("q").hard(untyped({ [r]: "1" }))),
  ...each("quotas", "ResourceQuota", "spec.hard pods with scopes", [["BestEffort"], ["Terminating", "NotTerminating"], ["PriorityClass"], ["Foo"], ["BestEffort", "NotBestEffort"]], (scopes) =>
    resourceQuota("q").hard({ pods: "1" }).scopes(...untyped<[]>(scopes))),
  ...each("quotas", "ResourceQuota", "BestEffort scope with cpu", ["requests.cpu"], (r) => resourceQuota("q").hard(untyped({ [r]: "1" })).scopes("BestEffort")),
  ...each("quotas", "ResourceQuota", "scopeSelector", [
    { scopeName: "PriorityClass", operator: "In", values: ["high"] }, { scopeName: "PriorityClass", operator: "In", values: [] }, { scopeName: "BestEffort", operator: "Exists" },
    { scopeName: "BestEffort", operator: "In", values: ["x"] }, { scopeName: "PriorityClass", operator: "Exists", values: ["x"] }, { scopeName: "Foo", operator: "Exists" },
  ], (r) => resourceQuota("q").hard({ pods: "1" }).scopeSelector(untyped(r))),
  ...each("limit ranges", "LimitRange", "container max cpu", QUANTITIES.slice(0, 20), (q) => limitRange("l").container({ max: { cpu: untyped(q) } })),
  ...each("limit ranges", "LimitRange", "container min/max/default cpu", [
    ["1", "2", "1"], ["2", "1", undefined], ["1", "2", "3"], ["1", "2", "500m"], ["1", "1", "1"],
  ], ([min, max, def]) => limitRange("l").container({ min: { cpu: untyped(min) }, max: { cpu: untyped(max) }, ...(def !== undefined && { default: { cpu: untyped(def) } }) })),
  ...each("limit ranges", "LimitRange", "container maxLimitRequestRatio cpu", ["1", "2", "0.5", "0", "1.5"], (r) => limitRange("l").container({ maxLimitRequestRatio: { cpu: untyped(r) } })),
  ...each("limit ranges", "LimitRange", "persistentVolumeClaim min/max storage", [["1Gi", "10Gi"], ["10Gi", "1Gi"], ["0", "1Gi"], ["1Gi", "1Gi"]], ([min, max]) =>
    limitRange("l").persistentVolumeClaim({ min: { storage: untyped(min) }, max: { storage: untyped(max) } })),
  ...each("limit ranges", "LimitRange", "pod max memory", ["1Gi", "0", "-1"], (q) => limitRange("l").pod({ max: { memory: untyped(q) } })),
  ...each("priority classes", "PriorityClass", "value", [-1, 0, 1_000_000_000, 1_000_000_001, 2_000_000_000, -2_147_483_648, -2_147_483_649, 1.5], (v) => priorityClass("p", v)),
  ...each("priority classes", "PriorityClass", "preemptionPolicy", ["PreemptLowerPriority", "Never", "never", ""], (p) => priorityClass("p", 10).preemptionPolicy(untyped(p))),
  ...each("priority classes", "PriorityClass", "description", ["", "x", label(1000)], (d) => priorityClass("p", 10).description(d)),
  ...each("priority classes", "PriorityClass", "name with system- prefix", ["system-x", "system-cluster-critical"], (n) => priorityClass(n, 10)),
  ...each("pods", "Pod", "spec.restartPolicy", ["Always", "OnFailure", "Never", "always", ""], (p) => pod("p").image(IMAGE).restartPolicy(untyped(p))),
  ...each("pods", "Pod", "spec.terminationGracePeriodSeconds", COUNTS, (n) => pod("p").image(IMAGE).terminationGracePeriodSeconds(n)),
];
