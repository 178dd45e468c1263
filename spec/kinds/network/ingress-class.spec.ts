import { test } from "uvu";
import * as assert from "uvu/assert";
import { ingressClass, type IngressClassManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("a minimal IngressClass: a name and a controller", () => {
  const built = ingressClass("nginx", "k8s.io/ingress-nginx").build();
  const expected: IngressClassManifest = { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every IngressClass method sets its field", () => {
  const built = ingressClass("external", "example.com/ingress-controller")
    .labels({ team: "net" })
    .isDefaultClass()
    .parameters({ apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external-lb", scope: "Namespace", namespace: "ingress" })
    .build();
  const expected: IngressClassManifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name: "external", labels: { team: "net" }, annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } },
    spec: {
      controller: "example.com/ingress-controller",
      parameters: { kind: "IngressParameters", name: "external-lb", apiGroup: "k8s.example.com", scope: "Namespace", namespace: "ingress" },
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  const base = ingressClass("a", "example.com/c");
  assert.equal(base.isDefaultClass(false).build().metadata, { name: "a", annotations: { "ingressclass.kubernetes.io/is-default-class": "false" } });
  assert.equal(base.build().metadata, { name: "a" });
});

test("run time: controller, parameters and scope as the API server checks them; cluster-scoped", () => {
  assertProblems(() => ingressClass("a", "nginx").namespace("x").parameters({ kind: "", name: "p", scope: "Namespace" } as any).build(), [
    { path: "metadata.namespace", expected: "nothing: a IngressClass is cluster-scoped", received: "x" },
    { path: "spec.controller", expected: 'a domain-prefixed path such as "example.com/ingress-controller" (at most 250 characters)', received: "nginx" },
    { path: "spec.parameters.kind", expected: 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"', received: "" },
    { path: "spec.parameters.namespace", expected: 'a namespace when scope is "Namespace"', received: undefined },
  ]);
  assertProblems(() => ingressClass("a", "example.com/c").parameters({ kind: "K", name: "p", namespace: "ns", colour: 1 } as any).build(), [
    { path: "spec.parameters", expected: "a field of IngressClass parameters (apiGroup, kind, name, scope, namespace)", received: "colour" },
    { path: "spec.parameters.namespace", expected: 'nothing unless scope is "Namespace"', received: "ns" },
  ]);
});

test("run time: the parameters' kind and name are URL path segments, as the API server checks them", () => {
  const segment = 'a name that can be a URL path segment: not empty, "." or "..", and without "/" or "%"';
  assertProblems(() => ingressClass("c", "example.com/ingress").parameters({ kind: "a/b", name: "p%" }).build(), [
    { path: "spec.parameters.kind", expected: segment, received: "a/b" },
    { path: "spec.parameters.name", expected: segment, received: "p%" },
  ]);
});

test("immutability: one base varied two ways gives two independent IngressClasses", () => {
  const base = ingressClass("nginx", "k8s.io/ingress-nginx");
  const one = base.isDefaultClass();
  const two = base.parameters({ apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external" });
  assert.equal(one.build().metadata, { name: "nginx", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } });
  assert.equal(one.build().spec, { controller: "k8s.io/ingress-nginx" });
  assert.equal(two.build().metadata, { name: "nginx" });
  assert.equal(two.build().spec, { controller: "k8s.io/ingress-nginx", parameters: { kind: "IngressParameters", name: "external", apiGroup: "k8s.example.com" } });
  assert.equal(base.build().spec, { controller: "k8s.io/ingress-nginx" });
});

test("run time: the parameters' scope is Cluster or Namespace", () => {
  assertProblems(() => ingressClass("nginx", "k8s.io/ingress-nginx").parameters({ kind: "IngressParameters", name: "external", scope: "Global" } as any).build(), [
    { path: "spec.parameters.scope", expected: 'one of "Cluster", "Namespace"', received: "Global" },
  ]);
});

test.run();
