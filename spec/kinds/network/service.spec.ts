import { test } from "uvu";
import * as assert from "uvu/assert";
import { deployment, service, type ServiceManifest } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const web = deployment("web").image("nginx").templateLabels({ app: "web" });

test("a minimal Service: a name and one port; no targetPort unless given (Kubernetes makes it the port)", () => {
  const built = service("web").port(80).build();
  const expected: ServiceManifest = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { ports: [{ port: 80 }] },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every Service method sets its field", () => {
  const built = service("web-public")
    .namespace("shop")
    .labels({ app: "web" })
    .annotations({ "cloud.google.com/load-balancer-type": "Internal" })
    .type("LoadBalancer")
    .selector({ tier: "frontend" })
    .port("https", 443, { targetPort: "http", protocol: "TCP", nodePort: 30443, appProtocol: "https" })
    .port("dns", 53, { targetPort: 5353, protocol: "UDP" })
    .build();
  const expected: ServiceManifest = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web-public", namespace: "shop", labels: { app: "web" }, annotations: { "cloud.google.com/load-balancer-type": "Internal" } },
    spec: {
      selector: { tier: "frontend" },
      ports: [
        { name: "https", port: 443, targetPort: "http", protocol: "TCP", nodePort: 30443, appProtocol: "https" },
        { name: "dns", port: 53, targetPort: 5353, protocol: "UDP" },
      ],
      type: "LoadBalancer",
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("headless and ExternalName Services", () => {
  const headless = service("db").headless().selector({ app: "db" });
  assert.is(headless.isHeadless, true);
  assert.is(service("db").isHeadless, false);
  const built = headless.build();
  assert.equal(built, { apiVersion: "v1", kind: "Service", metadata: { name: "db" }, spec: { selector: { app: "db" }, clusterIP: "None" } });
  assertSchemaValid(built);
  const alias = service("legacy-db").externalName("db.example.com.").port(5432).build();
  assert.equal(alias, {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "legacy-db" },
    spec: { ports: [{ port: 5432 }], type: "ExternalName", externalName: "db.example.com." },
  });
  assertSchemaValid(alias);
  assertSchemaValid(service("legacy").externalName("db.example.com").build());
});

test("selecting(workload) uses the workload's pod labels", () => {
  assert.equal(service("web").selecting(web).port(80).build().spec.selector, { app: "web" });
  // a Deployment without template labels gets app.kubernetes.io/name: <name>
  assert.equal(service("api").selecting(deployment("api").image("api:1")).port(80).build().spec.selector, { "app.kubernetes.io/name": "api" });
  // selecting replaces the selector; selector() adds to it
  assert.equal(service("web").selector({ old: "x" }).selecting(web).selector({ tier: "a" }).port(80).build().spec.selector, { app: "web", tier: "a" });
});

test("run time: an untyped caller's selecting() of something without pods", () => {
  const expected = "a workload builder with pods to select (a Deployment, StatefulSet or DaemonSet)";
  assertProblems(() => service("web").selecting({} as any), [{ path: "spec.selector", expected, received: {} }]);
  assertProblems(() => service("web").selecting(undefined as any), [{ path: "spec.selector", expected, received: undefined }]);
});

test("immutability: deriving never changes the base builder; build() returns a fresh object each call", () => {
  const options = { targetPort: 8080 };
  const base = service("web").port("http", 80, options).selector({ app: "web" });
  (options as { targetPort: number }).targetPort = 9090;
  const derived = base.port("https", 443).type("NodePort").selector({ tier: "x" });
  const expected: ServiceManifest = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
  };
  assert.equal(base.build(), expected);
  assert.is(derived.build().spec.ports!.length, 2);
  const first = base.build();
  first.spec.ports![0]!.port = 1;
  first.spec.selector!.app = "changed";
  assert.equal(base.build(), expected);
});

test("run time: ports are required unless headless or ExternalName", () => {
  assertProblems(() => service("web").build(), [
    { path: "spec.ports", expected: "at least one port (only headless and ExternalName Services may have none)", received: [] },
  ]);
  assert.ok(service("web").headless().build());
  assert.ok(service("web").externalName("example.com").build());
});

test("run time: with several ports every port needs a name, unique, and a unique number per protocol", () => {
  assertProblems(() => service("web").port(80).port(443).build(), [
    { path: "spec.ports[0].name", expected: "a name: every port of a Service with several ports needs one", received: undefined },
    { path: "spec.ports[1].name", expected: "a name: every port of a Service with several ports needs one", received: undefined },
  ]);
  assertProblems(() => service("web").port("http", 80).port("alt", 80).build(), [
    { path: "spec.ports[1].port", expected: "a port number and protocol no other port of the Service has", received: 80 },
  ]);
  // the same number over another protocol is another port
  assertSchemaValid(service("dns").port("dns-tcp", 53).port("dns-udp", 53, { protocol: "UDP" }).build());
});

test(".port() with a name the Service has, or an unnamed number it has, replaces that port in place", () => {
  const built = service("web").port("http", 80).port("grpc", 9090).port("http", 8080, { targetPort: "web" }).build();
  assert.equal(built.spec.ports, [{ name: "http", port: 8080, targetPort: "web" }, { name: "grpc", port: 9090 }]);
  assert.equal(service("web").port(80).port(80, { targetPort: 8080 }).build().spec.ports, [{ port: 80, targetPort: 8080 }]);
});

test("run time: port numbers, names, target ports, protocols, app protocols", () => {
  assertProblems(() => service("web")
    .port("Http", 0, { targetPort: "HTTP_PORT" })
    .port("b", 80, { targetPort: 70000, protocol: "ICMP" as any, appProtocol: "not valid!" })
    .build(), [
    { path: "spec.ports[0].name", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Http" },
    { path: "spec.ports[0].port", expected: "an integer from 1 to 65535", received: 0 },
    { path: "spec.ports[0].targetPort", expected: 'a port name (at most 15 lowercase letters, digits or "-", with at least one letter, no leading, trailing or double "-"), or "" for Kubernetes\' default', received: "HTTP_PORT" },
    { path: "spec.ports[1].targetPort", expected: "an integer from 0 to 65535", received: 70000 },
    { path: "spec.ports[1].protocol", expected: 'one of "TCP", "UDP", "SCTP"', received: "ICMP" },
    {
      path: "spec.ports[1].appProtocol",
      expected: 'a key of the form [prefix/]name: name at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit; prefix a DNS-1123 subdomain',
      received: "not valid!",
    },
  ]);
  assertSchemaValid(service("web").port("h2c", 80, { targetPort: "grpc-web", appProtocol: "kubernetes.io/h2c", protocol: "SCTP" }).build());
  // the API server reads targetPort 0 or "" as `port`, and a lone port's name "" as no name
  assert.equal(service("web").port("", 80, { targetPort: 0 }).build().spec.ports, [{ name: "", port: 80, targetPort: 0 }]);
  assert.ok(service("web").port(80, { targetPort: "" }).build());
  assertProblems(() => service("web").port("", 80).port("b", 81).build(), [
    { path: "spec.ports[0].name", expected: "a name: every port of a Service with several ports needs one", received: undefined },
  ]);
});

test("run time: nodePort only for NodePort and LoadBalancer Services, and unique", () => {
  assertProblems(() => service("web").port(80, { nodePort: 30080 }).build(), [
    { path: "spec.ports[0].nodePort", expected: "nothing unless the Service type is NodePort or LoadBalancer", received: 30080 },
  ]);
  assertProblems(() => service("web").type("NodePort").port("a", 80, { nodePort: 30080 }).port("b", 81, { nodePort: 30080 }).port("c", 82, { nodePort: 70000 }).build(), [
    { path: "spec.ports[1].nodePort", expected: "a node port and protocol no other port of the Service has", received: 30080 },
    { path: "spec.ports[2].nodePort", expected: "an integer from 0 to 65535", received: 70000 },
  ]);
  assertSchemaValid(service("web").type("NodePort").port(80, { nodePort: 30080 }).build());
  // 0 asks Kubernetes to pick a node port, so two of them are no clash
  assert.ok(service("web").type("NodePort").port("a", 80, { nodePort: 0 }).port("b", 81, { nodePort: 0 }).build());
});

test("run time: headless only for ClusterIP; ExternalName needs a DNS name (a selector is ignored, as the API server does)", () => {
  assertProblems(() => service("web").type("NodePort").headless().build(), [
    { path: "spec.clusterIP", expected: "nothing: a NodePort Service can't be headless", received: "None" },
  ]);
  assertProblems(() => service("web").type("ExternalName").build(), [
    { path: "spec.externalName", expected: "the DNS name an ExternalName Service aliases: call .externalName()", received: undefined },
  ]);
  assertProblems(() => service("web").externalName("not a host").selector({ app: "x" }).build(), [
    { path: "spec.externalName", expected: 'a DNS name such as "db.example.com" (a DNS-1123 subdomain), optionally ending in "."', received: "not a host" },
  ]);
  assert.is(validationError(() => service("web").externalName("example.com..").build()).problems[0]!.path, "spec.externalName");
});

test("run time: a Service name is a DNS-1123 label, as Kubernetes 1.36 checks it (a leading digit is fine)", () => {
  const label = 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)';
  for (const good of ["web-1", "1web", "0", "a".repeat(63)]) assert.ok(service(good).port(80).build());
  for (const bad of ["web.shop", "Web", "web-", "a".repeat(64)]) {
    assertProblems(() => service(bad).port(80).build(), [{ path: "metadata.name", expected: label, received: bad }]);
  }
});

test("run time: an untyped caller's Service type", () => {
  assertProblems(() => service("web").type("Internal" as any).port(80).build(), [
    { path: "spec.type", expected: 'one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName", or "" for Kubernetes\' default', received: "Internal" },
  ]);
  assert.ok(service("web").type("" as any).port(80).build());
});

test("immutability: one base varied two ways gives two independent Services", () => {
  const base = service("web").selector({ app: "web" }).port("http", 80);
  const one = base.port("https", 443).type("LoadBalancer");
  const two = base.selector({ tier: "front" }).headless();
  assert.equal(one.build().spec, { selector: { app: "web" }, ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }], type: "LoadBalancer" });
  assert.equal(two.build().spec, { selector: { app: "web", tier: "front" }, ports: [{ name: "http", port: 80 }], clusterIP: "None" });
  assert.equal(base.build().spec, { selector: { app: "web" }, ports: [{ name: "http", port: 80 }] });
});

test.run();
