// ConfigMaps and Secrets from files, folders and env files; hashed names.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configMap, deployment, PiceliValidationError, secret, Withheld, type ConfigMapManifest, type SecretManifest } from "../../../lib/index.js";
import { assertProblems, validationError } from "../../helpers.js";
import { assertSchemaValid } from "../../schema.js";

const root = mkdtempSync(join(tmpdir(), "piceli-files-"));
const conf = join(root, "conf");
mkdirSync(join(conf, "sub"), { recursive: true });
writeFileSync(join(conf, "nginx.conf"), "worker_processes 1;\n");
writeFileSync(join(conf, "mime.types"), "types { text/html html; }\n");
writeFileSync(join(conf, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]));
writeFileSync(join(conf, "sub", "ignored.conf"), "a subfolder's files are not read\n");
symlinkSync(join(conf, "nginx.conf"), join(conf, "link.conf"));
// kubectl's own example lines: a byte order mark, comments, white space, quotes, "=" in values, CRLF, the environment
const envFile = join(root, "app.env");
writeFileSync(envFile, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('A=1\n  # comment\n\n   B=2 \nC="quoted"\r\nD=a=b\nE=\nPICELI_SPEC_FROM_ENV\nPICELI_SPEC_UNSET\n\tH=ä\n#x')]));
process.env["PICELI_SPEC_FROM_ENV"] = "xyz";
delete process.env["PICELI_SPEC_UNSET"];

test("fromFiles(folder): every regular file, by name, text to data and other bytes to binaryData; subfolders and links skipped, as kubectl does", () => {
  const built = configMap("nginx").fromFiles(conf).build();
  const expected: ConfigMapManifest = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "nginx" },
    data: { "mime.types": "types { text/html html; }\n", "nginx.conf": "worker_processes 1;\n" },
    binaryData: { "logo.png": "iVBOR/8A" },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  // a file: URL is read the same way (new URL("conf/", import.meta.url) for a folder beside the module)
  assert.equal(configMap("nginx").fromFiles(pathToFileURL(`${conf}/`)).build(), expected);
});

test("fromFile(path) and fromFile(key, path): one file under its name or the key given; binary content to binaryData", () => {
  const built = configMap("nginx").fromFile(join(conf, "nginx.conf")).fromFile("default.conf", pathToFileURL(join(conf, "mime.types"))).fromFile("icon", join(conf, "logo.png")).build();
  assert.equal(built, {
    apiVersion: "v1", kind: "ConfigMap", metadata: { name: "nginx" },
    data: { "nginx.conf": "worker_processes 1;\n", "default.conf": "types { text/html html; }\n" },
    binaryData: { icon: "iVBOR/8A" },
  });
  // a literal path's file name is a typed key
  () => {
    const typed = configMap("x").fromFile("conf/nginx.conf");
    typed.key("nginx.conf");
    // @ts-expect-error the only key is the file name, "nginx.conf"
    typed.key("mime.types");
  };
});

test("fromEnvFile(path): exactly kubectl's --from-env-file lines (kubectl 1.32 wrote this very data from this file)", () => {
  const built = configMap("app").fromEnvFile(envFile).build();
  assert.equal(built.data, { A: "1", B: "2 ", C: '"quoted"', D: "a=b", E: "", PICELI_SPEC_FROM_ENV: "xyz", PICELI_SPEC_UNSET: "", H: "ä" });
  assertSchemaValid(built);
});

test("run time: an invalid env line is an error naming the file and the line, every one of them", () => {
  const bad = join(root, "bad.env");
  writeFileSync(bad, Buffer.concat([Buffer.from("GOOD=1\nB =2\n=x\n1A=3\n"), Buffer.from([0xff, 0x3d, 0x32]), Buffer.from("\n..x=1\n")]));
  const expected = 'KEY=value (KEY an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit), a comment (#) or a blank line';
  const call = `fromEnvFile(${JSON.stringify(bad)})`;
  assertProblems(() => configMap("app").fromEnvFile(bad), [
    { path: `${call}: ${bad}:2`, expected, received: "B =2" },
    { path: `${call}: ${bad}:3`, expected, received: "=x" },
    { path: `${call}: ${bad}:4`, expected, received: "1A=3" },
    { path: `${call}: ${bad}:5`, expected: "a line of UTF-8 text", received: "3 bytes that are not UTF-8" },
    // an environment variable name, but no ConfigMap key (kubectl refuses it too)
    { path: `${call}: ${bad}:6`, expected: 'a KEY that is a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")', received: "..x" },
  ]);
  // a Secret's lines are never shown
  const error = validationError(() => secret("db").fromEnvFile(bad));
  assert.ok(error.problems.slice(0, 4).every((p) => p.received instanceof Withheld), "every line is withheld");
  assert.is(error.problems[4]!.received, "..x", "keys are shown, as everywhere");
  assert.not.match(error.message, "B =2");
});

test("run time: a key given twice is an error, never overwritten: two env lines, a file and data(), a file and another", () => {
  const twice = join(root, "twice.env");
  writeFileSync(twice, "A=1\nA=2\n");
  assertProblems(() => configMap("app").fromEnvFile(twice), [
    { path: `fromEnvFile(${JSON.stringify(twice)})`, expected: "a key not already in data: each key is given once", received: "A" },
  ]);
  assertProblems(() => configMap("nginx").data({ "nginx.conf": "x" }).fromFiles(conf), [
    { path: `fromFiles(${JSON.stringify(conf)})`, expected: "a key not already in data: each key is given once", received: "nginx.conf" },
  ]);
  assertProblems(() => configMap("nginx").fromFile("logo.png", join(conf, "logo.png")).fromFiles(conf), [
    { path: `fromFiles(${JSON.stringify(conf)})`, expected: "a key not already in binaryData: each key is given once", received: "logo.png" },
  ]);
  assertProblems(() => secret("s").stringData({ A: "x" }).fromEnvFile(twice), [
    { path: `fromEnvFile(${JSON.stringify(twice)})`, expected: "a key not already in stringData: each key is given once", received: "A" },
  ]);
});

test("run time: missing files and folders, file names that are not keys, and untyped locations", () => {
  const missing = join(root, "missing");
  const error = validationError(() => configMap("c").fromFiles(missing));
  assert.is(error.problems[0]!.path, `fromFiles(${JSON.stringify(missing)})`);
  assert.is(error.problems[0]!.expected, "a readable folder");
  assert.match(String(error.problems[0]!.received), /^ENOENT: /);
  assert.is(validationError(() => secret("s").fromFile(missing)).problems[0]!.expected, "a readable file");
  const odd = join(root, "odd");
  mkdirSync(odd);
  writeFileSync(join(odd, "bad name"), "x");
  assertProblems(() => configMap("c").fromFiles(odd), [
    { path: `fromFiles(${JSON.stringify(odd)}): bad name`, expected: 'a file name (or key) that is a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")', received: "bad name" },
  ]);
  assertProblems(() => configMap("c").fromFile("a key", join(conf, "nginx.conf")), [
    { path: `fromFile(${JSON.stringify(join(conf, "nginx.conf"))})`, expected: 'a file name (or key) that is a key of letters, digits, "-", "_" or "." (at most 253, not "." and not starting with "..")', received: "a key" },
  ]);
  assertProblems(() => configMap("c").fromFiles(42 as never), [{ path: "fromFiles(42)", expected: "a path or a file: URL", received: 42 }]);
});

test("Secrets: files and env files go to data, base64-encoded, whatever their content", () => {
  const built = secret("site").fromFiles(conf).fromEnvFile(envFile).build();
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const expected: SecretManifest = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "site" },
    data: {
      "logo.png": "iVBOR/8A", "mime.types": b64("types { text/html html; }\n"), "nginx.conf": b64("worker_processes 1;\n"),
      A: b64("1"), B: b64("2 "), C: b64('"quoted"'), D: b64("a=b"), E: "", PICELI_SPEC_FROM_ENV: b64("xyz"), PICELI_SPEC_UNSET: "", H: b64("ä"),
    },
  };
  assert.equal(built, expected);
  assertSchemaValid(built);
  assert.equal(secret("tls").type("kubernetes.io/tls").fromFile("tls.crt", join(conf, "nginx.conf")).fromFile("tls.key", join(conf, "logo.png")).build().data, {
    "tls.crt": b64("worker_processes 1;\n"), "tls.key": "iVBOR/8A",
  });
});

test('"__proto__" is a key like any other: kept by .data(), .fromFile() and build(), never taken for the prototype', () => {
  const given = JSON.parse('{"__proto__":"v","a":"1"}') as Record<string, string>;
  assert.equal(configMap("c").data(given).build().data, given);
  assert.equal(configMap("c").fromFile("__proto__", join(conf, "nginx.conf")).build().data, JSON.parse('{"__proto__":"worker_processes 1;\\n"}'));
  assert.equal(configMap("c").fromFile("__proto__", join(conf, "logo.png")).build().binaryData, JSON.parse('{"__proto__":"iVBOR/8A"}'));
  assert.equal(secret("s").fromFile("__proto__", join(conf, "logo.png")).build().data, JSON.parse('{"__proto__":"iVBOR/8A"}'));
  assert.equal(secret("s").stringData(given).build().stringData, given);
});

test(".hashed(): the name gets a suffix from the content; workloads using the builder get that name", () => {
  const config = configMap("nginx").fromFiles(conf).hashed();
  // kubectl kustomize names a configMapGenerator of these three files so (see kustomize-hash.spec.ts)
  assert.is(config.name, "nginx-g2bdt44gkt");
  assert.is(config.build().metadata.name, "nginx-g2bdt44gkt");
  assert.is(configMap("nginx").fromFiles(conf).data({ extra: "1" }).hashed().name, "nginx-fg5mtgthc8", "other content, another name");
  assert.is(configMap("nginx").hashed().fromFiles(conf).name, config.name, "the hash is of the final content, whenever .hashed() was called");
  assert.is(configMap("nginx").fromFiles(conf).name, "nginx", "not hashed unless asked");
  assert.is(config.hashed(false).name, "nginx");
  const db = secret("db").fromEnvFile(envFile).hashed();
  // and a secretGenerator of these values so (with PICELI_SPEC_FROM_ENV=xyz written out: kustomize never reads the environment)
  assert.is(db.name, "db-b42dgf9t6f");
  assert.is(secret("db").type("example.com/env").fromEnvFile(envFile).hashed().name !== db.name, true, "the type counts");
  // stringData and the same values in data hash alike: the content is what the server stores
  assert.is(secret("s").stringData({ a: "x" }).hashed().name, secret("s").data({ a: "eA==" }).hashed().name);
  const web = deployment("web").container((c) => c.image("nginx:1.27").mount("/etc/nginx", config).env({ A: db.key("A") }).envFrom(db)).build();
  const pod = web.spec.template.spec!;
  assert.equal(pod.volumes, [{ name: "web-data-0", configMap: { name: "nginx-g2bdt44gkt" } }]);
  assert.equal(pod.containers[0]!.env, [{ name: "A", valueFrom: { secretKeyRef: { name: "db-b42dgf9t6f", key: "A" } } }]);
  assert.equal(pod.containers[0]!.envFrom, [{ secretRef: { name: "db-b42dgf9t6f" } }]);
});

test('.hashed("annotation"): the name stays; pod templates using the builder get checksum/config, which changes with the content', () => {
  const config = configMap("nginx").fromFiles(conf).hashed("annotation");
  const db = secret("db").fromEnvFile(envFile).hashed("annotation");
  assert.is(config.name, "nginx");
  assert.is(config.build().metadata.name, "nginx");
  const web = (c: typeof config) => deployment("web").templateAnnotations({ team: "a" }).container((ct) => ct.image("nginx:1.27").mount("/etc/nginx", c).envFrom(db));
  const template = web(config).build().spec.template;
  assert.equal(template.metadata!.annotations, { team: "a", "checksum/config": "6c8285g5ft" });
  assert.equal(template.spec!.volumes, [{ name: "web-data-0", configMap: { name: "nginx" } }]);
  const changed = web(configMap("nginx").fromFiles(conf).data({ extra: "1" }).hashed("annotation")).build().spec.template.metadata!.annotations!;
  assert.is.not(changed["checksum/config"], "6c8285g5ft", "other content, another checksum");
  // a workload using no such builder gets nothing; neither does one using a name-hashed or plain builder
  assert.equal(deployment("web").container((c) => c.image("a").mount("/a", configMap("nginx").fromFiles(conf).hashed())).build().spec.template.metadata, { labels: { "app.kubernetes.io/name": "web" } });
  assertProblems(() => deployment("web").templateAnnotations({ "checksum/config": "mine" }).container((c) => c.image("a").mount("/a", config)).build(), [
    { path: 'spec.template.metadata.annotations["checksum/config"]', expected: 'nothing: piceli writes it for the .hashed("annotation") ConfigMaps and Secrets the pods use', received: "mine" },
  ]);
  assertProblems(() => configMap("c").hashed(true as never).build(), [{ path: "hashed", expected: 'one of "name", "annotation"', received: true }]);
});

test("run time: a hashed name must still be a DNS subdomain (253 characters with its 11-character suffix)", () => {
  const long = "a".repeat(242);
  assert.is(configMap(long).hashed().build().metadata.name.length, 253);
  const error = validationError(() => configMap(`${long}b`).hashed().build());
  assert.ok(error instanceof PiceliValidationError);
  assert.is(error.problems[0]!.path, "metadata.name");
});

test.run();
