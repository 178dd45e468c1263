import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "js-yaml";
import { DeployError } from "../errors.js";
import { received } from "../load/check-manifest.js";
import { displayPath } from "../load/source.js";
import { isObject } from "../manifest.js";
import type { PiceliConfig } from "./define-config.js";

/** The keys of {@link PiceliConfig}, with their type, environment variable and flag. */
export const SETTINGS = {
  files: { type: "list", env: "PICELI_FILES", flag: "<files…>" },
  namespace: { type: "string", env: "PICELI_NAMESPACE", flag: "--namespace" },
  kubeconfig: { type: "path", env: "PICELI_KUBECONFIG", flag: "--kubeconfig" },
  context: { type: "string", env: "PICELI_CONTEXT", flag: "--context" },
  fieldManager: { type: "string", env: "PICELI_FIELD_MANAGER", flag: "--field-manager" },
  timeout: { type: "string", env: "PICELI_TIMEOUT", flag: "--timeout" },
  set: { type: "string", env: "PICELI_SET", flag: "--set" },
  createNamespace: { type: "boolean", env: "PICELI_CREATE_NAMESPACE", flag: "--create-namespace" },
  recursive: { type: "boolean", env: "PICELI_RECURSIVE", flag: "--no-recursive" },
} as const satisfies Record<keyof PiceliConfig, { type: string; env: string; flag: string }>;

/** A setting's name. */
export type SettingName = keyof typeof SETTINGS;

/** File names looked for in the working directory, in this order; more than one is an error. */
export const CONFIG_FILES = [
  "piceli.config.ts", "piceli.config.mts", "piceli.config.js", "piceli.config.mjs", "piceli.config.json", "piceli.config.yaml", "piceli.config.yml",
] as const;

/** A loaded config file. */
export interface LoadedConfig {
  readonly file: string;
  readonly values: PiceliConfig;
}

/**
 * Finds and reads the config file: `file` (`--config`, `PICELI_CONFIG`) when given, else one of
 * {@link CONFIG_FILES} in `cwd`, else none. Paths in it are taken relative to its folder.
 */
export async function loadConfig(options: { readonly file?: string; readonly cwd: string }): Promise<LoadedConfig | undefined> {
  let file: string;
  if (options.file !== undefined) {
    file = resolve(options.cwd, options.file);
    if (!existsSync(file)) throw new DeployError(`config file ${options.file}: no such file`);
  } else {
    const found = CONFIG_FILES.map((name) => join(options.cwd, name)).filter((path) => existsSync(path));
    if (found.length > 1) throw new DeployError(`more than one config file: ${found.map(displayPath).join(", ")}: keep one (or choose with --config)`);
    if (found.length === 0) return undefined;
    file = found[0]!;
  }
  return { file, values: checkConfig(await readConfig(file), file) };
}

async function readConfig(file: string): Promise<unknown> {
  const fail = (error: unknown): never => {
    throw new DeployError(`config file ${displayPath(file)}: cannot be read: ${(error as Error)?.message ?? String(error)}`);
  };
  if (/\.(json|ya?ml)$/.test(file)) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
      return file.endsWith(".json") ? JSON.parse(text) : load(text);
    } catch (error) {
      return fail(error);
    }
  }
  try {
    const { tsImport } = (await import("tsx/esm/api")) as { tsImport: (specifier: string, parent: string) => Promise<Record<string, unknown>> };
    const module = await tsImport(pathToFileURL(file).href, import.meta.url);
    // tsx gives a CommonJS-style module a default holding the exports once more.
    const value = module["default"];
    return isObject(value) && isObject(value["default"]) ? value["default"] : value;
  } catch (error) {
    return fail(error);
  }
}

/** Checks a config file's content: known keys, each of its type; relative paths made absolute. */
export function checkConfig(value: unknown, file: string): PiceliConfig {
  const where = `config file ${displayPath(file)}`;
  if (!isObject(value)) throw new DeployError(`${where}: expected a mapping of settings (export default { … } in TypeScript), received ${received(value)}`);
  const out: Record<string, unknown> = {};
  const base = dirname(file);
  for (const [key, item] of Object.entries(value)) {
    const setting = (SETTINGS as Record<string, { type: string }>)[key];
    if (setting === undefined) throw new DeployError(`${where}: unknown setting ${JSON.stringify(key)}: expected one of ${Object.keys(SETTINGS).join(", ")}`);
    if (item === undefined) continue;
    const expect = (ok: boolean, what: string) => {
      if (!ok) throw new DeployError(`${where}: ${key}: expected ${what}, received ${received(item)}`);
    };
    switch (setting.type) {
      case "list":
        expect(Array.isArray(item) && item.every((f) => typeof f === "string" && f !== ""), "a list of files and folders");
        out[key] = (item as string[]).map((f) => (isAbsolute(f) ? f : join(base, f)));
        break;
      case "path":
        expect(typeof item === "string" && item !== "", "a file path");
        out[key] = isAbsolute(item as string) ? item : join(base, item as string);
        break;
      case "boolean":
        expect(typeof item === "boolean", "true or false");
        out[key] = item;
        break;
      default:
        expect(typeof item === "string" && item !== "", "a string");
        out[key] = item;
    }
  }
  return out as PiceliConfig;
}
