// Port numbers and port names: containers, Services (port, targetPort, nodePort, appProtocol), and Service types.
import { deployment, service, type AppContainerTraits, type ContainerBuilder } from "../../../lib/index.js";
import { each, untyped, type Case } from "../case.js";
import { IMAGE, label } from "./values.js";

export const PORT_NUMBERS = [-1, 0, 1, 80, 65535, 65536, 1.5, untyped<number>("80")];
export const PORT_NAMES = ["a", "http", "h2c", "1a", "a1", "1", "12", label(15), label(16), "-a", "a-", "a--b", "a-b", "A", "Http", "a_b", "a.b", "", "ä"];

const withPort = (edit: (c: ContainerBuilder<true, AppContainerTraits>) => ContainerBuilder<true, AppContainerTraits>) =>
  deployment("d").container((c) => edit(c.image(IMAGE)));

export const portCases: Case[] = [
  ...each("ports", "Deployment", "containerPort", PORT_NUMBERS, (n) => withPort((c) => c.port(n))),
  ...each("ports", "Deployment", "hostPort", PORT_NUMBERS, (n) => withPort((c) => c.port(8080, { hostPort: n }))),
  ...each("ports", "Deployment", "ports[].name", PORT_NAMES, (name) => withPort((c) => c.port(name, 8080))),
  ...each("ports", "Deployment", "ports[].protocol", ["TCP", "UDP", "SCTP", "tcp", "HTTP", ""], (p) => withPort((c) => c.port(8080, { protocol: untyped(p) }))),
  ...each("ports", "Deployment", "two ports of one container", [
    [8080, "TCP", 8080, "TCP"], [8080, "TCP", 8080, "UDP"], [8080, "TCP", 8081, "TCP"],
  ] as const, ([a, pa, b, pb]) => withPort((c) => c.port(a, { protocol: pa }).port(b, { protocol: pb }))),
  ...each("ports", "Deployment", "two ports named alike, one or two containers", ["same container", "other container"], (where) =>
    where === "same container"
      ? withPort((c) => c.port("http", 8080).port("http", 8081))
      : withPort((c) => c.port("http", 8080)).container("side", (c) => c.image(IMAGE).port("http", 8081))),
  ...each("ports", "Service", "spec.ports[].port", PORT_NUMBERS, (n) => service("s").port(n)),
  ...each("ports", "Service", "spec.ports[].targetPort (number)", PORT_NUMBERS, (n) => service("s").port(80, { targetPort: n })),
  ...each("ports", "Service", "spec.ports[].targetPort (name)", PORT_NAMES, (name) => service("s").port(80, { targetPort: name })),
  ...each("ports", "Service", "spec.ports[].name", [...PORT_NAMES, label(63), label(64)], (name) => service("s").port(name, 80)),
  ...each("ports", "Service", "spec.ports[].protocol", ["TCP", "UDP", "SCTP", "tcp", "HTTP"], (p) => service("s").port(80, { protocol: untyped(p) })),
  ...each("ports", "Service", "spec.ports[].appProtocol", ["http", "HTTP", "kubernetes.io/h2c", "kubernetes.io/ws", "kubernetes.io/foo", "example.com/x", "a_b", "", "a b", label(64)], (p) =>
    service("s").port(80, { appProtocol: p })),
  ...each("ports", "Service", "two ports", [
    ["a", 80, "b", 80], ["a", 80, "a", 81], ["a", 80, "b", 81], [undefined, 80, "b", 81],
  ] as const, ([n1, p1, n2, p2]) => {
    const first = n1 === undefined ? service("s").port(p1) : service("s").port(n1, p1);
    return first.port(n2, p2);
  }),
  ...each("ports", "Service", "two ports with one number, TCP and UDP", ["dns"], () => service("s").port("tcp", 53).port("udp", 53, { protocol: "UDP" })),
  ...each("ports", "Service", "spec.ports[].nodePort (type NodePort)", [0, 1, 29999, 30000, 32767, 32768, 65535, 65536], (n) => service("s").type("NodePort").port(80, { nodePort: n }),
    "the node-port range, a setting of the API server (30000-32767 by default)"),
  ...each("ports", "Service", "spec.ports[].nodePort with type", ["ClusterIP", "LoadBalancer"], (t) => service("s").type(untyped(t)).port(80, { nodePort: 30080 })),
  ...each("ports", "Service", "two nodePorts alike", ["same"], () => service("s").type("NodePort").port("a", 80, { nodePort: 30080 }).port("b", 81, { nodePort: 30080 })),
];
