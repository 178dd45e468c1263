import { test } from "uvu";
import * as assert from "uvu/assert";
import { service, type ServiceManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

test("every Service field method sets its field", () => {
  const built = service("web").type("LoadBalancer").selector({ app: "web" }).port("http", 80)
    .sessionAffinity("ClientIP", { timeoutSeconds: 600 })
    .externalTrafficPolicy("Local")
    .internalTrafficPolicy("Local")
    .loadBalancerSourceRanges("203.0.113.0/24", "2001:db8::/32")
    .loadBalancerClass("example.com/internal-vip")
    .ipFamilies("PreferDualStack", "IPv6", "IPv4")
    .publishNotReadyAddresses()
    .externalIPs("198.51.100.7")
    .build();
  const expected: ServiceManifest = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: {
      selector: { app: "web" },
      ports: [{ name: "http", port: 80 }],
      type: "LoadBalancer",
      sessionAffinity: "ClientIP",
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
      externalTrafficPolicy: "Local",
      internalTrafficPolicy: "Local",
      loadBalancerSourceRanges: ["203.0.113.0/24", "2001:db8::/32"],
      loadBalancerClass: "example.com/internal-vip",
      ipFamilyPolicy: "PreferDualStack",
      ipFamilies: ["IPv6", "IPv4"],
      publishNotReadyAddresses: true,
      externalIPs: ["198.51.100.7"],
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("immutability, and a later sessionAffinity(\"None\") drops the timeout", () => {
  const base = service("s").port(80).sessionAffinity("ClientIP", { timeoutSeconds: 60 });
  assert.equal(base.sessionAffinity("None").build().spec, { ports: [{ port: 80 }], sessionAffinity: "None" });
  assert.equal(base.build().spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 60 } });
  assert.equal(service("s").port(80).build().spec, { ports: [{ port: 80 }] });
});

test("run time: fields only some Service types have, and values as the API server checks them", () => {
  assertProblems(() => service("s").port(80)
    .sessionAffinity("ClientIP", { timeoutSeconds: 0 })
    .externalTrafficPolicy("Local")
    .loadBalancerSourceRanges("10.0.0.0/33")
    .loadBalancerClass("internal")
    .ipFamilies("SingleStack", "IPv4", "IPv6")
    .externalIPs("not-an-ip")
    .build(), [
    { path: "spec.sessionAffinityConfig.clientIP.timeoutSeconds", expected: "an integer from 1 to 86400", received: 0 },
    { path: "spec.externalTrafficPolicy", expected: "nothing unless the Service type is NodePort or LoadBalancer", received: "Local" },
    { path: "spec.loadBalancerSourceRanges", expected: "nothing unless the Service type is LoadBalancer", received: ["10.0.0.0/33"] },
    { path: "spec.loadBalancerSourceRanges[0]", expected: 'a CIDR such as "10.0.0.0/8" or "fd00::/8"', received: "10.0.0.0/33" },
    { path: "spec.loadBalancerClass", expected: "nothing unless the Service type is LoadBalancer", received: "internal" },
    { path: "spec.loadBalancerClass", expected: 'a domain-prefixed name such as "example.com/internal-vip"', received: "internal" },
    { path: "spec.ipFamilies", expected: 'one family when ipFamilyPolicy is "SingleStack"', received: ["IPv4", "IPv6"] },
    { path: "spec.externalIPs[0]", expected: 'an IP address such as "10.1.2.3" or "fd00::1"', received: "not-an-ip" },
  ]);
});

test.run();
