import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { maskSecret, maskSecretPair, Redactor } from "../../lib/deploy/secrets.js";

const secret: Manifest = {
  apiVersion: "v1", kind: "Secret",
  metadata: { name: "db", namespace: "demo", annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"data":{"PASSWORD":"c2VjcmV0"}}', team: "shop" } },
  data: { PASSWORD: "c2VjcmV0LXBhc3N3b3Jk", USER: "YWRtaW4=" },
  stringData: { TOKEN: "token-value-1234" },
};

test("a Secret is printed with every value masked, and the annotation holding a copy of it too", () => {
  const masked = maskSecret(secret);
  assert.equal(masked["data"], { PASSWORD: "***", USER: "***" });
  assert.equal(masked["stringData"], { TOKEN: "***" });
  assert.equal(masked.metadata.annotations, { "kubectl.kubernetes.io/last-applied-configuration": "***", team: "shop" });
  assert.equal((secret["data"] as Record<string, string>)["USER"], "YWRtaW4=", "the original is not changed");
});

test("other objects are not masked (a ConfigMap is not secret), and custom kinds named Secret are not core Secrets", () => {
  const config: Manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { A: "1" } };
  assert.equal(maskSecret(config), config);
  const custom: Manifest = { apiVersion: "example.com/v1", kind: "Secret", metadata: { name: "s" }, data: { A: "1" } };
  assert.equal(maskSecret(custom), custom);
});

test("two versions of a Secret: which keys changed shows, no value does", () => {
  const after: Manifest = { ...secret, data: { PASSWORD: "bmV3", ADDED: "eA==" }, stringData: { TOKEN: "token-value-1234" } };
  const [a, b] = maskSecretPair(secret, after);
  assert.equal(a!["data"], { PASSWORD: "*** (before)", USER: "***" });
  assert.equal(b!["data"], { PASSWORD: "*** (after)", ADDED: "***" });
  assert.equal(a!["stringData"], { TOKEN: "***" });
  assert.equal(b!["stringData"], { TOKEN: "***" });
  const [none, created] = maskSecretPair(undefined, secret);
  assert.is(none, undefined);
  assert.equal(created!["data"], { PASSWORD: "***", USER: "***" });
});

test("redactor: Secret values (as written, base64 and decoded) are removed from free text", () => {
  const redactor = new Redactor().learn([secret, undefined]);
  const text = "error: c2VjcmV0LXBhc3N3b3Jk and secret-password and token-value-1234 and dG9rZW4tdmFsdWUtMTIzNA== and admin";
  assert.is(redactor.redact(text), "error: *** and *** and *** and *** and ***");
});

test("redactor: values of 1, 3 and 8 characters and their base64 are masked as whole tokens or quoted strings, never inside words", () => {
  const short: Manifest = {
    apiVersion: "v1", kind: "Secret", metadata: { name: "short", namespace: "demo" },
    data: { PIN: Buffer.from("7").toString("base64"), CODE: Buffer.from("xyz").toString("base64") }, stringData: { KEY: "k8Sx2pQz" },
  };
  const redactor = new Redactor().learn([short]);
  const message = [
    'admission webhook "policy.example.com" denied the request: PIN 7 is too short; CODE "xyz" is too weak (eHl6), key=k8Sx2pQz,',
    `base64 ${Buffer.from("k8Sx2pQz").toString("base64")} and 'Nw==' rejected`,
  ].join(" ");
  assert.is(redactor.redact(message), 'admission webhook "policy.example.com" denied the request: PIN *** is too short; CODE "***" is too weak (***), key=***, base64 *** and \'***\' rejected');
  const unrelated = "Deployment web-7 in namespace xyzzy: 17 replicas, image nginx:1.27, hash k8Sx2pQzA";
  assert.is(redactor.redact(unrelated), unrelated, "values inside longer words are left alone");
});

test("redactor: a value with quotes or a newline is masked as a JSON string shows it too", () => {
  const redactor = new Redactor().learn([{ apiVersion: "v1", kind: "Secret", metadata: { name: "q" }, stringData: { A: 'pa"ss\nword' } }]);
  assert.is(redactor.redact('received "pa\\"ss\\nword", expected base64'), 'received "***", expected base64');
});

test.run();
