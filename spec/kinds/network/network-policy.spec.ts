import { test } from "uvu";
import * as assert from "uvu/assert";
import { denyAll, deployment, ipBlock, namespaces, networkPolicy, pods, service, type NetworkPolicyManifest } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const api = deployment("api").namespace("shop").templateLabels({ app: "api" }).image("api");
const db = deployment("db").namespace("data").templateLabels({ app: "db" }).image("postgres");
const dbService = service("db").namespace("data").selecting(db).port("sql", 5432, { targetPort: 5432 }).port("metrics", 9187, { targetPort: "metrics" });

test("denyAll(): every pod of the namespace, both directions, no rules", () => {
  const built = denyAll("default-deny").namespace("shop").build();
  const expected: NetworkPolicyManifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "default-deny", namespace: "shop" },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("a policy with no rule writes Kubernetes' default policyTypes: Ingress (it denies ingress)", () => {
  assert.equal(networkPolicy("p").selecting(api).build().spec, { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"] });
});

test("allowFrom and allowTo: workloads, pods, namespaces, IP blocks, a Service's pods and target ports", () => {
  const built = networkPolicy("api")
    .namespace("shop")
    .labels({ app: "api" })
    .selecting(api)
    .allowFrom([namespaces({ "kubernetes.io/metadata.name": "ingress-nginx" }), pods({ app: "web" })], { ports: ["http", 8080] })
    .allowTo([dbService])
    .allowTo([namespaces({ "kubernetes.io/metadata.name": "kube-system" })], { ports: [53, { port: 53, protocol: "UDP" }] })
    .allowTo([ipBlock("10.0.0.0/8", "10.1.0.0/16"), pods({ role: "cache" }, { matchLabels: { team: "platform" } })], { ports: [{ port: 30000, endPort: 32767 }] })
    .build();
  const expected: NetworkPolicyManifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "api", namespace: "shop", labels: { app: "api" } },
    spec: {
      podSelector: { matchLabels: { app: "api" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }, { podSelector: { matchLabels: { app: "web" } } }],
        ports: [{ port: "http" }, { port: 8080 }],
      }],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { app: "db" } }, namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "data" } } }],
          ports: [{ port: 5432 }, { port: "metrics" }],
        },
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ port: 53 }, { protocol: "UDP", port: 53 }] },
        {
          to: [
            { ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } },
            { podSelector: { matchLabels: { role: "cache" } }, namespaceSelector: { matchLabels: { team: "platform" } } },
          ],
          ports: [{ port: 30000, endPort: 32767 }],
        },
      ],
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("a workload peer in another namespace is found by its namespace's name; in the same one by its labels alone", () => {
  assert.equal(networkPolicy("db").namespace("data").selecting(db).allowFrom([api], { ports: [5432] }).build().spec.ingress, [{
    from: [{ podSelector: { matchLabels: { app: "api" } }, namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }],
    ports: [{ port: 5432 }],
  }]);
  assert.equal(networkPolicy("api").namespace("shop").selecting(api).allowFrom([api]).build().spec.ingress, [{ from: [{ podSelector: { matchLabels: { app: "api" } } }] }]);
  // no peers: from anywhere
  assert.equal(networkPolicy("open").allowFrom([]).build().spec, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] });
});

test("immutability: deriving never changes the base builder; build() is fresh", () => {
  const base = networkPolicy("p").selecting(api);
  const derived = base.allowFrom([pods({ a: "b" })]).denyEgress();
  assert.equal(base.build().spec, { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"] });
  assert.equal(derived.build().spec, { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: { matchLabels: { a: "b" } } }] }] });
  const first = derived.build();
  first.spec.ingress![0]!.from![0]!.podSelector!.matchLabels!.a = "x";
  assert.equal(derived.build().spec.ingress![0]!.from![0]!.podSelector!.matchLabels, { a: "b" });
});

test("run time: CIDRs, except blocks inside the CIDR, ports and port ranges as the API server checks them", () => {
  assertProblems(() => networkPolicy("p")
    .allowFrom([ipBlock("10.0.0.0/33"), ipBlock("10.0.0.0/8", "11.0.0.0/16", "10.0.0.0/8")], { ports: [{ port: "http", endPort: 90 } as any, { port: 100, endPort: 90 }, 0, { port: 80, protocol: "ICMP" as any }] })
    .build(), [
    { path: "spec.ingress[0].from[0].ipBlock.cidr", expected: 'a CIDR such as "10.0.0.0/8" or "fd00::/8"', received: "10.0.0.0/33" },
    { path: "spec.ingress[0].from[1].ipBlock.except[0]", expected: "a strict subset of cidr (10.0.0.0/8)", received: "11.0.0.0/16" },
    { path: "spec.ingress[0].from[1].ipBlock.except[1]", expected: "a strict subset of cidr (10.0.0.0/8)", received: "10.0.0.0/8" },
    { path: "spec.ingress[0].ports[0].endPort", expected: "nothing unless port is a number (a range needs a numeric start)", received: 90 },
    { path: "spec.ingress[0].ports[1].endPort", expected: "an integer from port (100) to 65535", received: 90 },
    { path: "spec.ingress[0].ports[2].port", expected: "an integer from 1 to 65535", received: 0 },
    { path: "spec.ingress[0].ports[3].protocol", expected: 'one of "TCP", "UDP", "SCTP"', received: "ICMP" },
  ]);
  assert.ok(networkPolicy("p").allowTo([ipBlock("fd00::/8", "fd00:1::/32")]).build());
});

test("run time: a Service peer must select pods; an empty peer is named", () => {
  const error = validationError(() => networkPolicy("p").allowTo([service("external").externalName("db.example.com")]));
  assert.equal(error.problems, [{ path: "spec.egress", expected: "a Service that selects pods (external has no selector)", received: "external" }]);
  assertProblems(() => networkPolicy("p").allowFrom([{ pods: undefined } as any]).build(), [
    { path: "spec.ingress[0].from[0]", expected: "pods, namespaces or an ipBlock", received: {} },
  ]);
});

test("run time: a CIDR has no address bits beyond its prefix and no leading zeros, as the API server checks", () => {
  const expected = 'a CIDR such as "10.0.0.0/8" or "fd00::/8"';
  assert.ok(networkPolicy("n").allowFrom([ipBlock("10.0.0.0/8", "10.1.0.0/16"), ipBlock("0.0.0.0/0")]).build());
  for (const cidr of ["10.0.0.1/8", "10.0.0.0/08"]) {
    assertProblems(() => networkPolicy("n").allowFrom([ipBlock(cidr)]).build(), [{ path: "spec.ingress[0].from[0].ipBlock.cidr", expected, received: cidr }]);
  }
});

test("immutability: one base varied two ways gives two independent NetworkPolicies", () => {
  const base = networkPolicy("api").namespace("shop").selecting(api);
  const one = base.allowFrom([pods({ app: "web" })], { ports: [8080] });
  const two = base.denyEgress();
  const podSelector = { matchLabels: { app: "api" } };
  assert.equal(one.build().spec, { podSelector, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 8080 }] }] });
  assert.equal(two.build().spec, { podSelector, policyTypes: ["Egress"] });
  assert.equal(base.build().spec, { podSelector, policyTypes: ["Ingress"] });
});

test.run();
