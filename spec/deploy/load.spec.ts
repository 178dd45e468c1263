import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { InputError } from "../../lib/deploy/errors.js";
import { parseDocuments } from "../../lib/deploy/load/document-source.js";
import { loadSources } from "../../lib/deploy/load/load-sources.js";
import { describeSource } from "../../lib/deploy/load/source.js";
import { folderWith } from "./helpers.js";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const names = (objects: { manifest: { kind: string; metadata: { name: string } } }[]) => objects.map((o) => `${o.manifest.kind}/${o.manifest.metadata.name}`);

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

test("YAML: multi-document, empty documents skipped, kind: List expanded, each with document number and line", () => {
  const text = [
    "# leading comment", "---", "# an empty document", "---",
    "apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}", "---", "---",
    "apiVersion: v1", "kind: List", "items:", "  - {apiVersion: v1, kind: Secret, metadata: {name: s}}", "  - {apiVersion: v1, kind: Secret, metadata: {name: t}}", "...", "",
  ].join("\n");
  const objects = parseDocuments(text, "app.yaml");
  assert.equal(names(objects), ["ConfigMap/a", "Secret/s", "Secret/t"]);
  assert.equal(objects.map((o) => o.source), [
    { type: "document", file: "app.yaml", document: 2, line: 5 },
    { type: "document", file: "app.yaml", document: 4, line: 10, item: 1 },
    { type: "document", file: "app.yaml", document: 4, line: 10, item: 2 },
  ]);
});

test("YAML is read as kubectl reads it: 0644 octal, dates stay strings", () => {
  const [object] = parseDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nmode: 0644\ndata: {day: 2024-01-01}\n", "a.yaml");
  assert.is(object!.manifest["mode"], 420);
  assert.equal(object!.manifest["data"], { day: "2024-01-01" });
});

test("invalid YAML: file, document and line in the error", () => {
  const error = inputError(() => parseDocuments("apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\nkind: B\n  bad: [\n", "k8s/app.yaml"));
  assert.is(error.file, "k8s/app.yaml");
  assert.is(error.location.document, 2);
  assert.ok(error.location.line === 6 || error.location.line === 7, `line ${error.location.line}`);
  assert.match(error.message, /^k8s\/app\.yaml: document 2, line \d+, column \d+: not valid YAML: /);
});

test("documents that are not objects: what is wrong, where, expected and received", () => {
  const missingName = inputError(() => parseDocuments("apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\n\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", "x.yaml"));
  assert.is(missingName.message, "x.yaml: document 2, line 6: ConfigMap: metadata.name: expected a name, received nothing");
  const generated = inputError(() => parseDocuments("apiVersion: v1\nkind: Pod\nmetadata: {generateName: p-}\n", "x.yaml"));
  assert.match(generated.message, /generateName cannot be used: server-side apply needs a fixed name/);
  const scalar = inputError(() => parseDocuments("just text\n", "x.yaml"));
  assert.is(scalar.message, 'x.yaml: document 1, line 1: expected a Kubernetes object (a mapping with apiVersion, kind and metadata), received "just text"');
  const noKind = inputError(() => parseDocuments("apiVersion: v1\nmetadata: {name: a}\n", "x.yaml"));
  assert.is(noKind.message, 'x.yaml: document 1, line 1: kind: expected a string such as "Deployment", received nothing');
});

test("JSON: one object or a List; syntax errors with line and column", () => {
  assert.equal(names(parseDocuments('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}', "a.json")), ["ConfigMap/a"]);
  const error = inputError(() => parseDocuments('{"apiVersion": "v1",\n "kind": "A",}', "a.json"));
  assert.is(error.message, "a.json: line 2, column 14: not valid JSON: Expected double-quoted property name");
});

test("TypeScript modules: manifests, arrays, functions (also async), builders and their companions; the rest skipped", async () => {
  const file = fixture("exports.ts");
  const { objects, skipped, printed } = await loadSources([file]);
  // In the order the file declares its exports (a module namespace lists them alphabetically).
  assert.equal(names(objects), [
    "ConfigMap/plain", "ConfigMap/in-list", "ConfigMap/in-nested-list", "ConfigMap/from-function", "ConfigMap/from-async-function",
    "ServiceAccount/built", "Deployment/web", "Service/web", "Secret/default-export",
  ]);
  assert.equal(objects.map((o) => describeSource(o.source).replace(/^.*exports\.ts: /, "")), [
    "config", "nested[0]", "nested[1][0]", "makeOne()", "makeLater()[0]", "builder", "workload", "workload (companion)", "default[0]",
  ]);
  assert.equal(skipped.map((s) => `${s.export}: ${s.reason}`).sort(), [
    "Helper: a class", "namespaceName: holds no Kubernetes object", "needsArgument: a function taking 1 argument(s)",
  ]);
  assert.equal(printed.map((p) => p.text), ["this line is printed while the module loads\n"]);
});

test("TypeScript modules: the DSL's builders load with their companions", async () => {
  const { objects } = await loadSources([fixture("builders.ts")]);
  assert.equal(names(objects), ["ConfigMap/settings", "Deployment/web", "Service/web"]);
  assert.equal(objects[2]!.source, { type: "module", file: fixture("builders.ts"), export: "web", exportName: "web", companion: true });
});

test("TypeScript modules: what exported builders refer to is loaded too, once, at the export that defines each object, in file order", async () => {
  const { objects } = await loadSources([fixture("references.ts")]);
  assert.equal(objects.map((o) => `${o.manifest.kind}/${o.manifest.metadata.name} <- ${describeSource(o.source).replace(/^.*references\.ts: /, "")}`), [
    "ConfigMap/settings <- settings",
    "Deployment/web <- web",
    "ServiceAccount/web <- web (referenced)",
    "PersistentVolumeClaim/uploads <- web (referenced)",
    "Secret/database <- web (referenced)",
    "RoleBinding/web-reads <- canRead",
    "Role/reader <- canRead (referenced)",
  ]);
});

test("a builder that throws is an error naming the file and export (never silently dropped)", async () => {
  try {
    await loadSources([fixture("broken-builder.ts")]);
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, InputError);
    assert.match((error as Error).message, /broken-builder\.ts: export "bad": Job "x" is invalid: spec\.backoffLimit/);
  }
});

test("folders: their files in name order, subfolders too unless recursive is false", async () => {
  assert.equal(names((await loadSources([fixture("folder")])).objects), ["ConfigMap/three", "ConfigMap/one", "ConfigMap/two-a", "ConfigMap/two-b"]);
  assert.equal(names((await loadSources([fixture("folder")], { recursive: false })).objects), ["ConfigMap/one", "ConfigMap/two-a", "ConfigMap/two-b"]);
});

const configMapModule = (name: string) => `export const ${name.replace(/-/g, "_")} = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "${name}" } };\n`;

test("folders of TypeScript entry files: modules loaded like files given one by one; declarations, tests, hidden files and node_modules left out", async () => {
  const dir = folderWith({
    "app.ts": configMapModule("from-ts"),
    "jobs/batch.mts": configMapModule("from-mts"),
    "jobs/more.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-yaml}\n",
    "types.d.ts": "export declare const x: number;\n",
    "app.test.ts": "throw new Error('a test is not an entry file');\n",
    ".hidden/secret.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hidden}\n",
    "node_modules/dep/index.js": "throw new Error('a dependency is not an entry file');\n",
  });
  const loaded = await loadSources([dir]);
  assert.equal(names(loaded.objects), ["ConfigMap/from-ts", "ConfigMap/from-mts", "ConfigMap/from-yaml"]);
  assert.equal(loaded.objects.map((o) => describeSource(o.source).replace(`${dir}/`, "")), ["app.ts: from_ts", "jobs/batch.mts: from_mts", "jobs/more.yaml: document 1"]);
  assert.equal(names((await loadSources([dir], { recursive: false })).objects), ["ConfigMap/from-ts"]);
});

test("JSON: a top-level array of objects and Lists, each element a document", () => {
  const text = JSON.stringify([
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } },
    { apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "b" } }, { apiVersion: "v1", kind: "Secret", metadata: { name: "c" } }] },
  ], null, 2);
  const objects = parseDocuments(text, "all.json");
  assert.equal(names(objects), ["ConfigMap/a", "Secret/b", "Secret/c"]);
  assert.equal(objects.map((o) => describeSource(o.source)), ["all.json: document 1", "all.json: document 2, item 1", "all.json: document 2, item 2"]);
  assert.is(inputError(() => parseDocuments('[{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}, 42]', "bad.json")).message,
    "bad.json: document 2, line 1: expected a Kubernetes object (a mapping with apiVersion, kind and metadata), received 42");
});

test("a package by name: the module Node resolves it to from the working directory", async () => {
  const dir = folderWith({
    "node_modules/@acme/k8s/package.json": JSON.stringify({ name: "@acme/k8s", type: "module", exports: { ".": "./main.js", "./staging": "./staging.js" } }),
    "node_modules/@acme/k8s/main.js": configMapModule("from-package"),
    "node_modules/@acme/k8s/staging.js": configMapModule("from-subpath"),
  });
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const loaded = await loadSources(["@acme/k8s", "@acme/k8s/staging"]);
    assert.equal(names(loaded.objects), ["ConfigMap/from-package", "ConfigMap/from-subpath"]);
    assert.equal(loaded.objects.map((o) => describeSource(o.source)), ["node_modules/@acme/k8s/main.js: from_package", "node_modules/@acme/k8s/staging.js: from_subpath"]);
    let message = "no error";
    await loadSources(["@acme/nope"]).catch((error: Error) => void (message = error.message));
    assert.match(message, new RegExp(`^@acme/nope: no such file or folder, and no package of that name can be resolved from ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(Cannot find module '@acme/nope'`));
  } finally {
    process.chdir(cwd);
  }
});

test("missing paths, unsupported files and empty input are clear errors", async () => {
  const message = async (paths: string[]) => {
    try {
      await loadSources(paths);
    } catch (error) {
      return (error as Error).message;
    }
    return "no error";
  };
  assert.match(await message([fixture("nope.yaml")]), /nope\.yaml: no such file or folder$/);
  assert.match(await message([fixture("folder/notes.txt")]), /notes\.txt: unsupported file type "\.txt": expected \.ts, /);
  assert.match(await message([fixture("folder/nested/..")]), /no error/);
  assert.match(await message([mkdtempSync(join(tmpdir(), "piceli-empty-"))]), /holds no \.ts, \.mts, \.cts, \.tsx, \.js, \.mjs, \.cjs, \.yaml, \.yml, \.json file$/);
  assert.match(await message([]), /expected at least one file or folder/);
});

test("loadSources: unexported objects by kind, name and namespace; a chain's namespace-less start is not one of them", async () => {
  const file = fixture("unexported-namespaces.ts");
  const { objects, unexported } = await loadSources([file]);
  assert.equal(names(objects), ["Deployment/web", "ConfigMap/settings", "ConfigMap/common"]);
  assert.equal(unexported, [{ kind: "ConfigMap", name: "settings", namespace: "team-b", file }]);
});

test.run();
