import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { InputError } from "../errors.js";
import type { SkippedExport } from "./collect-exports.js";
import { parseDocuments } from "./document-source.js";
import { loadModule, MODULE_EXTENSIONS } from "./module-source.js";
import type { LoadedObject } from "./source.js";

/** Extensions read as Kubernetes documents. */
export const DOCUMENT_EXTENSIONS = [".yaml", ".yml", ".json"] as const;

/** How {@link loadSources} reads folders. */
export interface LoadSourcesOptions {
  /** Read folders' subfolders too (like `kubectl apply -R`). @default false */
  readonly recursive?: boolean;
  /** How long loading one TypeScript/JavaScript entry file may take (`--load-timeout`). @default 60000 */
  readonly loadTimeoutMs?: number;
}

/** What {@link loadSources} found. */
export interface LoadResult {
  /** Every object, in the order of the paths given, then of exports or documents. */
  readonly objects: LoadedObject[];
  /** Module exports that held nothing deployable. */
  readonly skipped: readonly (SkippedExport & { readonly file: string })[];
  /** What modules printed to stdout while they were loaded. */
  readonly printed: readonly { readonly file: string; readonly text: string }[];
}

/**
 * Loads objects from entry files and folders: TypeScript/JavaScript modules (their exports, see `collectExports`),
 * YAML and JSON files (multi-document), and folders of YAML/JSON files. Nothing is dropped or deduplicated here.
 * @example const { objects } = await loadSources(["deploy/app.ts", "k8s/"]);
 */
export async function loadSources(paths: readonly string[], options: LoadSourcesOptions = {}): Promise<LoadResult> {
  if (paths.length === 0) throw new InputError("(no input)", "expected at least one file or folder: a .ts entry file, or YAML/JSON files or folders");
  const objects: LoadedObject[] = [];
  const skipped: (SkippedExport & { file: string })[] = [];
  const printed: { file: string; text: string }[] = [];
  for (const path of paths) {
    for (const file of filesOf(resolve(path), options.recursive ?? false)) {
      const extension = extname(file).toLowerCase();
      if ((DOCUMENT_EXTENSIONS as readonly string[]).includes(extension)) {
        objects.push(...parseDocuments(readText(file), file));
      } else {
        const module = await loadModule(file, { ...(options.loadTimeoutMs !== undefined && { timeoutMs: options.loadTimeoutMs }) });
        objects.push(...module.objects);
        skipped.push(...module.skipped.map((s) => ({ ...s, file })));
        if (module.printed !== "") printed.push({ file, text: module.printed });
      }
    }
  }
  return { objects, skipped, printed };
}

/** The file itself, or the YAML/JSON files of a folder (sorted by name). */
function filesOf(path: string, recursive: boolean): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new InputError(path, "no such file or folder");
  }
  if (stats.isDirectory()) {
    const files = documentFiles(path, recursive);
    if (files.length === 0) {
      throw new InputError(path, `holds no ${DOCUMENT_EXTENSIONS.join(", ")} file${recursive ? "" : " (subfolders are read with --recursive)"}; TypeScript entry files are given one by one`);
    }
    return files;
  }
  const extension = extname(path).toLowerCase();
  if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(extension) && !(MODULE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new InputError(path, `unsupported file type ${JSON.stringify(extension)}: expected ${[...MODULE_EXTENSIONS, ...DOCUMENT_EXTENSIONS].join(", ")}`);
  }
  return [path];
}

function documentFiles(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...documentFiles(path, true));
    } else if ((DOCUMENT_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase())) {
      out.push(path);
    }
  }
  return out;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(file, `cannot be read: ${(error as Error).message}`);
  }
}
