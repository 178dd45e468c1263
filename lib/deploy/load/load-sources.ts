import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, resolve } from "node:path";
import { InputError } from "../errors.js";
import type { SkippedExport } from "./collect-exports.js";
import { parseDocuments } from "./document-source.js";
import { loadModule, MODULE_EXTENSIONS, type CreatedObject } from "./module-source.js";
import { typecheckFiles } from "./typecheck.js";
import type { LoadedObject } from "./source.js";

/** Extensions read as Kubernetes documents. */
export const DOCUMENT_EXTENSIONS = [".yaml", ".yml", ".json"] as const;

/** How {@link loadSources} reads folders. */
export interface LoadSourcesOptions {
  /** Read folders' subfolders too (like `kubectl apply -R`, and as Piceli reads a package's submodules). @default true */
  readonly recursive?: boolean;
  /** How long loading one TypeScript/JavaScript entry file may take (`--load-timeout`). @default 60000 */
  readonly loadTimeoutMs?: number;
  /** Type-check the TypeScript entry files first, failing on a type error (`--typecheck`; see `typecheckFiles`). @default false */
  readonly typecheck?: boolean;
}

/** What {@link loadSources} found. */
export interface LoadResult {
  /** Every object, in the order of the paths given, then of exports or documents. */
  readonly objects: LoadedObject[];
  /** Module exports that held nothing deployable. */
  readonly skipped: readonly (SkippedExport & { readonly file: string })[];
  /** What modules printed to stdout while they were loaded. */
  readonly printed: readonly { readonly file: string; readonly text: string }[];
  /**
   * Objects a module's code made a builder for that no export holds nor refers to (no object of that kind, name and
   * namespace was loaded; for one made without a namespace, none of that kind and name): they are not in the output,
   * and the commands warn of each. Each once, at the file that made it.
   */
  readonly unexported: readonly (CreatedObject & { readonly file: string })[];
}

/**
 * Loads objects from entry files, folders and packages: TypeScript/JavaScript modules (their exports, see
 * `collectExports`), YAML and JSON files (multi-document, `kind: List`, JSON arrays), folders of these (see
 * {@link folderFiles}), and a package installed where the command runs, named as in an `import` (`@acme/k8s`: its
 * entry module). Nothing is dropped or deduplicated here.
 * @example const { objects } = await loadSources(["deploy/app.ts", "k8s/"]);
 */
export async function loadSources(paths: readonly string[], options: LoadSourcesOptions = {}): Promise<LoadResult> {
  if (paths.length === 0) throw new InputError("(no input)", "expected at least one file or folder: a .ts entry file, or YAML/JSON files or folders");
  const objects: LoadedObject[] = [];
  const skipped: (SkippedExport & { file: string })[] = [];
  const printed: { file: string; text: string }[] = [];
  const created: (CreatedObject & { file: string })[] = [];
  const files = paths.flatMap((path) => filesOf(resolvePath(path), options.recursive ?? true));
  if (options.typecheck) typecheckFiles(files);
  for (const file of files) {
    const extension = extname(file).toLowerCase();
    if ((DOCUMENT_EXTENSIONS as readonly string[]).includes(extension)) {
      objects.push(...parseDocuments(readText(file), file));
    } else {
      const module = await loadModule(file, { ...(options.loadTimeoutMs !== undefined && { timeoutMs: options.loadTimeoutMs }) });
      objects.push(...module.objects);
      skipped.push(...module.skipped.map((s) => ({ ...s, file })));
      if (module.printed !== "") printed.push({ file, text: module.printed });
      created.push(...module.created.map((c) => ({ ...c, file })));
    }
  }
  // an object made in a namespace is the loaded one only in that namespace; one made without a namespace (it may get
  // one later, from --namespace) is any loaded object of its kind and name
  const loaded = new Set(objects.flatMap(({ manifest: { kind, metadata } }) => [objectKey(kind, metadata.name), objectKey(kind, metadata.name, metadata.namespace)]));
  const unexported = new Map<string, CreatedObject & { file: string }>();
  for (const c of created) {
    const key = objectKey(c.kind, c.name, c.namespace);
    if (!loaded.has(key) && !unexported.has(key)) unexported.set(key, c);
  }
  return { objects, skipped, printed, unexported: [...unexported.values()] };
}

/** A key for a kind and name, and for the namespace when given (JSON: names and namespaces may hold any character). */
function objectKey(kind: string, name: string, namespace?: string): string {
  return JSON.stringify(namespace === undefined ? [kind, name] : [kind, name, namespace]);
}

/**
 * A path as given, resolved against the working directory; when nothing is there and it reads as a package name
 * (`my-manifests`, `@acme/k8s`, `@acme/k8s/staging`), the file Node resolves that package to from the working directory.
 */
function resolvePath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute) || !PACKAGE_NAME.test(path)) return absolute;
  try {
    return createRequire(join(process.cwd(), "package.json")).resolve(path);
  } catch (error) {
    throw new InputError(path, `no such file or folder, and no package of that name can be resolved from ${process.cwd()} (${(error as Error).message.split("\n")[0]})`);
  }
}

/** A bare package specifier: `name`, `@scope/name`, optionally with a subpath. */
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*(?:\/[\w.~/-]+)?$/i;

/** The file itself, or the files of a folder (see {@link folderFiles}). */
function filesOf(path: string, recursive: boolean): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new InputError(path, "no such file or folder");
  }
  if (stats.isDirectory()) {
    const files = folderFiles(path, recursive);
    if (files.length === 0) {
      throw new InputError(path, `holds no ${[...MODULE_EXTENSIONS, ...DOCUMENT_EXTENSIONS].join(", ")} file${recursive ? "" : " (subfolders are not read: --no-recursive)"}`);
    }
    return files;
  }
  const extension = extname(path).toLowerCase();
  if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(extension) && !(MODULE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new InputError(path, `unsupported file type ${JSON.stringify(extension)}: expected ${[...MODULE_EXTENSIONS, ...DOCUMENT_EXTENSIONS].join(", ")}`);
  }
  return [path];
}

/**
 * The entry files of a folder, sorted by name (a subfolder's files where its name sorts, when `recursive`):
 * YAML/JSON files and TypeScript/JavaScript modules. Left out: hidden entries (`.name`),
 * `node_modules`, type declarations (`.d.ts`) and tests (`*.spec.ts`, `*.test.ts`), which are no entry files.
 */
export function folderFiles(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    if (entry.isDirectory()) {
      if (recursive) out.push(...folderFiles(path, true));
    } else if (isEntryFile(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

function isEntryFile(name: string): boolean {
  const extension = extname(name).toLowerCase();
  if ((DOCUMENT_EXTENSIONS as readonly string[]).includes(extension)) return true;
  if (!(MODULE_EXTENSIONS as readonly string[]).includes(extension)) return false;
  return !/\.d\.[mc]?ts$/i.test(name) && !/\.(spec|test)\.[mc]?[jt]sx?$/i.test(name);
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(file, `cannot be read: ${(error as Error).message}`);
  }
}
