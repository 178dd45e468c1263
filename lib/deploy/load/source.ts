import { relative } from "node:path";
import type { Manifest } from "../manifest.js";

/**
 * Where a loaded object came from: an export of a TypeScript/JavaScript module, a YAML/JSON document, or an option
 * that asked piceli to add it (`--create-namespace`).
 */
export type Source = ModuleSource | DocumentSource | OptionSource;

/** An object exported by a module: `export` is the export's name plus how it was reached (`all[2]`, `makeApp()`). */
export interface ModuleSource {
  readonly type: "module";
  readonly file: string;
  readonly export: string;
  /** The name of the export itself (`all` for `all[2]`). */
  readonly exportName?: string;
  /** A builder the exported one refers to (its ServiceAccount, ConfigMap, role…), not exported on its own. */
  readonly referenced?: boolean;
  /** A workload's companion (its Service or autoscaler from `.manifests()`), not the exported object itself. */
  readonly companion?: boolean;
}

/** An object read from a YAML or JSON file: document number (1-based), its first line, and the item of a `kind: List`. */
export interface DocumentSource {
  readonly type: "document";
  readonly file: string;
  readonly document: number;
  readonly line: number;
  readonly item?: number;
}

/** An object piceli adds because an option asked for it: a Namespace for `--create-namespace`. */
export interface OptionSource {
  readonly type: "option";
  readonly option: string;
}

/** A manifest and where it came from. */
export interface LoadedObject {
  readonly manifest: Manifest;
  readonly source: Source;
}

/** A file name as printed: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") ? file : rel;
}

/** `examples/deploy/shop.ts: web`, `shop.ts: web (companion)`, `shop.ts: web (referenced)`, `k8s/extra.yaml: document 2`, `list.yaml: document 1, item 3`. */
export function describeSource(source: Source): string {
  if (source.type === "option") return `added by ${source.option}`;
  const file = displayPath(source.file);
  if (source.type === "module") return `${file}: ${source.export}${source.referenced ? " (referenced)" : source.companion ? " (companion)" : ""}`;
  return `${file}: document ${source.document}${source.item === undefined ? "" : `, item ${source.item}`}`;
}
