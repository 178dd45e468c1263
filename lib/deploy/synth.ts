import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toYaml, toYamlDocuments } from "../output/yaml.js";
import { DeployError } from "./errors.js";
import { describeSource, type Source } from "./load/source.js";
import type { Manifest } from "./manifest.js";
import type { Plan } from "./plan/plan.js";

/** How `synth` writes objects. */
export type SynthFormat = "yaml" | "json";

/**
 * The plan's objects in apply order, as multi-document YAML (one document per object, `---` between) or as a
 * JSON `v1` List; both are what `kubectl apply -f` accepts. Secrets are written in full: this is the manifest.
 */
export function synthText(plan: Plan, format: SynthFormat = "yaml"): string {
  const manifests = plan.objects.map((o) => o.manifest);
  return format === "yaml" ? toYaml(manifests) : `${JSON.stringify(listOf(manifests), null, 2)}\n`;
}

/**
 * {@link synthText}'s text in pieces of about 64 KiB (YAML: whole documents, each written when reached), so that a large
 * plan is never held as one string; written in order, the pieces are exactly `synthText`'s text.
 */
export function* synthChunks(plan: Plan, format: SynthFormat = "yaml"): Generator<string, void, undefined> {
  if (format !== "yaml") {
    yield synthText(plan, format);
    return;
  }
  let chunk = "";
  for (const document of toYamlDocuments(plan.objects.map((o) => o.manifest))) {
    chunk += document;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

/** A `v1` List holding the manifests. */
function listOf(items: readonly Manifest[]): object {
  return { apiVersion: "v1", kind: "List", items };
}

/**
 * Writes one file per object into `dir` (created if missing), named so that sorting by name gives the apply order:
 * `01-namespace-shop.yaml`, `02-serviceaccount-shop-web.yaml`. Refuses a folder that already holds files of
 * another synth (stale objects would be applied too); returns the paths written.
 */
export function synthToDirectory(plan: Plan, dir: string, format: SynthFormat = "yaml"): string[] {
  mkdirSync(dir, { recursive: true });
  const existing = readdirSync(dir).filter((f) => /^\d+-.*\.(ya?ml|json)$/.test(f));
  if (existing.length > 0) {
    throw new DeployError(`--out ${dir}: the folder already holds ${existing.length} synthesized file(s) (${existing.slice(0, 3).join(", ")}${existing.length > 3 ? ", …" : ""}); remove them first, so no stale object is applied with the new ones`);
  }
  const width = String(plan.objects.length).length;
  return plan.objects.map((object, i) => {
    const parts = [object.id.kind, object.id.namespace, object.id.name].filter((p): p is string => p !== undefined).map(slug);
    const file = join(dir, `${String(i + 1).padStart(Math.max(2, width), "0")}-${parts.join("-")}.${format}`);
    const text = format === "yaml" ? toYaml(object.manifest) : `${JSON.stringify(object.manifest, null, 2)}\n`;
    writeFileSync(file, text);
    return file;
  });
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.-]+/g, "-");
}

/** `piceli list`: a table of the objects (NAME, KIND, NAMESPACE, SOURCE) in the order given. */
export function renderList(objects: readonly { manifest: Manifest; source?: Source }[]): string {
  const rows = [
    ["NAME", "KIND", "NAMESPACE", "SOURCE"],
    ...objects.map(({ manifest, source }) => [
      manifest.metadata.name, manifest.kind, manifest.metadata.namespace ?? "-", source === undefined ? "-" : describeSource(source),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return `${rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ")).join("\n")}\n`;
}
