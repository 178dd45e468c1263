import { test } from "uvu";
import * as assert from "uvu/assert";
import { deployment, ingress, ingressClass, secret, service, statefulSet, type IngressManifest } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const web = service("web").port("http", 80, { targetPort: 8080 });
const api = service("api").port("http", 80).port("grpc", 9000);

test("a minimal Ingress: one route to a Service with one port, on every host", () => {
  const built = ingress("web").route({ service: web }).build();
  const expected: IngressManifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "web" },
    spec: { rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every Ingress method sets its field; routes of one host share its rule", () => {
  const tlsSecret = secret("shop-tls").type("kubernetes.io/tls").stringData({ "tls.crt": "c", "tls.key": "k" });
  const built = ingress("shop")
    .namespace("prod")
    .labels({ app: "shop" })
    .annotations({ "nginx.ingress.kubernetes.io/proxy-body-size": "8m" })
    .ingressClassName(ingressClass("nginx", "k8s.io/ingress-nginx"))
    .route({ host: "shop.example.com", service: web })
    .route({ host: "api.example.com", path: "/v1", pathType: "Exact", service: api, port: "grpc" })
    .route({ host: "shop.example.com", path: "/static", pathType: "ImplementationSpecific", service: "static-files", port: 8080 })
    .route({ host: "*.example.com", service: api, port: 80 })
    .defaultBackend({ service: "not-found", port: "http" })
    .tls(tlsSecret, "shop.example.com", "api.example.com")
    .tls("wildcard-tls", "*.example.com")
    .build();
  const expected: IngressManifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "shop", namespace: "prod", labels: { app: "shop" }, annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "8m" } },
    spec: {
      ingressClassName: "nginx",
      defaultBackend: { service: { name: "not-found", port: { name: "http" } } },
      tls: [{ hosts: ["shop.example.com", "api.example.com"], secretName: "shop-tls" }, { hosts: ["*.example.com"], secretName: "wildcard-tls" }],
      rules: [
        {
          host: "shop.example.com",
          http: {
            paths: [
              { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } },
              { path: "/static", pathType: "ImplementationSpecific", backend: { service: { name: "static-files", port: { number: 8080 } } } },
            ],
          },
        },
        { host: "api.example.com", http: { paths: [{ path: "/v1", pathType: "Exact", backend: { service: { name: "api", port: { name: "grpc" } } } }] } },
        { host: "*.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "api", port: { number: 80 } } } }] } },
      ],
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("immutability: deriving never changes the base builder; build() is fresh", () => {
  const base = ingress("a").route({ service: web });
  const derived = base.route({ path: "/b", service: api, port: "http" }).tls("t").ingressClassName("c");
  assert.equal(base.build().spec, { rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] });
  assert.equal(derived.build().spec, {
    ingressClassName: "c",
    tls: [{ secretName: "t" }],
    rules: [{
      http: {
        paths: [
          { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } },
          { path: "/b", pathType: "Prefix", backend: { service: { name: "api", port: { name: "http" } } } },
        ],
      },
    }],
  });
  const first = base.build();
  first.spec.rules![0]!.http!.paths[0]!.path = "/changed";
  assert.equal(base.build().spec.rules![0]!.http!.paths[0]!.path, "/");
});

test("run time: the backend port is one of the Service builder's ports, and named when it has several", () => {
  assertProblems(() => ingress("a").route({ service: api }).route({ service: api, port: 8080 }).route({ service: api, port: "admin" }).build(), [
    { path: "spec.rules[0].http.paths[0].backend.service.port", expected: 'the port to use: the Service has several ("http": 80, "grpc": 9000)', received: undefined },
    { path: "spec.rules[0].http.paths[1].backend.service.port.number", expected: 'one of the Service\'s ports ("http": 80, "grpc": 9000)', received: 8080 },
    { path: "spec.rules[0].http.paths[2].backend.service.port.name", expected: 'one of the Service\'s ports ("http": 80, "grpc": 9000)', received: "admin" },
  ]);
  // the Service as it was when given: a later port of another builder is not seen
  assert.ok(ingress("a").route({ service: web, port: "http" }).build());
});

test("run time: hosts, paths and backends as the API server checks them", () => {
  assertProblems(() => ingress("a")
    .route({ host: "1.2.3.4", path: "/a//b", service: "Web", port: 0 })
    .route({ host: "x.example.com", path: "relative", service: "web", port: "Not_A_Port" })
    .route({ host: "x.example.com", path: "/a/.", pathType: "Exact", service: "web", port: 80 })
    .route({ host: "x.example.com", path: "", pathType: "ImplementationSpecific", service: "web", port: 80 })
    .route({ host: "x.example.com", path: "/", pathType: "Regex" as any, service: "web", port: 80 })
    .tls("Bad_Name", "*.*.example.com")
    .ingressClassName("Nginx")
    .build(), [
    { path: "spec.ingressClassName", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Nginx" },
    { path: "spec.tls[0].hosts[0]", expected: 'a DNS name such as "shop.example.com" or a wildcard such as "*.example.com" (not an IP address)', received: "*.*.example.com" },
    { path: "spec.tls[0].secretName", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Bad_Name" },
    { path: "spec.rules[0].host", expected: 'a DNS name such as "shop.example.com" or a wildcard such as "*.example.com" (not an IP address)', received: "1.2.3.4" },
    { path: "spec.rules[0].http.paths[0].path", expected: 'a path without "//", "/./", "/../" or "%2f" that does not end in "/." or "/.." (it has "//")', received: "/a//b" },
    { path: "spec.rules[0].http.paths[0].backend.service.name", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Web" },
    { path: "spec.rules[0].http.paths[0].backend.service.port.number", expected: "an integer from 1 to 65535", received: 0 },
    { path: "spec.rules[1].http.paths[0].path", expected: 'an absolute path, starting with "/"', received: "relative" },
    {
      path: "spec.rules[1].http.paths[0].backend.service.port.name",
      expected: 'a port name (at most 15 lowercase letters, digits or "-", with at least one letter, no leading, trailing or double "-")',
      received: "Not_A_Port",
    },
    { path: "spec.rules[1].http.paths[1].path", expected: 'a path without "//", "/./", "/../" or "%2f" that does not end in "/." or "/.." (it has "/.")', received: "/a/." },
    { path: "spec.rules[1].http.paths[3].pathType", expected: 'one of "Exact", "Prefix", "ImplementationSpecific"', received: "Regex" },
  ]);
});

test("run time: an Ingress needs a route or a default backend", () => {
  assertProblems(() => ingress("a").tls("t", "a.example.com").build(), [
    { path: "spec.rules", expected: "at least one route (.route()) or a default backend (.defaultBackend())", received: [] },
  ]);
  assert.equal(ingress("a").defaultBackend({ service: web }).build().spec, { defaultBackend: { service: { name: "web", port: { number: 80 } } } });
});

test("a resource backend (backend.resource): an object the Ingress controller serves, as default backend or on a route", () => {
  const bucket = { apiGroup: "storage.example.com", kind: "Bucket", name: "static-assets" };
  const built = ingress("assets").defaultBackend({ resource: bucket })
    .route({ path: "/icons", pathType: "ImplementationSpecific", resource: { kind: "Bucket", name: "icons" } })
    .route({ host: "shop.example.com", service: web }).build();
  const expected: IngressManifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "assets" },
    spec: {
      defaultBackend: { resource: { kind: "Bucket", name: "static-assets", apiGroup: "storage.example.com" } },
      rules: [
        { http: { paths: [{ path: "/icons", pathType: "ImplementationSpecific", backend: { resource: { kind: "Bucket", name: "icons" } } }] } },
        { host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } },
      ],
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("run time: a resource backend's kind, name and apiGroup as the API server checks them; never beside a service", () => {
  const segment = 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"';
  assertProblems(() => ingress("a").defaultBackend({ resource: { apiGroup: "Example.com", kind: "a/b", name: ".." } }).build(), [
    { path: "spec.defaultBackend.resource.kind", expected: segment, received: "a/b" },
    { path: "spec.defaultBackend.resource.name", expected: segment, received: ".." },
    { path: "spec.defaultBackend.resource.apiGroup", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "Example.com" },
  ]);
  assertProblems(() => ingress("a").route({ resource: { kind: "Bucket", name: "b", group: "x" }, service: "web", port: 80 } as never).build(), [
    { path: "spec.rules[0].http.paths[0].backend", expected: "a field of a resource backend (resource)", received: "service" },
    { path: "spec.rules[0].http.paths[0].backend", expected: "a field of a resource backend (resource)", received: "port" },
    { path: "spec.rules[0].http.paths[0].backend.resource", expected: "a field of an Ingress resource backend (apiGroup, kind, name)", received: "group" },
  ]);
  assertProblems(() => ingress("a").defaultBackend({ resource: "bucket" } as never).build(), [
    { path: "spec.defaultBackend.resource", expected: "{ apiGroup, kind, name }", received: "bucket" },
  ]);
});

test(".ingress() on a workload routes to its .service() companion, in its namespace", () => {
  const app = deployment("shop").namespace("prod").image("shop:1").container((c) => c.port("http", 8080)).service()
    .ingress({ host: "shop.example.com", path: "/", tls: "shop-tls", ingressClassName: "nginx" });
  assert.equal(app.manifests().map((m) => m.kind), ["Deployment", "Service", "Ingress"]);
  assert.equal(app.companions[1]!.build(), {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "shop", namespace: "prod" },
    spec: {
      ingressClassName: "nginx",
      tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
      rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop", port: { number: 8080 } } } }] } }],
    },
  });
  // a StatefulSet's governing Service may carry another name: the Ingress routes to it
  const db = statefulSet("db").serviceName("db-headless").image("db").container((c) => c.port("sql", 5432)).service().ingress({ port: "sql", pathType: "Exact", path: "/x" });
  assert.equal(db.companions[1]!.build().spec, { rules: [{ http: { paths: [{ path: "/x", pathType: "Exact", backend: { service: { name: "db-headless", port: { name: "sql" } } } }] } }] });
});

test(".ingress() without .service() is an error naming the workload; a port the Service lacks is reported", () => {
  const error = validationError(() => deployment("web").image("x").ingress({ host: "a.example.com" }).companions);
  assert.equal(error.message, 'Deployment "web" is invalid:\n  ingress: expected a Service to route to: call .service() as well, received nothing');
  assertProblems(() => deployment("web").image("x").container((c) => c.port("http", 80).port("admin", 9000)).service().ingress({}).manifests(), [
    { path: "spec.rules[0].http.paths[0].backend.service.port", expected: 'the port to use: the Service has several ("http": 80, "admin": 9000)', received: undefined },
  ]);
});

test("run time: a route's host \"\" is every host, as no host is", () => {
  assert.equal(ingress("i").route({ host: "", service: "web", port: 80 }).build().spec.rules![0]!.host, "");
});

test("immutability: one base varied two ways gives two independent Ingresses", () => {
  const base = ingress("shop").route({ host: "shop.example.com", service: web });
  const one = base.ingressClassName("nginx").tls("shop-tls", "shop.example.com");
  const two = base.defaultBackend({ service: "fallback", port: 80 });
  const rules = [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }];
  assert.equal(one.build().spec, { ingressClassName: "nginx", tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }], rules });
  assert.equal(two.build().spec, { defaultBackend: { service: { name: "fallback", port: { number: 80 } } }, rules });
  assert.equal(base.build().spec, { rules });
});

test.run();
