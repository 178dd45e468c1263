import { test } from "uvu";
import * as assert from "uvu/assert";
import { serviceAccount, type ServiceAccountManifest } from "../../../lib/index.js";
import { assertProblems } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const SUBDOMAIN = 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)';

test("a minimal ServiceAccount: a name and nothing else", () => {
  const built = serviceAccount("backup").build();
  const expected: ServiceAccountManifest = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "backup" } };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every ServiceAccount method sets its field", () => {
  const built = serviceAccount("backup")
    .namespace("ops")
    .labels({ team: "ops" })
    .annotations({ "iam.gke.io/gcp-service-account": "backup@project.iam.gserviceaccount.com" })
    .imagePullSecrets("registry-a", "registry-b")
    .automountServiceAccountToken(false)
    .build();
  const expected: ServiceAccountManifest = {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: "backup",
      namespace: "ops",
      labels: { team: "ops" },
      annotations: { "iam.gke.io/gcp-service-account": "backup@project.iam.gserviceaccount.com" },
    },
    automountServiceAccountToken: false,
    imagePullSecrets: [{ name: "registry-a" }, { name: "registry-b" }],
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("imagePullSecrets adds, once each, in order; name and namespace are readable", () => {
  const sa = serviceAccount("sa").imagePullSecrets("a", "b").imagePullSecrets("b", "c").namespace("ns");
  assert.equal(sa.build().imagePullSecrets, [{ name: "a" }, { name: "b" }, { name: "c" }]);
  assert.is(sa.name, "sa");
  assert.is(sa.namespaceName, "ns");
  assert.is(serviceAccount("sa").namespaceName, undefined);
});

test("immutability: deriving never changes the base builder", () => {
  const base = serviceAccount("sa").imagePullSecrets("a");
  const derived = base.imagePullSecrets("b").automountServiceAccountToken(true).namespace("x");
  assert.equal(base.build(), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa" }, imagePullSecrets: [{ name: "a" }] });
  assert.equal(derived.build(), {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "sa", namespace: "x" },
    automountServiceAccountToken: true,
    imagePullSecrets: [{ name: "a" }, { name: "b" }],
  });
});

test("immutability: build() returns a fresh object each call", () => {
  const builder = serviceAccount("sa").imagePullSecrets("a").labels({ l: "1" });
  const first = builder.build();
  first.imagePullSecrets!.push({ name: "more" });
  first.imagePullSecrets![0]!.name = "changed";
  first.metadata.labels!.l = "changed";
  assert.equal(builder.build(), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa", labels: { l: "1" } }, imagePullSecrets: [{ name: "a" }] });
});

test("run time: the name and pull secret names are DNS-1123 subdomains; the namespace a DNS-1123 label", () => {
  assert.ok(serviceAccount("ci.robot").imagePullSecrets("reg.io-creds").namespace("ci").build());
  assertProblems(() => serviceAccount("CI Robot").imagePullSecrets("ok", "Bad_Secret").namespace("Ops").build(), [
    { path: "metadata.name", expected: SUBDOMAIN, received: "CI Robot" },
    { path: "metadata.namespace", expected: 'a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)', received: "Ops" },
    { path: "imagePullSecrets[1].name", expected: SUBDOMAIN, received: "Bad_Secret" },
  ]);
});

test("run time: an untyped caller's automountServiceAccountToken", () => {
  assertProblems(() => serviceAccount("sa").automountServiceAccountToken("false" as any).build(), [
    { path: "automountServiceAccountToken", expected: "true or false", received: "false" },
  ]);
});

test("immutability: one base varied two ways gives two independent ServiceAccounts", () => {
  const base = serviceAccount("web").namespace("shop");
  const one = base.imagePullSecrets("registry");
  const two = base.automountServiceAccountToken(false).labels({ app: "web" });
  assert.equal(one.build(), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop" }, imagePullSecrets: [{ name: "registry" }] });
  assert.equal(two.build(), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop", labels: { app: "web" } }, automountServiceAccountToken: false });
  assert.equal(base.build(), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop" } });
});

test.run();
