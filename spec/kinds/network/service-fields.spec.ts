import { test } from "uvu";
import * as assert from "uvu/assert";
import { service, type ServiceManifest } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
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
    { path: "spec.ipFamilies", expected: 'one family when ipFamilyPolicy is "SingleStack"', received: ["IPv4", "IPv6"] },
    { path: "spec.externalIPs[0]", expected: 'an IP address such as "203.0.113.10" (not IPv4-mapped IPv6) that is not unspecified (0.0.0.0, ::), loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10) or link-local multicast (224.0.0.0/24, ff02::/16)', received: "not-an-ip" },
  ]);
});

test("run time: externalIPs traffic can reach; load balancer ranges trimmed as the API server trims them", () => {
  for (const ip of ["0.0.0.0", "127.0.0.1", "169.254.1.1", "224.0.0.1", "::", "::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1"]) {
    assert.equal(validationError(() => service("s").port(80).externalIPs(ip).build()).problems.map((p) => p.received), [ip], ip);
  }
  assert.equal(service("s").port(80).externalIPs("239.1.1.1", "2001:db8::1", "255.255.255.255").build().spec.externalIPs, ["239.1.1.1", "2001:db8::1", "255.255.255.255"]);
  assert.equal(service("s").type("LoadBalancer").port(80).loadBalancerSourceRanges(" 10.0.0.0/8").loadBalancerClass("internal-vip").build().spec.loadBalancerSourceRanges, [" 10.0.0.0/8"]);
});

test.run();
