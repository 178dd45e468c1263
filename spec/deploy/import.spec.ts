// `piceli import`: TypeScript from CustomResourceDefinitions, from files, folders and (through the API test double)
// the cluster. The CRDs of spec/kinds/custom/crds are written for the specs; their generated file is committed.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAll } from "js-yaml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../../lib/cli.js";
import { readDefinition } from "../../lib/deploy/import/definition.js";
import { generateFiles } from "../../lib/deploy/import/generate.js";
import type { Manifest } from "../../lib/deploy/manifest.js";
import { startFakeApiServer } from "./fake-api-server.js";
import { captureIo, kubeconfigFile, tempDir } from "./helpers.js";

const crdFolder = fileURLToPath(new URL("../kinds/custom/crds", import.meta.url));
const committed = readFileSync(new URL("../kinds/custom/imports/test.piceli.dev.ts", import.meta.url), "utf8");
const crds = loadAll(readFileSync(join(crdFolder, "widgets.yaml"), "utf8")) as Manifest[];

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

/** A CRD with one served version and this schema for its spec. */
function crd(kind: string, group: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Manifest {
  const plural = `${kind.toLowerCase()}s`;
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}` },
    spec: {
      group, scope: "Namespaced", names: { kind, plural },
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec } } } }],
      ...extra,
    },
  };
}

test("piceli import <folder> writes <group>.ts: the committed file, byte for byte, and says what it leaves to the server", async () => {
  const out = join(tempDir(), "imports");
  const result = await run("import", crdFolder, "--out", out);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, "");
  assert.is(result.stderr, [
    `wrote ${join(out, "test.piceli.dev.ts")}: Widget (v1, v1alpha1), Gadget (v1)`,
    'note: Widget v1 spec.contact: format "email" is left to the API server',
    'note: Widget v1 spec.immutableTag: rule "self == oldSelf" is left to the API server (build() cannot evaluate it)',
    'note: Widget v1 spec.immutableTag: rule "self.lowerAscii() == self" is left to the API server (build() cannot evaluate it)',
    "",
  ].join("\n"));
  assert.is(readFileSync(join(out, "test.piceli.dev.ts"), "utf8"), committed);
});

test("same definitions, same bytes: input order, property order and version order of the file do not matter", () => {
  const [widgets, gadgets] = crds;
  const shuffled = structuredClone(widgets!);
  const spec = (shuffled["spec"] as any).versions[0].schema.openAPIV3Schema.properties.spec;
  spec.properties = Object.fromEntries(Object.entries(spec.properties).reverse());
  const a = generateFiles([readDefinition(widgets!, "a"), readDefinition(gadgets!, "a")]);
  const b = generateFiles([readDefinition(gadgets!, "b"), readDefinition(shuffled, "b")]);
  assert.equal(b, a);
  assert.is(a[0]!.text, committed);
});

test("the generated code: required and optional fields, enums, int-or-string, maps, preserved fields, nullable, defaults and descriptions", () => {
  const text = committed;
  for (const line of [
    "  image: string;",
    "  size?: number;", // required, but defaulted by the server
    '  mode?: "fast" | "safe";',
    "  port?: number | string;",
    "  labels?: { [key: string]: string };",
    "  settings?: { [key: string]: unknown };",
    "  note?: string | null;",
    "  ports?: WidgetSpecPorts[];",
    '  "odd-name"?: boolean;',
    "  minProps?: { [key: string]: number };",
    "   * @default 1 (applied by the API server)",
    "   * The image to run.",
    "   * Checked: at least characters: 3, at most characters: 100, pattern `^[a-z0-9./:-]+$`.",
    "   * Rule (checked by the API server only): `self == oldSelf`: immutableTag cannot change",
    "export function widget(name: string, spec: WidgetSpec): CustomResourceBuilder<WidgetKind> {",
    "export function widgetV1alpha1(name: string, spec?: WidgetV1alpha1Spec): CustomResourceBuilder<WidgetV1alpha1Kind> {",
    "export function gadget(name: string): CustomResourceBuilder<GadgetKind> {",
    'import { customResource, type CustomKind, type CustomKindDefinition, type CustomResourceBuilder, type CustomResourceManifest } from "piceli";',
  ]) assert.ok(text.split("\n").includes(line), `missing line: ${line}`);
  assert.not.match(text, /client-node/, "generated code needs nothing but piceli");
  assert.not.match(text, /"description"|description:/, "descriptions are JSDoc, not data");
});

test("one file per group; names that are reserved words, clash, or hold */ are written safely", () => {
  const files = generateFiles([
    readDefinition(crd("Package", "b.example.com", {
      type: "object",
      description: "Closes a comment */ too early?",
      properties: { kind: { type: "object", properties: { x: { type: "string" } } } },
    }), "test"),
    readDefinition(crd("PackageSpec", "b.example.com", { type: "object", properties: { y: { type: "integer" } } }), "test"),
    readDefinition(crd("Thing", "a.example.com", { type: "object", "x-kubernetes-preserve-unknown-fields": true }, { scope: "Cluster" }), "test"),
  ]);
  assert.equal(files.map((f) => f.name), ["a.example.com.ts", "b.example.com.ts"]);
  const b = files[1]!.text;
  assert.match(b, /^export function packageResource\(name: string, spec\?: PackageSpec2\): CustomResourceBuilder<PackageKind> \{$/m);
  assert.match(b, /^export interface PackageSpecKind2 \{$/m, "the field `kind` of Package's spec does not take PackageSpec's Kind");
  assert.match(b, /Closes a comment \*\\\/ too early\?/);
  assert.match(files[0]!.text, /scope: "Cluster";/);
  assert.match(files[0]!.text, /^export function thing\(name: string, spec\?: \{ \[key: string\]: unknown \}\): CustomResourceBuilder<ThingKind> \{$/m);
});

test("import from the cluster by name; errors name the source and what is wrong", async () => {
  const api = await startFakeApiServer();
  try {
    api.seed(crds[0] as never);
    const out = join(tempDir(), "imports");
    const ok = await run("import", "widgets.test.piceli.dev", "--kubeconfig", kubeconfigFile(api), "--out", out);
    assert.is(ok.code, 0, ok.stderr);
    assert.match(readFileSync(join(out, "test.piceli.dev.ts"), "utf8"), /^export function widget\(/m);
    const missing = await run("import", "nothings.example.com", "--kubeconfig", kubeconfigFile(api), "--out", out);
    assert.is(missing.stderr, `error: nothings.example.com: no such file or folder, and the cluster at ${api.url} has no CustomResourceDefinition of that name\n`);
  } finally {
    await api.stop();
  }
  const dir = tempDir();
  const plain = join(dir, "plain.yaml");
  writeFileSync(plain, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  assert.is((await run("import", plain, "--out", dir)).stderr, `error: ${plain}: holds no CustomResourceDefinition\n`);
  const old = join(dir, "old.yaml");
  writeFileSync(old, "apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: {name: olds.example.com}\nspec: {group: example.com}\n");
  assert.match((await run("import", old, "--out", dir)).stderr, /^error: .*old\.yaml: document 1: CustomResourceDefinition olds\.example\.com: apiVersion: expected "apiextensions\.k8s\.io\/v1" \(v1beta1 definitions are gone since Kubernetes 1\.22\), received "apiextensions\.k8s\.io\/v1beta1"\n$/);
  const twice = join(dir, "twice.yaml");
  const changed = structuredClone(crds[0]!);
  (changed["spec"] as any).scope = "Cluster";
  writeFileSync(twice, JSON.stringify(changed));
  assert.match((await run("import", crdFolder, twice, "--out", dir)).stderr, /^error: CustomResourceDefinition widgets\.test\.piceli\.dev is given twice, differently: in .*widgets\.yaml: document 1 and in .*twice\.yaml: document 1\n$/);
  assert.match((await run("import", "--format", "json", crdFolder)).stderr, /^error: --format applies to synth and plan, not import\n$/);
});

test.run();
