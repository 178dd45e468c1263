import { InputError } from "../errors.js";
import { looksLikeManifest } from "../manifest.js";
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
 * Collects the Kubernetes objects a module exports, in export order:
 * - builders: `.manifests()` when they have it (the workload and its companion Service/autoscaler), else `.build()`;
 * - manifests (objects with `apiVersion` and `kind`);
 * - arrays of these (nested);
 * - functions taking no arguments that return (or resolve to) any of these.
 * Other exports (strings, helper functions with parameters, classes) are skipped. `waiting` is told whose Promise
 * is awaited (an export's path, and whether a function returned it). A builder whose `build()` throws
 * (an invalid or unfinished object) is an error naming the export: an object is never silently dropped.
 */
export async function collectExports(module: Record<string, unknown>, file: string, waiting?: (path: string, called: boolean) => void): Promise<CollectedExports> {
  const objects: LoadedObject[] = [];
  const skipped: SkippedExport[] = [];
  for (const name of Object.keys(module)) {
    if (name === "__esModule" || (name === "default" && module[name] === module)) continue;
    const before = objects.length;
    await visit(module[name], name, name, { file, objects, skipped, seen: new Set(), ...(waiting && { waiting }) });
    if (objects.length === before && !skipped.some((s) => s.export === name)) skipped.push({ export: name, reason: "holds no Kubernetes object" });
  }
  return { objects, skipped };
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
    let built: unknown;
    try {
      built = typeof record["manifests"] === "function" ? (record["manifests"] as () => unknown)() : (record["build"] as () => unknown)();
    } catch (error) {
      fail(errorText(error));
    }
    const list = Array.isArray(built) ? built : [built];
    list.forEach((manifest, i) => {
      state.objects.push({
        manifest: checkManifest(manifest, state.file, { export: path }),
        source: { type: "module", file: state.file, export: path, ...(i > 0 && { companion: true }) },
      });
    });
    return;
  }
  if (looksLikeManifest(value)) {
    state.objects.push({ manifest: checkManifest(value, state.file, { export: path }), source: { type: "module", file: state.file, export: path } });
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
