import { existsSync, readFileSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILDER_CREATED, kindAndName } from "../../kinds/metadata.js";
import { InputError } from "../errors.js";
import { collectExports, type CollectedExports } from "./collect-exports.js";
import { exportOrder } from "./export-order.js";
import { DEFAULT_LOAD_TIMEOUT_MS, settleWithin, waitingFor } from "./settle-within.js";

/** Extensions loaded as modules (through tsx for TypeScript, so no build step is needed). */
export const MODULE_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"] as const;

/** What a module exports, what it printed to stdout while loading, and the objects whose builders it made. */
export interface LoadedModule extends CollectedExports {
  readonly printed: string;
  /** Each object (kind, name and namespace) a builder was made for while the module's code ran, once, exported or not. */
  readonly created: readonly CreatedObject[];
}

/** An object a builder was made for: `namespace` when a builder of it had one. */
export interface CreatedObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * Imports a TypeScript or JavaScript entry file and collects the objects it exports (see {@link collectExports}).
 * TypeScript goes through tsx's `tsImport` with the nearest `tsconfig.json` (so `paths` such as `"piceli"` resolve).
 * What the module prints to stdout while loading (examples often `process.stdout.write(toYaml(…))`) is captured
 * and returned as `printed`, so it cannot mix with the YAML `synth` prints; the objects its code made builders for
 * (exported or not) as `created`. A module that does not finish loading
 * within `timeoutMs` (a top-level await, or an exported Promise, that does not settle) is an error naming what it
 * waits for.
 */
export async function loadModule(file: string, options: LoadModuleOptions = {}): Promise<LoadedModule> {
  const tsImport = await loadTsImport(file);
  const url = pathToFileURL(file).href;
  const tsconfig = nearestTsconfig(file);
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const within = <T>(work: Promise<T>) => settleWithin(file, work, timeoutMs, deadline - Date.now());
  let module: Record<string, unknown>;
  const capture = captureStdout();
  const created = recordBuilders();
  try {
    try {
      waitingFor(file, "its top-level code is still running (a top-level await that has not settled)");
      module = (await within(tsImport(url, { parentURL: import.meta.url, ...(tsconfig !== undefined && { tsconfig }) }))) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(file, `cannot be loaded: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      capture.stop();
      created.stop();
    }
    const wait = (path: string, called: boolean) => waitingFor(file, `export ${JSON.stringify(path)} ${called ? "returned" : "is"} a Promise that has not settled`);
    return { ...(await within(collectExports(module, file, wait, exportOrder(readFileSync(file, "utf8"))))), printed: capture.text(), created: created.objects() };
  } finally {
    waitingFor(file);
  }
}

/** How {@link loadModule} loads. */
export interface LoadModuleOptions {
  /** How long the import and the Promises the exports hold may take together (`--load-timeout`). @default 60000 */
  readonly timeoutMs?: number;
}

type TsImport = (specifier: string, options: { parentURL: string; tsconfig?: string }) => Promise<unknown>;

async function loadTsImport(file: string): Promise<TsImport> {
  try {
    const api = (await import("tsx/esm/api")) as { tsImport: TsImport };
    return api.tsImport;
  } catch {
    throw new InputError(file, "loading TypeScript needs the tsx package, which is not installed (npm install tsx)");
  }
}

/** The `tsconfig.json` in the file's folder or the closest folder above it. */
export function nearestTsconfig(file: string): string | undefined {
  let dir = dirname(file);
  const { root } = parse(dir);
  for (;;) {
    const candidate = join(dir, "tsconfig.json");
    if (existsSync(candidate)) return candidate;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

/** Collects what is written with `process.stdout.write` (and so `console.log`) until `stop()`. */
function captureStdout(): { stop(): void; text(): string } {
  const original = process.stdout.write;
  const chunks: string[] = [];
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  return {
    stop: () => {
      process.stdout.write = original;
    },
    text: () => chunks.join(""),
  };
}

/**
 * Records the objects whose builders were made until `stop()`, told by piceli's builders through
 * {@link BUILDER_CREATED}: each kind and name once per namespace its builders had. Every method of a chain makes a new
 * builder of the same object, and the first ones often have no namespace yet (`configMap("a").namespace("b")`), so a
 * name's builders without a namespace count as an object of their own only when none of that name had one.
 */
function recordBuilders(): { stop(): void; objects(): CreatedObject[] } {
  // by class, then name: the first builder (whose kind is read at the end: a subclass sets it after this hook runs),
  // and the namespaces (undefined: none) in the order first seen
  const made = new Map<unknown, Map<string, { first: object; namespaces: Set<string | undefined> }>>();
  const hooks = globalThis as { [BUILDER_CREATED]?: (builder: object) => void };
  const previous = hooks[BUILDER_CREATED];
  hooks[BUILDER_CREATED] = (builder) => {
    let byName = made.get(builder.constructor);
    if (byName === undefined) made.set(builder.constructor, (byName = new Map()));
    const { name } = kindAndName(builder as never);
    // read as any copy of piceli's builders has it (the module may load another copy than this command's)
    const namespace = (builder as { namespaceName?: unknown }).namespaceName;
    let seen = byName.get(name);
    if (seen === undefined) byName.set(name, (seen = { first: builder, namespaces: new Set() }));
    seen.namespaces.add(typeof namespace === "string" ? namespace : undefined);
  };
  return {
    stop: () => {
      hooks[BUILDER_CREATED] = previous;
    },
    objects: () => [...made.values()].flatMap((byName) => [...byName].flatMap(([name, { first, namespaces }]) => {
      const { kind } = kindAndName(first as never);
      const named = [...namespaces].filter((namespace) => namespace !== undefined);
      return named.length === 0 ? [{ kind, name }] : named.map((namespace) => ({ kind, name, namespace }));
    })),
  };
}
