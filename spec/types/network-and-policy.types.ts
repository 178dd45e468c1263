// Compile-only type specs for the network, policy and scheduling kinds (Ingress, IngressClass, PodDisruptionBudget,
// LimitRange, ResourceQuota, PriorityClass, and the companions that make them): each `@ts-expect-error` line must fail to compile, each positive twin must compile.
import { daemonSet, denyAll, deployment, ingress, ipBlock, namespaces, networkPolicy, pods, ingressClass, limitRange, podDisruptionBudget, priorityClass, resourceQuota, service, statefulSet } from "../../lib/index.js";

const web = deployment("web").image("nginx");
const svc = service("web").port("http", 80);

// A disruption budget is minAvailable or maxUnavailable, never both, never neither; ints or percentages.
podDisruptionBudget("a", web, { minAvailable: 1 });
podDisruptionBudget("a", web, { maxUnavailable: "25%" });
// @ts-expect-error both minAvailable and maxUnavailable
podDisruptionBudget("a", web, { minAvailable: 1, maxUnavailable: 1 });
// @ts-expect-error a budget needs minAvailable or maxUnavailable
podDisruptionBudget("a", web, {});
// @ts-expect-error "half" is neither a number nor a percentage
podDisruptionBudget("a", web, { minAvailable: "half" });
podDisruptionBudget("a", { matchLabels: { app: "a" } }, { minAvailable: 1 });
podDisruptionBudget("a", { matchExpressions: [{ key: "app", operator: "Exists" }] }, { minAvailable: 1 });
// @ts-expect-error operator In needs values
podDisruptionBudget("a", { matchExpressions: [{ key: "app", operator: "In" }] }, { minAvailable: 1 });
// @ts-expect-error Exists takes no values
podDisruptionBudget("a", { matchExpressions: [{ key: "app", operator: "Exists", values: ["x"] }] }, { minAvailable: 1 });
podDisruptionBudget("a", web, { minAvailable: 1 }).unhealthyPodEvictionPolicy("AlwaysAllow");
// @ts-expect-error "Never" is not an UnhealthyPodEvictionPolicy
podDisruptionBudget("a", web, { minAvailable: 1 }).unhealthyPodEvictionPolicy("Never");

// The .disruptionBudget() companion: Deployments and StatefulSets, with the same xor.
web.disruptionBudget({ minAvailable: 1, unhealthyPodEvictionPolicy: "IfHealthyBudget" });
statefulSet("db").image("db").disruptionBudget({ maxUnavailable: 1 });
// @ts-expect-error both minAvailable and maxUnavailable
web.disruptionBudget({ minAvailable: 1, maxUnavailable: 1 });
// @ts-expect-error a DaemonSet runs one pod per node: it has no .disruptionBudget() shortcut
daemonSet("agent").image("a").disruptionBudget({ maxUnavailable: 1 });

// Ingress routes: a Service builder (port optional) or a Service name with its port.
ingress("a").route({ service: svc });
ingress("a").route({ service: svc, port: "http", host: "a.example.com", path: "/x", pathType: "Exact" });
ingress("a").route({ service: "other", port: 8080 });
// @ts-expect-error a Service named by hand needs its port
ingress("a").route({ service: "other" });
// @ts-expect-error "Regex" is not a PathType
ingress("a").route({ service: svc, pathType: "Regex" });
// A backend is a Service or a resource, never both.
ingress("a").route({ path: "/icons", resource: { apiGroup: "storage.example.com", kind: "Bucket", name: "icons" } });
// @ts-expect-error a resource backend has no port (the port is a Service's)
ingress("a").route({ path: "/icons", resource: { kind: "Bucket", name: "icons" }, port: 80 });
ingress("a").defaultBackend({ resource: { kind: "Bucket", name: "assets" } });
// @ts-expect-error a backend is a Service or a resource, not both
ingress("a").defaultBackend({ resource: { kind: "Bucket", name: "assets" }, service: svc });
// @ts-expect-error a resource backend needs its kind
ingress("a").defaultBackend({ resource: { name: "assets" } });
ingress("a").defaultBackend({ service: svc }).tls("tls-secret", "a.example.com").ingressClassName(ingressClass("nginx", "k8s.io/ingress-nginx"));
// @ts-expect-error tls hosts are strings
ingress("a").tls("tls-secret", 443);
web.service().ingress({ host: "a.example.com", tls: "t", port: 80, ingressClassName: "nginx" });
// @ts-expect-error "Regex" is not a PathType
web.service().ingress({ pathType: "Regex" });

// IngressClass parameters: a namespace only with scope "Namespace", and then required.
ingressClass("c", "example.com/c").parameters({ kind: "K", name: "p" });
ingressClass("c", "example.com/c").parameters({ kind: "K", name: "p", scope: "Namespace", namespace: "ns" });
// @ts-expect-error a namespace needs scope "Namespace"
ingressClass("c", "example.com/c").parameters({ kind: "K", name: "p", namespace: "ns" });
// @ts-expect-error scope "Namespace" needs a namespace
ingressClass("c", "example.com/c").parameters({ kind: "K", name: "p", scope: "Namespace" });

// LimitRanges: quantities typed, a Pod entry has no defaults, a claim entry bounds storage only and needs a bound.
limitRange("l").container({ defaultRequest: { cpu: "100m" }, max: { memory: "1Gi", ephemeralStorage: "2Gi" } });
// @ts-expect-error "lots" is not a Quantity
limitRange("l").container({ max: { cpu: "lots" } });
// @ts-expect-error "gpu" is not a resource name (extended resources are prefixed)
limitRange("l").container({ max: { gpu: "1" } });
limitRange("l").pod({ max: { cpu: "2" } });
// @ts-expect-error a Pod entry has no defaults: they are per container
limitRange("l").pod({ default: { cpu: "1" } });
limitRange("l").persistentVolumeClaim({ max: { storage: "10Gi" } });
// @ts-expect-error a claim entry needs a min or max storage
limitRange("l").persistentVolumeClaim({ default: { storage: "10Gi" } });
// @ts-expect-error claims have storage only
limitRange("l").persistentVolumeClaim({ max: { storage: "1Gi", cpu: "1" } });

// ResourceQuotas: resource names and quantities typed; scope selectors with the right operators.
resourceQuota("q").hard({ "requests.cpu": "4", pods: "10", "count/deployments.apps": "3", "requests.nvidia.com/gpu": "1" });
// @ts-expect-error "foo" is not a quota resource (fully qualified names have a "/")
resourceQuota("q").hard({ foo: "1" });
// @ts-expect-error "four" is not a Quantity
resourceQuota("q").hard({ "requests.cpu": "four" });
resourceQuota("q").scopes("NotTerminating").scopeSelector({ scopeName: "PriorityClass", operator: "In", values: ["high"] });
// @ts-expect-error "Forever" is not a QuotaScope
resourceQuota("q").scopes("Forever");
// @ts-expect-error Terminating is matched with Exists only
resourceQuota("q").scopeSelector({ scopeName: "Terminating", operator: "In", values: ["x"] });
// @ts-expect-error In needs values
resourceQuota("q").scopeSelector({ scopeName: "PriorityClass", operator: "In" });

// PriorityClasses: a number, and a named preemption policy.
priorityClass("p", 1000).preemptionPolicy("Never");
// @ts-expect-error the value is a number
priorityClass("p", "high");
// @ts-expect-error "Always" is not a PreemptionPolicy
priorityClass("p", 1000).preemptionPolicy("Always");

// NetworkPolicies: peers are workloads, pods(), namespaces(), ipBlock(); egress may name a Service; ranges need numbers.
networkPolicy("n").selecting(web).allowFrom([web, pods({ app: "a" }), namespaces({ team: "x" }), ipBlock("10.0.0.0/8")], { ports: [80, "http", { port: 53, protocol: "UDP" }, { port: 30000, endPort: 32767 }] });
networkPolicy("n").allowTo([svc, namespaces({})]);
// @ts-expect-error a Service is a destination: ingress comes from pods, namespaces or IP blocks
networkPolicy("n").allowFrom([svc]);
// @ts-expect-error a port range starts at a number, not a port name
networkPolicy("n").allowFrom([], { ports: [{ port: "http", endPort: 90 }] });
// @ts-expect-error "ICMP" is not a Protocol
networkPolicy("n").allowFrom([], { ports: [{ port: 1, protocol: "ICMP" }] });
// @ts-expect-error a peer is a builder, pods(), namespaces() or ipBlock(), not a label map
networkPolicy("n").allowFrom([{ app: "web" }]);
denyAll("d").namespace("shop").allowTo([svc]);
