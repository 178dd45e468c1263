// .hashed() names against kustomize's: the same entries in a configMapGenerator or secretGenerator, built by the
// real `kubectl kustomize` (kubectl embeds kustomize), must give the same object, suffix included. kubectl is
// required: without it this spec fails, never skips (CI has it, as the e2e suite uses it).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { dump, loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configMap, dockerConfigSecret, secret, type ConfigMapBuilder, type SecretBuilder, type SecretType } from "../../../lib/index.js";

type Builder = ConfigMapBuilder<string, string> | SecretBuilder<string>;

/** One generator of a kustomization and the piceli builder that should make the same object. */
interface Case {
  readonly kind: "ConfigMap" | "Secret";
  readonly name: string;
  /** The generator's fields besides its name (literals, files, envs, type, options). */
  readonly generator: Readonly<Record<string, unknown>>;
  readonly piceli: Builder;
}

const root = mkdtempSync(join(tmpdir(), "piceli-kustomize-"));
const file = (name: string, content: string | Uint8Array): string => {
  writeFileSync(join(root, name), content);
  return join(root, name);
};
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

const text = file("app.conf", "listen 8080;\r\nroot /srv; # <html> & \"quotes\" \\ 'single'\n\u2028\u2029\u00e4\u4e2d\u{1f600}\t\n");
const binary = file("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe]));
const empty = file("empty.txt", "");
const bom = file("bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("after a byte order mark\n")]));
const large = file("large.txt", "0123456789abcdef\n".repeat(20_000));
const cert = file("tls.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
const key = file("tls.key", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
// kubectl's and kustomize's env files agree but for a line without "=": kubectl reads the environment, kustomize never
const env = file("app.env", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('A=1\n  # comment\n\n   B=2 \nC="quoted"\r\nD=a=b\nE=\n\tH=ä\n#x')]));
const docker = JSON.stringify({ auths: { "ghcr.io": { auth: b64("bot:token") } } });

/** Keys in an order that JavaScript's objects and sorting, and Go's, could each get wrong (not numbers: see the last tests). */
const sortedKeys = { "1a": "digit first", "9b": "nine", ["__proto__"]: "a key, not the prototype", a: "lower", B: "upper", _x: "underscore", "-y": "dash", ".z": "dot", "a.b": "dotted", a0: "digit" };
const literals = (data: Readonly<Record<string, string>>) => Object.entries(data).map(([k, v]) => `${k}=${v}`);
const unicode = { emoji: "\u{1f600}\u{1f44d}\u{1f3fd}", cjk: "\u4e2d\u6587", combining: "e\u0301", bidi: "\u202eabc", nbsp: "a\u00a0b", replacement: "\ufffd", max: "\u{10ffff}", private: "\ue000" };
const html = { lt: "a<b", gt: "a>b", amp: "a&b", tag: "<script>alert('x')</script>", separators: "line\u2028paragraph\u2029end" };
const escapes = { newline: "one\ntwo", crlf: "one\r\ntwo", tab: "a\tb", quote: 'say "hi"', backslash: "C:\\path\\", slash: "a/b", json: '{"a":[1,2]}', space: " padded ", equals: "a=b=c" };

const FIXED: Case[] = [
  { kind: "ConfigMap", name: "empty", generator: {}, piceli: configMap("empty") },
  { kind: "ConfigMap", name: "literals", generator: { literals: ["LOG_LEVEL=info", "PORT=8080"] }, piceli: configMap("literals").data({ LOG_LEVEL: "info", PORT: "8080" }) },
  { kind: "ConfigMap", name: "sorted-keys", generator: { literals: literals(sortedKeys) }, piceli: configMap("sorted-keys").data(sortedKeys) },
  { kind: "ConfigMap", name: "unicode", generator: { literals: literals(unicode) }, piceli: configMap("unicode").data(unicode) },
  { kind: "ConfigMap", name: "html", generator: { literals: literals(html) }, piceli: configMap("html").data(html) },
  { kind: "ConfigMap", name: "escapes", generator: { literals: literals(escapes) }, piceli: configMap("escapes").data(escapes) },
  { kind: "ConfigMap", name: "empty-value", generator: { literals: ["a="] }, piceli: configMap("empty-value").data({ a: "" }) },
  { kind: "ConfigMap", name: "text-file", generator: { files: [text] }, piceli: configMap("text-file").fromFile(text) },
  { kind: "ConfigMap", name: "binary-file", generator: { files: [binary] }, piceli: configMap("binary-file").fromFile(binary) },
  { kind: "ConfigMap", name: "both", generator: { files: [text, binary], literals: ["extra=1"] }, piceli: configMap("both").fromFile(text).fromFile(binary).data({ extra: "1" }) },
  { kind: "ConfigMap", name: "keyed-files", generator: { files: [`site.conf=${text}`, `favicon=${binary}`] }, piceli: configMap("keyed-files").fromFile("site.conf", text).fromFile("favicon", binary) },
  { kind: "ConfigMap", name: "proto-files", generator: { files: [`__proto__=${text}`] }, piceli: configMap("proto-files").fromFile("__proto__", text) },
  { kind: "Secret", name: "proto-files", generator: { files: [`__proto__=${binary}`] }, piceli: secret("proto-files").fromFile("__proto__", binary) },
  { kind: "ConfigMap", name: "binary-data", generator: { files: [binary] }, piceli: configMap("binary-data").binaryData({ "logo.png": readFileSync(binary).toString("base64") }) },
  { kind: "ConfigMap", name: "empty-file", generator: { files: [empty] }, piceli: configMap("empty-file").fromFile(empty) },
  { kind: "ConfigMap", name: "bom-file", generator: { files: [bom] }, piceli: configMap("bom-file").fromFile(bom) },
  { kind: "ConfigMap", name: "large-file", generator: { files: [large] }, piceli: configMap("large-file").fromFile(large) },
  { kind: "ConfigMap", name: "env-file", generator: { envs: [env] }, piceli: configMap("env-file").fromEnvFile(env) },
  // generatorOptions and the object's other fields are not hashed
  {
    kind: "ConfigMap", name: "options",
    generator: { literals: ["a=1"], options: { immutable: true, labels: { app: "web" }, annotations: { note: "x" } } },
    piceli: configMap("options").data({ a: "1" }).immutable().labels({ app: "web" }).annotations({ note: "x" }),
  },
  { kind: "Secret", name: "empty", generator: {}, piceli: secret("empty").data({}) },
  { kind: "Secret", name: "literals", generator: { literals: ["user=admin", "password=s3cret"] }, piceli: secret("literals").data({ user: b64("admin"), password: b64("s3cret") }) },
  { kind: "Secret", name: "opaque", generator: { literals: ["user=admin"], type: "Opaque" }, piceli: secret("opaque").type("Opaque").data({ user: b64("admin") }) },
  { kind: "Secret", name: "sorted-keys", generator: { literals: literals(sortedKeys) }, piceli: secret("sorted-keys").data(Object.fromEntries(Object.entries(sortedKeys).map(([k, v]) => [k, b64(v)]))) },
  { kind: "Secret", name: "unicode", generator: { literals: literals(unicode) }, piceli: secret("unicode").data(Object.fromEntries(Object.entries(unicode).map(([k, v]) => [k, b64(v)]))) },
  { kind: "Secret", name: "tls", generator: { type: "kubernetes.io/tls", files: [cert, key] }, piceli: secret("tls").type("kubernetes.io/tls").fromFile(cert).fromFile(key) },
  { kind: "Secret", name: "basic-auth", generator: { type: "kubernetes.io/basic-auth", literals: ["username=admin", "password=p<&>"] }, piceli: secret("basic-auth").type("kubernetes.io/basic-auth").data({ username: b64("admin"), password: b64("p<&>") }) },
  { kind: "Secret", name: "registry", generator: { type: "kubernetes.io/dockerconfigjson", literals: [`.dockerconfigjson=${docker}`] }, piceli: dockerConfigSecret("registry", { registry: "ghcr.io", username: "bot", password: "token" }) },
  { kind: "Secret", name: "custom-type", generator: { type: "example.com/token", literals: ["token=abc"] }, piceli: secret("custom-type").type("example.com/token").data({ token: b64("abc") }) },
  { kind: "Secret", name: "binary", generator: { files: [binary, `copy=${text}`] }, piceli: secret("binary").fromFile(binary).fromFile("copy", text) },
  { kind: "Secret", name: "env-file", generator: { envs: [env] }, piceli: secret("env-file").fromEnvFile(env) },
  { kind: "Secret", name: "options", generator: { literals: ["a=1"], options: { immutable: true, labels: { app: "web" } } }, piceli: secret("options").data({ a: b64("1") }).immutable().labels({ app: "web" }) },
];

/** The same content as a generator, written another way in piceli: only the name is compared (the manifests differ in form). */
const SAME_CONTENT: readonly [kind: "ConfigMap" | "Secret", generator: string, piceli: Builder][] = [
  ["ConfigMap", "empty", configMap("empty").data({})],
  // the generator writes `data: {}`; piceli writes no data unless given
  ["Secret", "empty", secret("empty")],
  ["ConfigMap", "empty", configMap("empty").data({}).binaryData({})],
  ["ConfigMap", "literals", configMap("literals").data({ PORT: "8080" }).data({ LOG_LEVEL: "info" })],
  // no type: the generator writes "Opaque"; "" is "Opaque" for the API server
  ["Secret", "opaque", secret("opaque").data({ user: b64("admin") })],
  ["Secret", "opaque", secret("opaque").type("" as SecretType).data({ user: b64("admin") })],
  // stringData is stored as data: the same values, the same suffix
  ["Secret", "literals", secret("literals").stringData({ user: "admin", password: "s3cret" })],
  ["Secret", "literals", secret("literals").stringData({ user: "admin" }).data({ password: b64("s3cret"), user: b64("other") })],
  // base64 without padding decodes to the same bytes
  ["Secret", "opaque", secret("opaque").data({ user: "YWRtaW4" })],
];

/** Random files: text of any character kustomize writes as it is (no C0 or C1 controls but tab, CR and LF: see the last tests), or bytes that are not UTF-8. */
const character = fc.oneof(
  fc.constantFrom("\t", "\n", "\r", "<", ">", "&", '"', "\\", "'", "=", "#", ":", "\u2028", "\u2029", "\ufffd"),
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0xa0, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0xfffd }).filter((c) => c !== 0xfeff),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
).map((c) => (typeof c === "number" ? String.fromCodePoint(c) : c));
// kustomize writes base64 of 52 bytes and more in lines: long values too
const content = fc.oneof(
  fc.array(character, { maxLength: 200, size: "max" }).map((chars) => Buffer.from(chars.join(""), "utf8")),
  fc.uint8Array({ maxLength: 200, size: "max" }).map((bytes) => Buffer.concat([Buffer.from([0xff]), bytes])),
);
/**
 * Keys YAML may read as numbers, booleans or null, which kustomize cannot write (see the last tests), left out: all
 * that start like a number once "_" is dropped (Go's YAML reads -_4_0 as -40), .inf, .nan, true, false and null.
 */
const yamlNonString = (k: string) => (/^[-+.0-9]/.test(k) && /^[-+]?\.?[0-9]/.test(k.replaceAll("_", ""))) || /^([-+]?\.(inf|Inf|INF|nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL)$/.test(k);
const configKey = fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/).filter((k) => k !== "." && !k.startsWith("..") && !yamlNonString(k));
const files = fc.uniqueArray(fc.tuple(configKey, content), { minLength: 1, maxLength: 4, selector: ([k]) => k });
const secretType = fc.constantFrom<SecretType | undefined>(undefined, "Opaque", "example.com/random");

function randomCases(kind: "ConfigMap" | "Secret", count: number, seed: number): Case[] {
  const folder = join(root, `random-${kind}`);
  mkdirSync(folder);
  return fc.sample(fc.tuple(files, secretType), { numRuns: count, seed }).map(([entries, type], i) => {
    const name = `random-${i}`;
    const paths = entries.map(([key, bytes], j) => [key, file(join(`random-${kind}`, `${i}-${j}`), bytes)] as const);
    const generator = { files: paths.map(([key, path]) => `${key}=${path}`), ...(kind === "Secret" && type !== undefined ? { type } : {}) };
    const piceli = kind === "ConfigMap"
      ? paths.reduce((b, [key, path]) => b.fromFile(key, path), configMap(name) as ConfigMapBuilder<string, string>)
      : paths.reduce((b, [key, path]) => b.fromFile(key, path), type === undefined ? secret(name) : secret(name).type(type) as SecretBuilder<string>);
    return { kind, name, generator, piceli };
  });
}

const RANDOM = [...randomCases("ConfigMap", 60, 20261130), ...randomCases("Secret", 40, 20261130)];

/** `kubectl kustomize` of a kustomization of these cases' generators (and `extra` fields). */
function runKustomize(cases: readonly Case[], extra: Readonly<Record<string, unknown>> = {}): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(root, "kustomization-"));
  const generators = (kind: string) => cases.filter((c) => c.kind === kind).map((c) => ({ name: c.name, ...c.generator }));
  writeFileSync(join(dir, "kustomization.yaml"), dump({ ...extra, configMapGenerator: generators("ConfigMap"), secretGenerator: generators("Secret") }));
  // absolute file paths need the load restrictor off
  const run = spawnSync("kubectl", ["kustomize", "--load-restrictor", "LoadRestrictionsNone", dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`kubectl kustomize could not run (${run.error.message}): this spec compares with kubectl's kustomize, so kubectl must be installed`);
  return run;
}

/** What `kubectl kustomize` prints for these cases, by kind and name without the suffix. */
function kustomize(cases: readonly Case[], extra: Readonly<Record<string, unknown>> = {}): Map<string, Record<string, any>> {
  const run = runKustomize(cases, extra);
  // kubectl's errors print the generated object, values included: only test values here
  if (run.status !== 0) throw new Error(`kubectl kustomize failed (${run.status}): ${run.stderr}`);
  const out = new Map<string, Record<string, any>>();
  for (const doc of loadAll(run.stdout) as Record<string, any>[]) {
    const name = doc["metadata"].name as string;
    out.set(`${doc["kind"]}/${name.slice(0, name.lastIndexOf("-"))}`, doc);
  }
  assert.is(out.size, cases.length, "one object per generator");
  return out;
}

/** The name kustomize gives the object it then fails to write (its error prints the object). */
function failedName(c: Case, reason: string): string {
  const run = runKustomize([c]);
  assert.is.not(run.status, 0, `${c.kind} ${c.name}: kustomize fails`);
  assert.ok(run.stderr.includes(reason), `${c.kind} ${c.name}: ${reason}`);
  return /\\"name\\":\\"([^\\]+)\\"/.exec(run.stderr)![1]!;
}

// kustomize's YAML writer takes these for line breaks (YAML 1.1's), and writes values with them that read back otherwise
const BREAKS = /[\u0085\u2028\u2029]/;
/** `data` with the values that hold {@link BREAKS} replaced by one placeholder: only their hash (the name) is compared. */
const unbroken = (piceli: Readonly<Record<string, string>>, entries: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, BREAKS.test(piceli[k] ?? "") ? "(held a line break of YAML 1.1)" : v]));

const unwrapped = (entries: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.replaceAll("\n", "")]));

/**
 * Asserts each case's build() is kustomize's object, name and suffix included (a Secret without a type is "Opaque"
 * there; base64 compared without kustomize's line breaks; ConfigMap values holding U+0085, U+2028 or U+2029, which
 * kustomize writes wrong, left out).
 */
function assertSame(cases: readonly Case[], kustomized: Map<string, Record<string, any>>, named = (name: string) => name): void {
  for (const c of cases) {
    const expected = { ...kustomized.get(`${c.kind}/${named(c.name)}`)! };
    const built: Record<string, unknown> = { ...c.piceli.hashed().build() };
    if (c.kind === "Secret" && built["type"] === undefined) {
      assert.is(expected["type"], "Opaque", `${c.kind} ${c.name}: the generator's default type`);
      delete expected["type"];
    }
    // kustomize writes long base64 in lines of 70 characters; the API server reads both forms as the same bytes
    for (const field of c.kind === "Secret" ? ["data"] : ["binaryData"]) if (expected[field]) expected[field] = unwrapped(expected[field]);
    const data = built["data"] as Record<string, string> | undefined;
    if (c.kind === "ConfigMap" && data && expected["data"]) [built["data"], expected["data"]] = [unbroken(data, data), unbroken(data, expected["data"])];
    assert.equal(built, expected, `${c.kind} ${c.name}`);
  }
}

test(`${FIXED.length} fixed generators (literals, files, binaryData, env files, Secret types, options): piceli builds kubectl kustomize's objects, suffixes included`, () => {
  const kustomized = kustomize(FIXED);
  assertSame(FIXED, kustomized);
  for (const [kind, name, builder] of SAME_CONTENT) {
    assert.is(builder.hashed().name, kustomized.get(`${kind}/${name}`)!["metadata"].name, `${kind} ${name}, written another way`);
  }
});

test(`${RANDOM.length} random generators (files of random text and bytes, random keys and types): the same objects and suffixes as kubectl kustomize`, () => {
  assertSame(RANDOM, kustomize(RANDOM));
  // what the random cases must hold to test anything: base64 kustomize writes in lines, characters Go escapes
  const values = (kind: string, field: string) => RANDOM.filter((c) => c.kind === kind).flatMap((c) => Object.values((c.piceli.build() as Record<string, any>)[field] ?? {}) as string[]);
  assert.ok(values("Secret", "data").some((v) => v.length > 70), "a long Secret value");
  assert.ok(values("ConfigMap", "binaryData").some((v) => v.length > 70), "long binaryData");
  assert.ok(values("ConfigMap", "data").some((v) => /[<>&\u2028\u2029]/.test(v)), "characters Go escapes in JSON");
});

test("kustomize hashes neither the name nor the namespace, labels or prefixes: generators with the same entries share a suffix", () => {
  const same: Case[] = ["one", "two"].map((name) => ({
    kind: "ConfigMap", name, generator: { literals: ["a=1"] }, piceli: configMap(`p-${name}-s`).namespace("shop").labels({ team: "a" }).data({ a: "1" }),
  }));
  const kustomized = kustomize(same, { namePrefix: "p-", nameSuffix: "-s", namespace: "shop", labels: [{ pairs: { team: "a" } }] });
  assertSame(same, kustomized, (name) => `p-${name}-s`);
  assert.equal([...kustomized.values()].map((m) => m["metadata"].name), ["p-one-s-h29d89cmmt", "p-two-s-h29d89cmmt"]);
  assert.is(configMap("anything").data({ a: "1" }).hashed().name, "anything-h29d89cmmt");
});

test("where kustomize's objects differ, its names still agree: keys YAML reads as numbers, booleans or null, and control characters, make it fail after naming the object; values with U+0085, U+2028 and U+2029 it writes wrong", () => {
  const numbers = { "10": "v", "1.5": "v", true: "v", False: "v", "0x1F": "v", "0o17": "v", "1_000": "v", "-_4_0": "v", "._5": "v", "1e3": "v", ".inf": "v" };
  const keys: Case = { kind: "ConfigMap", name: "numbers", generator: { literals: literals(numbers) }, piceli: configMap("numbers").data(numbers) };
  assert.is(failedName(keys, "json: unsupported type"), keys.piceli.hashed().name);
  // a key read as null kustomize even leaves out of its hash; piceli hashes what it writes
  const nulls: Case = { kind: "ConfigMap", name: "nulls", generator: { literals: ["null=v", "a=1"] }, piceli: configMap("nulls").data({ null: "v", a: "1" }) };
  assert.is(failedName(nulls, "json: unsupported type"), configMap("nulls").data({ a: "1" }).hashed().name);
  assert.is.not(nulls.piceli.hashed().name, configMap("nulls").data({ a: "1" }).hashed().name);
  const secretKeys: Case = { kind: "Secret", name: "numbers", generator: { literals: ["10=v"] }, piceli: secret("numbers").stringData({ "10": "v" }) };
  assert.is(failedName(secretKeys, "json: unsupported type"), secretKeys.piceli.hashed().name);
  const controls = file("controls.txt", "a\bb\fc\x01\x7f\x00\x1b\u0080\u009f");
  const control: Case = { kind: "ConfigMap", name: "controls", generator: { files: [controls] }, piceli: configMap("controls").fromFile(controls) };
  assert.is(failedName(control, "control characters are not allowed"), control.piceli.hashed().name);
  for (const [i, text] of ["a\u0085b", "a\u2028b", "a\u2029b"].entries()) {
    const path = file(`breaks-${i}.txt`, text);
    const breaks: Case = { kind: "ConfigMap", name: "breaks", generator: { files: [`breaks.txt=${path}`] }, piceli: configMap("breaks").fromFile("breaks.txt", path) };
    const kustomized = kustomize([breaks]).get("ConfigMap/breaks")!;
    assert.is(kustomized["metadata"].name, breaks.piceli.hashed().name);
    assert.is.not(kustomized["data"]["breaks.txt"], text, "kustomize writes another value");
  }
});

// Without kubectl: whole manifests with the names kubectl kustomize (kubectl v1.32.4, kustomize v5.5.0) printed for the
// same generators, so a change of the hash shows here even where kubectl is missing.
test("whole manifests with kubectl kustomize's names (hard-coded from its output)", () => {
  assert.equal(configMap("lit").data({ a: "1", b: "x<y>&z" }).hashed().build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "lit-dbckk78b48" }, data: { a: "1", b: "x<y>&z" } });
  assert.equal(configMap("empty").hashed().build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "empty-6ct58987ht" } });
  assert.equal(configMap("binonly").binaryData({ "b.bin": "YmluAP8K" }).hashed().build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "binonly-bctf7fdk9f" }, binaryData: { "b.bin": "YmluAP8K" } });
  assert.equal(configMap("both").data({ "t.txt": "héllo <&> \u2028\n" }).binaryData({ "b.bin": "YmluAP8K" }).hashed().build(), {
    apiVersion: "v1", kind: "ConfigMap", metadata: { name: "both-k44f886456" }, data: { "t.txt": "héllo <&> \u2028\n" }, binaryData: { "b.bin": "YmluAP8K" },
  });
  assert.equal(configMap("imm").data({ a: "1" }).immutable().labels({ x: "z" }).hashed().build(), {
    apiVersion: "v1", kind: "ConfigMap", metadata: { name: "imm-h29d89cmmt", labels: { x: "z" } }, immutable: true, data: { a: "1" },
  });
  // kustomize refuses to print values with control characters (YAML cannot hold them), but names the object in its error
  assert.is(configMap("ctl").data({ k: "a\bb\fc\x01\x7f\x00" }).hashed().name, "ctl-9hd4bhm596");
  // base64 of 52 bytes or more kustomize writes, and hashes, in lines of 70 characters; piceli writes one line
  const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 7 + 255) % 256)).toString("base64");
  assert.equal(configMap("bytes").binaryData({ "bytes.bin": bytes }).hashed().build(), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "bytes-hm9h8m27k9" }, binaryData: { "bytes.bin": bytes } });
  const tls = { "tls.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "tls.key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n" };
  assert.equal(secret("tls").type("kubernetes.io/tls").stringData(tls).hashed().build(), { apiVersion: "v1", kind: "Secret", metadata: { name: "tls-dtg7fd2dm4" }, type: "kubernetes.io/tls", stringData: tls });
  assert.equal(secret("sempty").hashed().build(), { apiVersion: "v1", kind: "Secret", metadata: { name: "sempty-46f8b28mk5" } });
  assert.equal(secret("slit").type("Opaque").data({ a: "MQ==" }).hashed().build(), { apiVersion: "v1", kind: "Secret", metadata: { name: "slit-25khgmg44c" }, type: "Opaque", data: { a: "MQ==" } });
  assert.equal(secret("stype").type("kubernetes.io/tls").data({ "tls.crt": "MQ==", "tls.key": "Mg==" }).hashed().build(), {
    apiVersion: "v1", kind: "Secret", metadata: { name: "stype-tmchhcb784" }, type: "kubernetes.io/tls", data: { "tls.crt": "MQ==", "tls.key": "Mg==" },
  });
});

test.run();
