import { InputError } from "../errors.js";
import { jsonEqual, looksLikeManifest } from "../manifest.js";
import { idOf, keyOf } from "../object-id.js";
import { checkManifest } from "./check-manifest.js";
import type { LoadedObject } from "./source.js";

/** An export that held nothing deployable, and why (for `--verbose` output). */
export interface SkippedExport {
  readonly export: string;
  readonly reason: string;
}

/** What a module's exports hold. */
export interface CollectedExports {
  readonly objects: LoadedObject[];
  readonly skipped: SkippedExport[];
}

/**
 * Collects the Kubernetes objects a module exports, in the order the file declares its exports (`order`, from
 * `exportOrder`; exports it does not name follow alphabetically):
 * - builders: `.manifests()` when they have it (the workload and its companion Service/autoscaler), else `.build()`,
 *   and the builders they refer to (`.references`: a pod's ServiceAccount, ConfigMaps, Secrets and claims, a
 *   binding's role), so an object referenced but not exported is never missing;
 * - manifests (objects with `apiVersion` and `kind`);
 * - arrays of these (nested);
 * - functions taking no arguments that return (or resolve to) any of these.
 * Other exports (strings, helper functions with parameters, classes) are skipped. `waiting` is told whose Promise
 * is awaited (an export's path, and whether a function returned it). A builder whose `build()` throws
 * (an invalid or unfinished object) is an error naming the export: an object is never silently dropped.
 * An object reached from several exports (on its own, in an `all` list, as a reference) is listed once, at the export
 * that defines it: the one whose value it is, else the first that holds it, else the first that refers to it.
 */
export async function collectExports(
  module: Record<string, unknown>,
  file: string,
  waiting?: (path: string, called: boolean) => void,
  order: readonly string[] = [],
): Promise<CollectedExports> {
  const objects: LoadedObject[] = [];
  const skipped: SkippedExport[] = [];
  const names = Object.keys(module);
  const inOrder = [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
  for (const name of inOrder) {
    if (name === "__esModule" || (name === "default" && module[name] === module)) continue;
    const before = objects.length;
    await visit(module[name], name, name, { file, objects, skipped, seen: new Set(), ...(waiting && { waiting }) });
    if (objects.length === before && !skipped.some((s) => s.export === name)) skipped.push({ export: name, reason: "holds no Kubernetes object" });
  }
  return { objects: definedOnce(objects), skipped };
}

/**
 * How directly a source holds its object: the export's own value, a companion, inside a list or function; then the
 * same for what such a builder refers to.
 */
function directness(source: LoadedObject["source"]): number {
  if (source.type !== "module") return 0;
  const held = source.export !== source.exportName ? 2 : source.companion ? 1 : 0;
  return source.referenced ? 3 + held : held;
}

/** Each object once (equal manifests of one identity), from its most direct source, in the order of those sources. */
function definedOnce(objects: readonly LoadedObject[]): LoadedObject[] {
  const best = new Map<string, LoadedObject[]>();
  for (const object of objects) {
    const key = keyOf(idOf(object.manifest));
    const same = best.get(key) ?? [];
    const at = same.findIndex((o) => jsonEqual(o.manifest, object.manifest));
    if (at === -1) same.push(object);
    else if (directness(object.source) < directness(same[at]!.source)) same[at] = object;
    best.set(key, same);
  }
  const kept = new Set([...best.values()].flat());
  return objects.filter((o) => kept.has(o));
}

interface Visit {
  readonly file: string;
  readonly objects: LoadedObject[];
  readonly skipped: SkippedExport[];
  readonly seen: Set<unknown>;
  /** Told which export's Promise is awaited (`called`: the one a function returned). */
  readonly waiting?: (path: string, called: boolean) => void;
}

async function visit(value: unknown, exportName: string, path: string, state: Visit): Promise<void> {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return;
  if (state.seen.has(value)) return;
  state.seen.add(value);
  const fail = (detail: string): never => {
    throw new InputError(state.file, detail, { export: path });
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) await visit(value[i], exportName, `${path}[${i}]`, state);
    return;
  }
  if (typeof value === "function") {
    if (isClass(value)) return void state.skipped.push({ export: path, reason: "a class" });
    if (value.length > 0) return void state.skipped.push({ export: path, reason: `a function taking ${value.length} argument(s)` });
    let result: unknown;
    try {
      result = (value as () => unknown)();
      if (isThenable(result)) state.waiting?.(`${path}()`, true);
      result = await result;
    } catch (error) {
      fail(`calling it threw: ${errorText(error)}`);
    }
    return visit(result, exportName, `${path}()`, state);
  }
  const record = value as Record<string, unknown>;
  if (isThenable(record)) {
    state.waiting?.(path, false);
    return visit(await record, exportName, path, state);
  }
  if (typeof record["manifests"] === "function" || typeof record["build"] === "function") {
    return build(record, exportName, path, state, false);
  }
  if (looksLikeManifest(value)) {
    state.objects.push({ manifest: checkManifest(value, state.file, { export: path }), source: { type: "module", file: state.file, export: path, exportName } });
  }
}

/** Builds a builder (with its companions), then the builders it refers to, recording each manifest. */
function build(builder: Record<string, unknown>, exportName: string, path: string, state: Visit, referenced: boolean): void {
  let manifests: unknown;
  try {
    manifests = typeof builder["manifests"] === "function" ? (builder["manifests"] as () => unknown)() : (builder["build"] as () => unknown)();
  } catch (error) {
    throw new InputError(state.file, `${referenced ? "an object it refers to: " : ""}${errorText(error)}`, { export: path });
  }
  (Array.isArray(manifests) ? manifests : [manifests]).forEach((manifest, i) => {
    state.objects.push({
      manifest: checkManifest(manifest, state.file, { export: path }),
      source: { type: "module", file: state.file, export: path, exportName, ...(i > 0 && { companion: true }), ...(referenced && { referenced: true }) },
    });
  });
  const references = builder["references"];
  if (!Array.isArray(references)) return;
  for (const reference of references) {
    if (typeof reference !== "object" || reference === null || state.seen.has(reference)) continue;
    state.seen.add(reference);
    build(reference as Record<string, unknown>, exportName, path, state, true);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function isClass(fn: unknown): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
