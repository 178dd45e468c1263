import { test } from "uvu";
import * as assert from "uvu/assert";
import { dockerConfigSecret, job, secret, type SecretManifest } from "../../../lib/index.js";
import { Withheld } from "../../../lib/internal/errors.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const SECRET_TYPE = 'a Secret type: "Opaque", a built-in "kubernetes.io/…" type, or your own "<domain>/<name>"';
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

test("a minimal Secret: a name and nothing else", () => {
  const built = secret("empty").build();
  const expected: SecretManifest = { apiVersion: "v1", kind: "Secret", metadata: { name: "empty" } };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("every Secret method sets its field", () => {
  const built = secret("db")
    .namespace("shop")
    .labels({ app: "db" })
    .annotations({ "example.com/rotated": "2024-01-01" })
    .type("kubernetes.io/basic-auth")
    .stringData({ username: "admin" })
    .data({ password: b64("s3cret") })
    .immutable()
    .build();
  const expected: SecretManifest = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db", namespace: "shop", labels: { app: "db" }, annotations: { "example.com/rotated": "2024-01-01" } },
    type: "kubernetes.io/basic-auth",
    immutable: true,
    data: { password: "czNjcmV0" },
    stringData: { username: "admin" },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
});

test("stringData and data merge; a key given again replaces its value; immutable(false) is written", () => {
  const built = secret("s").stringData({ a: "1", b: "2" }).stringData({ b: "3" }).data({ c: "AA==" }).data({ c: "AQ==" }).immutable(false).build();
  assert.equal(built, { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, immutable: false, data: { c: "AQ==" }, stringData: { a: "1", b: "3" } });
});

test("key() reads a variable from the Secret; keys lists data then stringData, once each", () => {
  const creds = secret("db").stringData({ user: "u", password: "p" }).data({ password: "cA==", token: "dA==" });
  assert.equal(creds.key("password"), { valueFrom: { secretKeyRef: { name: "db", key: "password" } } });
  assert.equal(creds.keys, ["password", "token", "user"]);
});

test("dockerConfigSecret: a dockerconfigjson Secret whose data decodes to the registry's auth", () => {
  const registry = dockerConfigSecret("registry", { registry: "ghcr.io", username: "ci-bot", password: "ghp_example" });
  const built = registry.build();
  const config = JSON.stringify({ auths: { "ghcr.io": { auth: b64("ci-bot:ghp_example") } } });
  const expected: SecretManifest = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "registry" },
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": b64(config) },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  assert.equal(JSON.parse(Buffer.from(built.data![".dockerconfigjson"]!, "base64").toString("utf8")), {
    auths: { "ghcr.io": { auth: "Y2ktYm90OmdocF9leGFtcGxl" } },
  });
  assert.is(Buffer.from("Y2ktYm90OmdocF9leGFtcGxl", "base64").toString("utf8"), "ci-bot:ghp_example");
  assert.equal(registry.keys, [".dockerconfigjson"]);
  assert.equal(job("pull").imagePullSecrets(registry.name).image("ghcr.io/x/y").build().spec.template.spec!.imagePullSecrets, [{ name: "registry" }]);
});

test("immutability: deriving never changes the base builder", () => {
  const base = secret("s").stringData({ a: "1" });
  const derived = base.stringData({ b: "2" }).data({ c: "AA==" }).type("Opaque").immutable().namespace("x");
  assert.equal(base.build(), { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { a: "1" } });
  assert.equal(base.keys, ["a"]);
  assert.equal(derived.keys, ["c", "a", "b"]);
});

test("immutability: build() returns a fresh object each call, and given maps are copied", () => {
  const data: Record<string, string> = { a: "AA==" };
  const builder = secret("s").data(data).stringData({ b: "x" });
  data.a = "AQ==";
  const first = builder.build();
  first.data!.a = "mutated";
  first.stringData!.b = "mutated";
  assert.equal(builder.build(), { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: "AA==" }, stringData: { b: "x" } });
});

test("run time: data values are padded base64; keys follow the ConfigMap key rule", () => {
  assertProblems(() => secret("s").data({ password: "s3cret" }).stringData({ "a/b": "x" }).build(), [
    {
      path: 'data["password"]', expected: "base64 text (standard alphabet, padded)",
      received: new Withheld("a secret value (not shown) of 6 characters: lowercase letters, digits; not base64: a length that is not a multiple of 4 (padding missing?)"),
    },
    { path: "stringData", expected: 'a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")', received: "a/b" },
  ]);
  assert.ok(secret("s").data({ password: b64("s3cret") }).stringData({ "tls.crt": "x" }).build());
  // Go's base64 decoder skips line breaks, as in `base64` output wrapped at 76 characters
  assert.ok(secret("s").data({ a: "YW\nJj", b: "YWJj\r\n" }).build());
  assert.equal(validationError(() => secret("s").data({ a: "Y Q==" }).build()).problems.map((p) => p.path), ['data["a"]']);
});

test("run time: a Secret's values are never printed, only what is wrong with them (issue 16)", () => {
  const value = "Sup3rS3cretPlainValue!";
  const error = validationError(() => secret("s1").data({ password: value, token: 1234 as unknown as string }).stringData({ pin: 7 as unknown as string }).build());
  assert.is(error.message, [
    'Secret "s1" is invalid:',
    '  data["token"]: expected a string, received a secret value (not shown) that is a number',
    '  data["password"]: expected base64 text (standard alphabet, padded), received a secret value (not shown) of 22 characters: uppercase letters, lowercase letters, digits, symbols; not base64: symbols outside the base64 alphabet (letters, digits, "+", "/", "=" padding); a length that is not a multiple of 4 (padding missing?)',
    '  stringData["pin"]: expected a string, received a secret value (not shown) that is a number',
  ].join("\n"));
  assert.not.ok(JSON.stringify(error.problems).includes(value), "the error object does not hold the value either");
  assert.not.ok(error.message.includes("1234"));
  assertProblems(() => secret("s").data({ a: "YQ=x" }).build(), [
    { path: 'data["a"]', expected: "base64 text (standard alphabet, padded)", received: new Withheld('a secret value (not shown) of 4 characters: uppercase letters, lowercase letters, symbols; not base64: "=" before the end') },
  ]);
});

test("a custom type named like an object member (constructor, toString) is no built-in type: no key required", () => {
  for (const type of ["constructor", "toString", "hasOwnProperty"]) {
    assert.equal(secret("s").type(type as never).stringData({ a: "1" }).build(), {
      apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type, stringData: { a: "1" },
    });
  }
});

test("run time: each built-in type requires its keys, from data or stringData", () => {
  const missing = (type: string, keys: string, received: string[]) => [{ path: "data", expected: `a key ${keys} for a Secret of type "${type}"`, received }];
  assertProblems(() => secret("s").type("kubernetes.io/dockerconfigjson").stringData({ other: "{}" }).build(),
    missing("kubernetes.io/dockerconfigjson", '".dockerconfigjson"', ["other"]));
  assertProblems(() => secret("s").type("kubernetes.io/dockercfg").build(), missing("kubernetes.io/dockercfg", '".dockercfg"', []));
  assertProblems(() => secret("s").type("kubernetes.io/tls").stringData({ "tls.crt": "cert" }).build(), missing("kubernetes.io/tls", '"tls.key"', ["tls.crt"]));
  assertProblems(() => secret("s").type("kubernetes.io/tls").build(), [
    ...missing("kubernetes.io/tls", '"tls.crt"', []),
    ...missing("kubernetes.io/tls", '"tls.key"', []),
  ]);
  assertProblems(() => secret("s").type("kubernetes.io/basic-auth").build(), missing("kubernetes.io/basic-auth", '"username" or "password"', []));
  assertProblems(() => secret("s").type("kubernetes.io/ssh-auth").stringData({ "id_rsa": "key" }).build(), missing("kubernetes.io/ssh-auth", '"ssh-privatekey"', ["id_rsa"]));

  // the good twins
  const ok = [
    secret("s").type("kubernetes.io/dockerconfigjson").stringData({ ".dockerconfigjson": '{"auths":{}}' }),
    secret("s").type("kubernetes.io/dockercfg").data({ ".dockercfg": b64("{}") }),
    secret("s").type("kubernetes.io/tls").stringData({ "tls.crt": "cert" }).data({ "tls.key": b64("key") }),
    secret("s").type("kubernetes.io/basic-auth").stringData({ password: "" }),
    secret("s").type("kubernetes.io/ssh-auth").stringData({ "ssh-privatekey": "key" }),
    secret("s").type("Opaque"),
    secret("s").type("example.com/custom"),
  ];
  for (const s of ok) assertSchemaValid(s.build());
});

test("run time: an ssh-auth key is not empty; registry credentials are a JSON object", () => {
  assertProblems(() => secret("s").type("kubernetes.io/ssh-auth").data({ "ssh-privatekey": "" }).build(), [
    { path: 'data["ssh-privatekey"]', expected: "a private key, not an empty value", received: "" },
  ]);
  assertProblems(() => secret("s").type("kubernetes.io/dockerconfigjson").stringData({ ".dockerconfigjson": "not json" }).build(), [
    { path: 'stringData[".dockerconfigjson"]', expected: "registry credentials as a JSON object", received: new Withheld("a secret value (not shown) of 8 characters: lowercase letters, spaces; not a JSON object") },
  ]);
  assertProblems(() => secret("s").type("kubernetes.io/dockercfg").data({ ".dockercfg": b64("[1, 2]") }).build(), [
    { path: 'data[".dockercfg"]', expected: "registry credentials as a JSON object", received: new Withheld("a secret value (not shown) of 6 characters: digits, spaces, symbols; not a JSON object") },
  ]);
  // stringData wins over data, as on the API server
  assert.ok(secret("s").type("kubernetes.io/dockerconfigjson").data({ ".dockerconfigjson": b64("nope") }).stringData({ ".dockerconfigjson": "{}" }).build());
});

test("run time: a service-account-token Secret names its ServiceAccount", () => {
  assertProblems(() => secret("token").type("kubernetes.io/service-account-token").build(), [
    {
      path: 'metadata.annotations["kubernetes.io/service-account.name"]',
      expected: 'the name of the ServiceAccount the token is for (a Secret of type "kubernetes.io/service-account-token" needs it)',
      received: undefined,
    },
  ]);
  const built = secret("token").type("kubernetes.io/service-account-token").annotations({ "kubernetes.io/service-account.name": "build-robot" }).build();
  assertSchemaValid(built);
});

test("run time: the values hold at most 1 MiB in all, counted decoded", () => {
  const half = "x".repeat(512 * 1024);
  assert.ok(secret("s").stringData({ a: half, b: half }).build());
  assertProblems(() => secret("s").stringData({ a: half, b: half }).data({ c: "AA==" }).build(), [
    { path: "data", expected: "at most 1048576 bytes of values in all (Kubernetes' limit)", received: "1048577 bytes" },
  ]);
  // a key in both counts once: stringData replaces data's value
  assert.ok(secret("s").stringData({ a: half, b: half }).data({ a: b64(half) }).build());
});

test("run time: an untyped caller's type is any string, as the API server takes it (\"\" is Opaque)", () => {
  for (const type of ["generic", "opaque", ""]) assertSchemaValid(secret("s").type(type as any).stringData({ a: "x" }).build());
  for (const good of ["Opaque", "bootstrap.kubernetes.io/token", "example.com/custom"] as const) assertSchemaValid(secret("s").type(good).build());
  assertProblems(() => secret("s").type(1 as any).build(), [{ path: "type", expected: SECRET_TYPE, received: 1 }]);
});

test("run time: an untyped caller's key() of a key the Secret lacks", () => {
  assertProblems(() => secret("db").stringData({ user: "u" }).key("password" as any), [
    { path: "data", expected: 'a key of its data or stringData ("user")', received: "password" },
  ]);
});

test("run time: the name is a DNS-1123 subdomain", () => {
  assert.ok(secret("db.credentials").build());
  assertProblems(() => secret("DB").build(), [
    { path: "metadata.name", expected: 'a DNS-1123 subdomain (at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit)', received: "DB" },
  ]);
});

test("run time: an untyped caller's values", () => {
  assertProblems(() => secret("s").immutable(1 as any).stringData({ a: 1 } as any).data({ b: null } as any).build(), [
    { path: "immutable", expected: "true or false", received: 1 },
    { path: 'data["b"]', expected: "a string", received: new Withheld("a secret value (not shown) that is null") },
    { path: 'stringData["a"]', expected: "a string", received: new Withheld("a secret value (not shown) that is a number") },
  ]);
});

test("immutability: one base varied two ways gives two independent Secrets", () => {
  const base = secret("s").namespace("shop").stringData({ a: "1" });
  const one = base.stringData({ b: "2" }).type("example.com/token");
  const two = base.data({ c: "AA==" }).immutable();
  assert.equal(one.build(), { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "shop" }, type: "example.com/token", stringData: { a: "1", b: "2" } });
  assert.equal(two.build(), { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "shop" }, immutable: true, data: { c: "AA==" }, stringData: { a: "1" } });
  assert.equal(base.keys, ["a"]);
});

test("the 1 MiB limit counts a key's stored value once: stringData's, over data's, for every type", () => {
  const big = "x".repeat(1024 * 1024);
  const SIZE = "at most 1048576 bytes of values in all (Kubernetes' limit)";
  for (const type of ["Opaque", "kubernetes.io/basic-auth"] as const) {
    const base = secret("s").type(type).stringData({ username: "u" });
    assert.ok(base.data({ password: b64(big) }).stringData({ password: "small" }).build(), `${type}: stringData replaces the large data value`);
    assertProblems(() => base.data({ password: b64("small") }).stringData({ password: big }).build(), [{ path: "data", expected: SIZE, received: "1048577 bytes" }]);
  }
});

test.run();
